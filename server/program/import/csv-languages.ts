import { AUDIENCES, type Audience, type Speaker } from '../../../shared/index.js';
import type { CsvRecord } from './csv-reader.js';
import type { Problems } from './problems.js';

/** What a language column carries: `title_ja`, `subtitle_en`, `name_ja` (speaker names), `affiliation_ja`. */
export type LanguageField = 'title' | 'subtitle' | 'name' | 'affiliation';

/** A column of text in one language, at its place in the header. */
export interface LanguageColumn {
  field: LanguageField;
  /** Language tag, lowercase (`ja`, `en`). */
  language: string;
  index: number;
  /** The header as written, for messages. */
  header: string;
}

const FIELDS: Record<string, LanguageField> = {
  title: 'title',
  subtitle: 'subtitle',
  name: 'name',
  names: 'name',
  speaker: 'name',
  speakers: 'name',
  affiliation: 'affiliation',
  affiliations: 'affiliation',
};

/** The language column a header names (`title_ja`, `Title-EN`, `name_ja`), or undefined. */
export function languageColumnOf(header: string, index: number): LanguageColumn | undefined {
  const key = header
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const match = /^([a-z]+)_([a-z]{2,3})$/.exec(key);
  const field = match ? FIELDS[match[1]!] : undefined;
  return field ? { field, language: match![2]!, index, header: header.trim() } : undefined;
}

const split = (text: string) =>
  text
    .split(/\s*[;；\n]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The title and subtitle of one row in the language columns (`{ ja: "…" }`), each undefined when empty. */
export function rowTranslations(
  record: CsvRecord,
  columns: readonly LanguageColumn[],
): { titles?: Record<string, string>; subtitles?: Record<string, string> } {
  const collect = (field: LanguageField) => {
    const out: Record<string, string> = {};
    for (const column of columns) {
      const text = (record.fields[column.index] ?? '').trim();
      if (column.field === field && text) out[column.language] = text;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const titles = collect('title');
  const subtitles = collect('subtitle');
  return { ...(titles ? { titles } : {}), ...(subtitles ? { subtitles } : {}) };
}

/**
 * The speakers with their names and affiliations in the language columns: `name_ja` lists the names
 * separated by ";" in the order of the speakers column, `affiliation_ja` the same (or one for all).
 * A count that does not match is a problem on the row.
 */
export function speakersInLanguages(
  speakers: Speaker[],
  record: CsvRecord,
  columns: readonly LanguageColumn[],
  source: string,
  problems: Problems,
): Speaker[] {
  let out = speakers;
  for (const column of columns) {
    if (column.field !== 'name' && column.field !== 'affiliation') continue;
    const values = split(record.fields[column.index] ?? '');
    if (values.length === 0) continue;
    const shared = column.field === 'affiliation' && values.length === 1;
    if (!shared && values.length !== out.length) {
      problems.add(
        source,
        `${column.header} has ${values.length} entries but the row has ${out.length} speakers (separate them with ";", in the same order)`,
      );
      continue;
    }
    const key = column.field === 'name' ? 'names' : 'affiliations';
    out = out.map((speaker, i) => ({
      ...speaker,
      [key]: { ...speaker[key], [column.language]: values[shared ? 0 : i]! },
    }));
  }
  return out;
}

const AUDIENCE_WORDS: Record<string, Audience> = {
  現地: 'onsite',
  会場: 'onsite',
  オンライン: 'online',
  配信: 'online',
  全員: 'all',
  両方: 'all',
  'on-site': 'onsite',
  both: 'all',
};

/** An `audience` cell: all, onsite, online (or 現地, オンライン, 全員); undefined when empty, 'bad' otherwise. */
export function parseAudience(text: string): Audience | undefined | 'bad' {
  const value = text.trim().toLowerCase();
  if (!value) return undefined;
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  return AUDIENCE_WORDS[value] ?? 'bad';
}
