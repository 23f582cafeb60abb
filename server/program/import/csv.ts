import { DateTime } from 'luxon';
import { ITEM_KINDS, type InputProblem, type ItemKind, type Speaker } from '../../../shared/index.js';
import { PAST_MIDNIGHT_HOURS, localInstant, parseClock, parseDuration, parseIsoDate, parseOffsetDateTime } from './clock-time.js';
import { ensureHall, optionalText, type DraftHall, type DraftItem, type DraftProgram } from './draft.js';
import { exactKind, kindFromTitle } from './kinds.js';
import { Problems, fail } from './problems.js';
import { detectDelimiter, readCsv, type CsvRecord } from './csv-reader.js';
import { normaliseCommas, parseSpeakers } from './text-speakers.js';
import { languageColumnOf, parseAudience, rowTranslations, speakersInLanguages, type LanguageColumn } from './csv-languages.js';

const FORMAT = 'CSV program';

/** The columns Lectern reads, each with the header names (English and Japanese) it accepts. */
export const CSV_COLUMNS = {
  id: ['id', 'item_id'],
  date: ['date', 'day', '日付', '日程'],
  start: ['start', 'start_time', 'begin', 'from', '開始', '開始時刻'],
  end: ['end', 'end_time', 'until', 'to', '終了', '終了時刻'],
  duration: ['duration', 'length', 'minutes', '所要時間'],
  hall: ['hall', 'room', '会場', '部屋', 'ホール'],
  venue: ['venue', 'building', '建物'],
  streamed: ['streamed', 'online', '配信'],
  kind: ['kind', 'type', '種別'],
  title: ['title', '題目', '演題', 'タイトル'],
  subtitle: ['subtitle', '副題', 'サブタイトル'],
  speakers: ['speakers', 'speaker', 'presenter', '講演者', '発表者'],
  affiliations: ['affiliations', 'affiliation', '所属'],
  abstract: ['abstract', '要旨', '概要'],
  abstract_ref: ['abstract_ref', 'page', '要旨ページ'],
  qa_minutes: ['qa_minutes', 'qa'],
  location: ['location', '場所'],
  track: ['track', 'トラック'],
  language: ['language', 'lang', '言語'],
  do_not_record: ['do_not_record', '録画不可'],
  do_not_stream: ['do_not_stream', '配信不可'],
  obs_scene: ['obs_scene'],
  audience: ['audience', '対象'],
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;

/** Kinds by the words a Japanese spreadsheet uses. */
const JAPANESE_KINDS: Record<string, ItemKind> = {
  講演: 'talk',
  発表: 'talk',
  休憩: 'break',
  昼食: 'meal',
  食事: 'meal',
  受付: 'registration',
  式典: 'ceremony',
  懇親会: 'social',
  ポスター: 'poster',
  見学: 'tour',
  その他: 'other',
};

const headerKey = (name: string) =>
  name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function columnOf(name: string): CsvColumn | undefined {
  const key = headerKey(name);
  return (Object.keys(CSV_COLUMNS) as CsvColumn[]).find((column) => (CSV_COLUMNS[column] as readonly string[]).includes(key));
}

/**
 * True when a first line reads as a Lectern CSV header: a title and a start column, or at least two columns
 * Lectern knows among three or more (so a header with one misspelt column is still read, and named, as CSV).
 */
export function looksLikeCsvHeader(line: string): boolean {
  const cells = line.split(detectDelimiter(line));
  const columns = new Set(cells.map((name) => columnOf(name.replace(/^"|"$/g, ''))).filter((column) => column !== undefined));
  return (columns.has('title') && columns.has('start')) || (cells.length >= 3 && columns.size >= 2);
}

function parseFlag(text: string): boolean | undefined | 'bad' {
  const value = text.trim().toLowerCase();
  if (!value) return undefined;
  if (['yes', 'y', 'true', '1', 'x', 'はい', '○', '◯'].includes(value)) return true;
  if (['no', 'n', 'false', '0', 'いいえ', '×'].includes(value)) return false;
  return 'bad';
}

/** A date-time cell: an instant with offset, "YYYY-MM-DD HH:MM" in the zone, or a clock time on `date`. */
function instantOf(text: string, date: string | undefined, zone: string): number | 'no-date' | undefined {
  const exact = parseOffsetDateTime(text);
  if (exact !== undefined) return exact;
  const local = /^(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ T](\d{1,2}:\d{2})(?::\d{2})?$/.exec(text.trim());
  if (local) {
    const day = parseIsoDate(local[1]!);
    const clock = parseClock(local[2]!);
    return day && clock ? localInstant(day, clock, zone) : undefined;
  }
  const clock = parseClock(text);
  if (!clock) return undefined;
  return date ? localInstant(date, clock, zone) : 'no-date';
}

class Row {
  constructor(
    private readonly columns: Map<CsvColumn, number>,
    readonly record: CsvRecord,
  ) {}
  get(column: CsvColumn): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.record.fields[index] ?? '').trim();
  }
}

