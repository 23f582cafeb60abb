import { looksLikeCsvHeader } from './csv.js';
import { fail } from './problems.js';
import { scheduleObject } from './pretalx.js';
import { isRowLine } from './text-rows.js';
import { parseDayHeading } from './text-structure.js';

/** The formats Lectern imports. */
export const IMPORT_FORMATS = ['frab', 'pretalx', 'csv', 'text', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What each format is called in messages. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  frab: 'frab schedule',
  pretalx: 'pretalx schedule.json',
  csv: 'CSV program',
  text: 'printed program',
  json: 'Lectern program',
};

/**
 * Tells the format of a program file by its content: XML is frab; JSON with `schedule.conference` (or a bare
 * `conference`) is pretalx, other JSON is Lectern's own; a first line with title and start columns is CSV; day
 * headings or tabbed rows are a printed program.
 */
export function detectFormat(text: string): ImportFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) fail('cannot import an empty file', '(file)', 'the file is empty');
  if (body.startsWith('<')) return 'frab';
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      return scheduleObject(JSON.parse(body)) ? 'pretalx' : 'json';
    } catch {
      // Broken JSON: tell by its words, so the error comes from the right reader with a line number.
      return /"(schedule|conference)"\s*:/.test(body.slice(0, 4000)) ? 'pretalx' : 'json';
    }
  }
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  if (looksLikeCsvHeader(firstLine)) return 'csv';
  const lines = body.split(/\r?\n/, 2000);
  if (lines.some((line) => parseDayHeading(line) !== undefined || (line.includes('\t') && isRowLine(line)))) return 'text';
  fail(
    'cannot tell the format of this file',
    '(file)',
    `expected frab XML, pretalx JSON, Lectern JSON, a CSV with a header (title, start, …) or a printed program with day headings; pass --format (one of frab, pretalx, csv, text, json)`,
  );
}
