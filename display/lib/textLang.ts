const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

/** True when the text has kana or kanji: it must render as Japanese (lang="ja", the CJK font's glyph forms). */
export function isJapanese(text: string | null | undefined): boolean {
  return !!text && JAPANESE.test(text);
}

/**
 * The `lang` attribute for a piece of program text: "ja" for Japanese text, else the item's language when the
 * program gives one, else none (the page's own language applies).
 */
export function langOf(text: string | null | undefined, itemLanguage?: string): string | undefined {
  if (isJapanese(text)) return 'ja';
  return itemLanguage || undefined;
}
