import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The printed chair guides name buttons and messages by their exact text on the panel and the screens: every
// **bold** and *italic* (English) or 「quoted」 (Japanese) phrase is a string of web/i18n, unless listed here as
// the guide's own words; a phrase ending in … may be the start of a longer message. A label that changes in the app fails this until the guide says the new one.
const GUIDES = [
  {
    file: 'docs/chair-guide.md',
    strings: 'web/i18n/en.json',
    own: [
      'Hall:',
      'Director / tech desk:',
      'Phone:',
      'Green',
      'Amber',
      'Red',
      'Flashing red, +0:42',
      'Blue',
      'Grey',
      'The stream',
      'A red banner',
      'A screen',
      'The tablet is dead',
      'Pressed the wrong button',
      '⋯',
    ],
  },
  {
    file: 'docs/chair-guide.ja.md',
    strings: 'web/i18n/ja.json',
    own: [
      'ホール:',
      'ディレクター／技術デスク:',
      '電話:',
      '緑',
      '黄（アンバー）',
      '赤',
      '赤の点滅・+0:42',
      '青',
      '灰色',
      '赤い帯',
      'スクリーン',
      'タブレットが動かない',
      '押し間違えた',
      '⋯',
    ],
  },
];

/** Every string value of an i18n file (each plural form on its own). */
function uiStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' | ');
  if (Array.isArray(value)) return value.flatMap(uiStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(uiStrings);
  return [];
}

/** A UI string as a pattern: a placeholder ({what}, {m}) stands for anything the guide puts there (15, …). */
function pattern(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[a-z]+\\\}/gi, '.+');
  return new RegExp(`^${escaped}$`);
}

/** The phrases a guide quotes: bold and italic spans (markdown), and 「…」 with nested brackets kept whole. */
function quoted(markdown: string): string[] {
  const text = markdown.replace(/\s*\n\s*/g, ' ');
  const phrases = [...text.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]!);
  const withoutBold = text.replace(/\*\*(.+?)\*\*/g, '');
  phrases.push(...[...withoutBold.matchAll(/\*([^*\s][^*]*?)\*/g)].map((m) => m[1]!));
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '「') continue;
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === '「') depth++;
      else if (text[j] === '」' && --depth === 0) {
        phrases.push(text.slice(i + 1, j));
        i = j;
        break;
      }
    }
  }
  return phrases.map((p) => p.replace(/^● /, ''));
}

describe.each(GUIDES)('$file', ({ file, strings, own }) => {
  const guide = readFileSync(file, 'utf8');
  const texts = uiStrings(JSON.parse(readFileSync(strings, 'utf8')));
  const patterns = texts.map(pattern);
  const isUiText = (phrase: string) =>
    patterns.some((p) => p.test(phrase)) || (phrase.endsWith('…') && texts.some((t) => t.startsWith(phrase.slice(0, -1))));

  it('quotes only labels and messages the app shows', () => {
    const unknown = quoted(guide).filter((phrase) => !own.includes(phrase) && !isUiText(phrase));
    expect(unknown).toEqual([]);
  });

  it('names the big buttons', () => {
    const panel = JSON.parse(readFileSync(strings, 'utf8')).panel;
    const names = ['start', 'next', 'previous', 'qa', 'break', 'hold', 'release', 'message', 'clearMessage'];
    for (const name of names) expect(quoted(guide), name).toContain(panel.action[name]);
  });

  it('fits one printed A4 page (at most 40 lines: rendered and printed, 32 fill about nine tenths of it)', () => {
    expect(guide.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
  });
});
