import { fail } from './problems.js';

/** Where JSON text first goes wrong: its offset and what was expected there. */
interface SyntaxSpot {
  offset: number;
  expected: string;
}

/**
 * Finds the first syntax error in JSON text (JSON.parse in Node 20 does not say where). A small recursive
 * scanner that only runs after JSON.parse has failed.
 */
export function findJsonSyntaxError(text: string): SyntaxSpot | undefined {
  let at = 0;
  const fault = (expected: string): never => {
    throw { offset: at, expected } satisfies SyntaxSpot;
  };
  const space = () => {
    while (at < text.length && /[ \t\n\r]/.test(text[at]!)) at++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fault(`"${word}"`);
  };
  const string = () => {
    at++;
    while (at < text.length) {
      const ch = text[at]!;
      if (ch === '"') return void at++;
      if (ch === '\\') {
        const next = text[at + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if (next !== undefined && '"\\/bfnrt'.includes(next)) at += 2;
        else fault('a valid escape (\\" \\\\ \\n \\uXXXX …)');
      } else if (ch < ' ') fault('a closing " before the end of the line');
      else at++;
    }
    fault('a closing " (the file ends inside a string)');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fault('a value (object, array, string, number, true, false or null)');
    at += match![0].length;
  };
  /** An object's members or an array's values, from the opening bracket to `close`, each read by `entry`. */
  const entries = (close: '}' | ']', entry: () => void) => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      entry();
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === close) return void at++;
      fault(text[at] === undefined ? `"${close}" (the file ends too early)` : `"," or "${close}"`);
    }
  };
  const member = () => {
    space();
    if (text[at] !== '"') fault('a property name in double quotes');
    string();
    space();
    if (text[at] !== ':') fault('":" after the property name');
    at++;
    value();
  };
  const value = (): void => {
    space();
    const ch = text[at];
    if (ch === undefined) fault('a value (the file ends too early)');
    if (ch === '{') return entries('}', member);
    if (ch === '[') return entries(']', value);
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    number();
  };
  try {
    value();
    space();
    if (at < text.length) fault('the end of the file');
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    return error as SyntaxSpot;
  }
}

/** Parses JSON text; a syntax error (a truncated file) is a ProgramError naming its line and column. */
export function parseJsonText(text: string, formatName: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (error) {
    const spot = findJsonSyntaxError(body);
    if (!spot) fail(`cannot import the ${formatName}: it is not valid JSON`, '(file)', (error as Error).message);
    const before = body.slice(0, spot.offset);
    const line = before.split('\n').length;
    const column = spot.offset - before.lastIndexOf('\n');
    fail(`cannot import the ${formatName}: it is not valid JSON`, `line ${line}`, `column ${column}: expected ${spot.expected}`);
  }
}