function speakersOf(row: Row, source: string, problems: Problems, warnings: InputProblem[]): Speaker[] {
  const split = (text: string) =>
    text
      .split(/\s*[;；\n]\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
  const names = split(row.get('speakers'));
  const affiliations = split(row.get('affiliations'));
  if (affiliations.length === 0) return parseSpeakers(names.join('; '), source, warnings);
  if (affiliations.length !== 1 && affiliations.length !== names.length) {
    problems.add(
      source,
      `${names.length} speakers but ${affiliations.length} affiliations (separate both with ";", in the same order)`,
    );
    return [];
  }
  return names.map((name, i) => ({ name, affiliation: normaliseCommas(affiliations[affiliations.length === 1 ? 0 : i]!) }));
}

/**
 * The draft program of a CSV file with a header row (see docs/import-export.md for the columns). One row per
 * item; clock times are read in `zone` on the row's date, an end before the start is after midnight.
 */
export function draftFromCsv(text: string, zone: string, warnings: InputProblem[]): DraftProgram {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const records = readCsv(text, detectDelimiter(firstLine), FORMAT);
  const header = records[0];
  if (!header) fail(`cannot import the ${FORMAT}`, '(file)', 'the file is empty');
  const problems = new Problems();
  const columns = new Map<CsvColumn, number>();
  const languageColumns: LanguageColumn[] = [];
  header.fields.forEach((name, index) => {
    const column = columnOf(name);
    const languageColumn = column ? undefined : languageColumnOf(name, index);
    if (languageColumn) {
      const twice = languageColumns.find((c) => c.field === languageColumn.field && c.language === languageColumn.language);
      if (twice) problems.add(`line ${header.line}`, `two columns mean ${twice.header}: "${twice.header}" and "${name.trim()}"`);
      languageColumns.push(languageColumn);
      return;
    }
    if (!column) {
      if (name.trim())
        warnings.push({ path: `line ${header.line}`, message: `column "${name.trim()}" is not one Lectern reads: ignored` });
      return;
    }
    if (columns.has(column))
      problems.add(`line ${header.line}`, `two columns mean ${column}: "${header.fields[columns.get(column)!]}" and "${name}"`);
    columns.set(column, index);
  });
  const required: CsvColumn[] = ['start', 'hall', 'title'];
  // With no plain title column, the first language title column (title_ja, title_en) is the default title.
  const titleColumn = languageColumns.find((c) => c.field === 'title');
  if (!columns.has('title') && titleColumn) columns.set('title', titleColumn.index);
  for (const column of required) {
    if (!columns.has(column))
      problems.add(`line ${header.line}`, `no "${column}" column (the header needs ${required.join(', ')}, and end or duration)`);
  }
  if (!columns.has('end') && !columns.has('duration')) problems.add(`line ${header.line}`, 'no "end" or "duration" column');
  problems.throwIfAny(`cannot import the ${FORMAT}`);

  const halls: DraftHall[] = [];
  const items: DraftItem[] = [];
  for (const record of records.slice(1)) {
    const source = `line ${record.line}`;
    if (record.fields.length !== header.fields.length) {
      problems.add(
        source,
        `${record.fields.length} fields but the header has ${header.fields.length} (is the file cut off, or a field with a comma unquoted?)`,
      );
      continue;
    }
    const row = new Row(columns, record);
    const before = problems.list.length;
    const dateText = row.get('date');
    const date = dateText ? parseIsoDate(dateText) : undefined;
    if (dateText && !date) problems.add(source, `date "${dateText}" is not a date (expected YYYY-MM-DD, e.g. 2025-10-02)`);
    const start = instantOf(row.get('start'), date, zone);
    if (start === 'no-date') {
      if (!dateText) problems.add(source, 'start is a time of day but the row has no date (fill the date column)');
    } else if (start === undefined)
      problems.add(source, `start "${row.get('start')}" is not a time (expected HH:MM, or 2025-10-02T09:40+09:00)`);
    let end: number | undefined;
    const endText = row.get('end');
    const durationText = row.get('duration');
    if (typeof start === 'number') {
      if (endText) {
        const startDate = DateTime.fromMillis(start, { zone }).toISODate()!;
        const value = instantOf(endText, startDate, zone);
        if (typeof value !== 'number') problems.add(source, `end "${endText}" is not a time (expected HH:MM)`);
        else if (value > start || parseClock(endText) === undefined) end = value;
        else {
          // A clock time at or before the start ends after midnight, when that makes a believable length.
          const nextDay = DateTime.fromMillis(value, { zone }).plus({ days: 1 });
          if (nextDay.toMillis() - start >= PAST_MIDNIGHT_HOURS * 3_600_000) {
            problems.add(source, `end "${endText}" is not after start "${row.get('start')}"`);
          } else {
            end = nextDay.toMillis();
            warnings.push({ path: source, message: `end "${endText}" is read as past midnight, on ${nextDay.toISODate()}` });
          }
        }
      } else if (durationText) {
        const ms = parseDuration(durationText);
        if (ms === undefined || ms <= 0)
          problems.add(source, `duration "${durationText}" is not a length (expected HH:MM or minutes, e.g. 00:40 or 40)`);
        else end = start + ms;
      } else problems.add(source, 'neither an end nor a duration');
    }
    const hallKey = row.get('hall');
    if (!hallKey) problems.add(source, 'no hall');
    const title = row.get('title');
    if (!title) problems.add(source, 'no title');
    const kindText = row.get('kind');
    const speakers = speakersInLanguages(speakersOf(row, source, problems, warnings), record, languageColumns, source, problems);
    const audience = parseAudience(row.get('audience'));
    if (audience === 'bad') problems.add(source, `audience "${row.get('audience')}" is not all, onsite or online`);
    let kind: ItemKind | undefined = kindText ? (exactKind(kindText) ?? JAPANESE_KINDS[kindText.trim()]) : kindFromTitle(title);
    if (!kindText && kind === 'other' && speakers.length > 0) kind = 'talk';
    if (!kind) problems.add(source, `kind "${kindText}" is not one of ${ITEM_KINDS.join(', ')}`);
    const flags: Partial<Record<'doNotRecord' | 'doNotStream' | 'streamed', boolean>> = {};
    for (const [column, key] of [
      ['do_not_record', 'doNotRecord'],
      ['do_not_stream', 'doNotStream'],
      ['streamed', 'streamed'],
    ] as const) {
      const value = parseFlag(row.get(column));
      if (value === 'bad') problems.add(source, `${column} "${row.get(column)}" is not yes or no`);
      else if (value !== undefined) flags[key] = value;
    }
    const qaText = row.get('qa_minutes');
    const qaMinutes = qaText ? Number(qaText) : undefined;
    if (qaText && !Number.isInteger(qaMinutes)) problems.add(source, `qa_minutes "${qaText}" is not a whole number of minutes`);
    if (problems.list.length > before || end === undefined || typeof start !== 'number' || !kind) continue;

    const hall = ensureHall(halls, { name: hallKey, source });
    const venue = optionalText(row.get('venue'));
    if (venue && !hall.venue) hall.venue = venue;
    if (flags.streamed !== undefined) hall.streamed = (hall.streamed ?? false) || flags.streamed;
    const text = (column: CsvColumn) => optionalText(row.get(column));
    items.push({
      ...(text('id') ? { id: text('id') } : {}),
      hallKey,
      kind,
      title,
      ...(text('subtitle') ? { subtitle: text('subtitle') } : {}),
      ...rowTranslations(record, languageColumns),
      ...(audience && audience !== 'bad' ? { audience } : {}),
      speakers,
      start,
      end,
      ...(text('abstract_ref') ? { abstractRef: text('abstract_ref') } : {}),
      ...(text('abstract') ? { abstract: text('abstract') } : {}),
      ...(qaMinutes !== undefined ? { qaMinutes } : {}),
      ...(text('obs_scene') ? { obsScene: text('obs_scene') } : {}),
      ...(flags.doNotRecord !== undefined ? { doNotRecord: flags.doNotRecord } : {}),
      ...(flags.doNotStream !== undefined ? { doNotStream: flags.doNotStream } : {}),
      ...(text('location') ? { location: text('location') } : {}),
      ...(text('track') ? { track: text('track') } : {}),
      ...(text('language') ? { language: text('language') } : {}),
      source,
    });
  }
  if (records.length === 1) problems.add(`line ${header.line}`, 'a header but no rows');
  problems.throwIfAny(`cannot import the ${FORMAT}`);
  return { event: {}, halls, items };
}
