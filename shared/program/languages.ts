import type { Item, Speaker } from './schema.js';

/** Text in other languages than the default, by language tag, as the program carries it. */
type Translations = Readonly<Record<string, string>> | undefined;

/** A piece of program text as a screen shows it: the text, and its language when a translation gave it. */
export interface TextIn {
  text: string;
  /** The tag of the translation shown; undefined when the default text is shown (its language is the program's). */
  lang: string | undefined;
}

/** The text in `lang` when the program has it, else the default text. */
export function textIn(defaultText: string, translations: Translations, lang: string | undefined): TextIn {
  const translated = lang ? translations?.[lang] : undefined;
  return translated ? { text: translated, lang } : { text: defaultText, lang: undefined };
}

/** An item's title in `lang`, falling back to `title`. */
export function itemTitle(item: Pick<Item, 'title' | 'titles'>, lang: string | undefined): TextIn {
  return textIn(item.title, item.titles, lang);
}

/** An item's subtitle in `lang`, falling back to `subtitle`; undefined when the item has none. */
export function itemSubtitle(item: Pick<Item, 'subtitle' | 'subtitles'>, lang: string | undefined): TextIn | undefined {
  if (!item.subtitle) return item.subtitles && lang && item.subtitles[lang] ? { text: item.subtitles[lang], lang } : undefined;
  return textIn(item.subtitle, item.subtitles, lang);
}

/** A speaker's name in `lang`, falling back to `name`. */
export function speakerName(speaker: Pick<Speaker, 'name' | 'names'>, lang: string | undefined): TextIn {
  return textIn(speaker.name, speaker.names, lang);
}

/** A speaker's affiliation in `lang`, falling back to `affiliation` (empty when the program gives none). */
export function speakerAffiliation(speaker: Pick<Speaker, 'affiliation' | 'affiliations'>, lang: string | undefined): TextIn {
  return textIn(speaker.affiliation, speaker.affiliations, lang);
}

/** A speaker as a screen shows it in one language: name and affiliation with the fallback applied. */
export function speakerIn<S extends Pick<Speaker, 'name' | 'names' | 'affiliation' | 'affiliations'>>(
  speaker: S,
  lang: string | undefined,
): S {
  return { ...speaker, name: speakerName(speaker, lang).text, affiliation: speakerAffiliation(speaker, lang).text };
}

/** At most this many languages on one screen: the first large, the second smaller beneath. */
export const MAX_SCREEN_LANGUAGES = 2;

/**
 * A screen's `?lang=` as an ordered list of the languages it shows: `ja`, `ja,en`, `ja+en` (a `+` in a query
 * arrives as a space, also accepted). Tags are matched case-insensitively against `supported`; unknown ones and
 * repeats are dropped; at most two. Empty when the parameter names none (the screen takes the event's language).
 */
export function parseScreenLanguages(raw: string | null | undefined, supported: readonly string[]): string[] {
  const known = new Map(supported.map((tag) => [tag.toLowerCase(), tag]));
  const out: string[] = [];
  for (const part of (raw ?? '').split(/[,+\s]+/)) {
    const tag = known.get(part.trim().toLowerCase());
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, MAX_SCREEN_LANGUAGES);
}
