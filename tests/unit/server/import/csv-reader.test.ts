import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../server/program/import/csv-reader.js';

// csv-parse was tried in its place (issue 10): it counts a CRLF inside a quoted field as two lines, so every
// later record was named one line too far on; Lectern's problems name lines, so the reader stays.
describe('the CSV reader', () => {
  it('names the line each record starts on, past quoted line breaks, mixed CRLF and LF and blank lines', () => {
    const text = 'title;abstract\r\n"One";"first\r\nsecond\nthird"\r\n\r\nTwo;"a ""quoted"" word"\r\nThree;5" screen\n';
    expect(readCsv(text, ';', 'CSV file')).toEqual([
      { line: 1, fields: ['title', 'abstract'] },
      { line: 2, fields: ['One', 'first\r\nsecond\nthird'] },
      { line: 6, fields: ['Two', 'a "quoted" word'] },
      { line: 7, fields: ['Three', '5" screen'] },
    ]);
  });

  it('names the line a never-closed quote opens on', () => {
    expect(() => readCsv('a,b\n1,2\n3,"cut\noff\n', ',', 'CSV file')).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: 'line 3' })] }),
    );
  });
});
