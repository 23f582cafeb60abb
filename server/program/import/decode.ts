import { fail } from './problems.js';

/**
 * The text of an uploaded or read program file: UTF-8 (with or without a BOM, as Excel's "CSV UTF-8" writes
 * it), or UTF-16 with a BOM (Excel's "Unicode text"). Anything else that is not valid UTF-8 (Shift_JIS, Latin-1)
 * is refused with the line of the first bad byte, rather than imported as mojibake.
 */
export function decodeProgramBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, bad)).split('\n').length;
    fail(
      'cannot import this file: it is not UTF-8 text',
      `line ${line}`,
      'not UTF-8 (save it as UTF-8: in Excel "CSV UTF-8 (comma delimited)")',
    );
  }
}
