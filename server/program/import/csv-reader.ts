import { fail } from './problems.js';

/** One record of a CSV file with the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The delimiter of a CSV file: comma, semicolon (spreadsheets in many locales) or tab, by its header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * Reads CSV text (RFC 4180: quoted fields with doubled quotes and line breaks inside, CRLF or LF). Blank lines
 * are skipped. A quote that is never closed (a truncated file) is an error naming the line it opened on.
 */
export function readCsv(text: string, delimiter: string, formatName: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted)
    fail(`cannot import the ${formatName}`, `line ${quoteLine}`, 'a quoted field is never closed (is the file cut off?)');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
