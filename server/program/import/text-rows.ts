import type { InputProblem, ItemKind, Speaker } from '../../../shared/index.js';
import { parseClock, type ClockTime } from './clock-time.js';
import { kindFromTitle } from './kinds.js';
import type { Problems } from './problems.js';
import { normaliseCommas, parseSpeakers } from './text-speakers.js';

/** One row of a printed program's table, before it has instants. */
export interface TextRow {
  line: number;
  start?: ClockTime;
  end?: ClockTime;
  kind: ItemKind;
  title: string;
  subtitle?: string;
  speakers: Speaker[];
  abstractRef?: string;
  location?: string;
}

const OPEN_QUOTE = /^["“”]/;
const CLOSE_QUOTE = /["“”]/;
const RANGE = /^(\d{1,2}[:：]\d{2})\s*[-–~～〜]\s*(\d{1,2}[:：]\d{2})$/;
const LABEL_RANGE = /^(.*?)\s*[(（]\s*(\d{1,2}[:：]\d{2})\s*[-–~～〜]\s*(\d{1,2}[:：]\d{2})\s*(.*)$/s;
const ABSTRACT_REF = /^P\.?\s*(\d+)$/i;
/** Words a side program's label may be garbled from ("Luncheon Semir" → "Luncheon Seminar"). */
const LABEL_WORDS = ['Seminar', 'Session', 'Symposium', 'Workshop', 'Lecture', 'Presentation'];

/** A row line: it has a tab, or starts with a time of day followed by text. */
export function isRowLine(line: string): boolean {
  return line.includes('\t') || /^\s*\d{1,2}[:：]\d{2}(\s*[-–~～〜]\s*\d{1,2}[:：]\d{2})?\s+\S/.test(line);
}

/** A garbled word repaired against LABEL_WORDS: same first three letters, its letters in order within the word. */
function repairWord(word: string): string {
  if (word.length < 4 || LABEL_WORDS.some((w) => w.toLowerCase() === word.toLowerCase())) return word;
  const lower = word.toLowerCase();
  const isSubsequence = (w: string) => {
    let at = 0;
    for (const ch of w.toLowerCase()) if (ch === lower[at]) at++;
    return at === lower.length;
  };
  const match = LABEL_WORDS.find((w) => w.toLowerCase().startsWith(lower.slice(0, 3)) && isSubsequence(w));
  return match ?? word;
}

/** Joins a title the printer cut ("… Batteries - F") with its continuation ("From Raw …"), dropping the cut word. */
export function joinCutText(head: string, tail: string): string {
  const cut = /(\S+)$/.exec(head)?.[1] ?? '';
  const firstWord = /^(\S+)/.exec(tail)?.[1] ?? '';
  if (cut && firstWord.length > cut.length && firstWord.startsWith(cut))
    return `${head.slice(0, head.length - cut.length)}${tail}`.trim();
  return `${head} ${tail}`.trim();
}

/** Tab-less rows ("9:40 "Title" Speaker (Affiliation) P.1"), split into the cells a tabbed row has. */
function cellsOf(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim());
  const match = /^\s*(\S+)\s+(.*)$/.exec(line)!;
  const rest = match[2]!.trim();
  const cells = [match[1]!];
  if (!OPEN_QUOTE.test(rest)) return [...cells, rest];
  const close = rest.slice(1).search(CLOSE_QUOTE);
  if (close < 0) return [...cells, rest];
  cells.push(rest.slice(0, close + 2));
  let remainder = rest.slice(close + 2).trim();
  const ref = /\s*(P\.?\s*\d+)$/i.exec(remainder);
  if (ref) remainder = remainder.slice(0, ref.index).trim();
  return [...cells, remainder, ref?.[1] ?? ''];
}

interface SideProgram {
  subtitle: string;
  speakers: Speaker[];
}

/**
 * The program inside a meal or break row after "/": `Luncheon Seminar "Title" — Speaker (Affiliation)`. A title
 * the printer split around the speaker (its closing quote in a later cell) is joined back.
 */
function parseSideProgram(
  first: string,
  later: string[],
  source: string,
  problems: Problems,
  warnings: InputProblem[],
): SideProgram | undefined {
  const text = first.replace(/^\/\s*/, '');
  const quoteAt = text.search(/["“]/);
  if (quoteAt < 0) {
    const unbalanced = (text.match(/\)/g) ?? []).length > (text.match(/\(/g) ?? []).length;
    return { subtitle: normaliseCommas(unbalanced ? text.replace(/\)\s*$/, '') : text), speakers: [] };
  }
  const rawLabel = text.slice(0, quoteAt).trim();
  const label = rawLabel
    .split(/\s+/)
    .map((word) => repairWord(word))
    .join(' ');
  if (label !== rawLabel) warnings.push({ path: source, message: `"${rawLabel}" read as "${label}"` });
  const afterQuote = text.slice(quoteAt + 1);
  const closeAt = afterQuote.search(/["”]/);
  let title: string;
  let speakerText: string;
  if (closeAt >= 0) {
    title = afterQuote.slice(0, closeAt).trim();
    speakerText = afterQuote.slice(closeAt + 1).replace(/^\s*[—–-]\s*/, '');
  } else {
    const dash = afterQuote.search(/\s[—–]\s/);
    const head = dash >= 0 ? afterQuote.slice(0, dash).trim() : afterQuote.trim();
    speakerText = dash >= 0 ? afterQuote.slice(dash + 3) : '';
    const closing = later.findIndex((cell) => CLOSE_QUOTE.test(cell));
    if (closing < 0) {
      problems.add(source, `the quoted title "${head}…" is not closed (expected a closing ")`);
      return undefined;
    }
    const tail = later[closing]!.slice(0, later[closing]!.search(CLOSE_QUOTE)).trim();
    title = joinCutText(head, tail);
    later.splice(0, closing + 1);
  }
  const speakers = parseSpeakers(speakerText.trim(), source, warnings);
  return { subtitle: `${label ? `${label}: ` : ''}${title}`, speakers };
}

/**
 * Reads one table row: `HH:MM<TAB>"Title"<TAB>Speaker (Affiliation)<TAB>P.n`, `<TAB>Break (10:50-11:05)`,
 * `<TAB>Move venue` (untimed), `18:00<TAB>Networking event Venue: Tennoden`. Problems name the line.
 */
export function parseRow(line: string, lineNumber: number, problems: Problems, warnings: InputProblem[]): TextRow | undefined {
  const source = `line ${lineNumber}`;
  const cells = cellsOf(line);
  const timeCell = cells[0] ?? '';
  let start: ClockTime | undefined;
  let end: ClockTime | undefined;
  if (timeCell) {
    const range = RANGE.exec(timeCell);
    start = parseClock(range ? range[1]! : timeCell);
    end = range ? parseClock(range[2]!) : undefined;
    if (!start || (range && !end)) {
      problems.add(source, `"${timeCell}" in the time column is not a time of day (expected H:MM or H:MM-H:MM, e.g. 9:40)`);
      return undefined;
    }
  }
  const label = cells[1] ?? '';
  if (!label) {
    problems.add(source, 'a row without a title (expected a title after the time and a tab)');
    return undefined;
  }
  const rest = cells.slice(2);
  let title: string;
  let kind: ItemKind;
  let subtitle: string | undefined;
  let speakers: Speaker[] = [];
  let location: string | undefined;

  const labelRange = OPEN_QUOTE.test(label) ? null : LABEL_RANGE.exec(label);
  if (OPEN_QUOTE.test(label)) {
    const close = label.slice(1).search(CLOSE_QUOTE);
    if (close < 0) {
      problems.add(source, `the quoted title ${label.slice(0, 60)}… is not closed (expected a closing ")`);
      return undefined;
    }
    title = label.slice(1, close + 1).trim();
    kind = 'talk';
  } else if (labelRange) {
    title = labelRange[1]!.trim();
    kind = kindFromTitle(title);
    const rangeStart = parseClock(labelRange[2]!);
    const rangeEnd = parseClock(labelRange[3]!);
    if (!rangeStart || !rangeEnd) {
      problems.add(source, `"(${labelRange[2]}-${labelRange[3]})" is not a time range (expected e.g. (10:50-11:05))`);
      return undefined;
    }
    if (start && (start.hour !== rangeStart.hour || start.minute !== rangeStart.minute)) {
      problems.add(source, `the row's time ${timeCell} and its range (${labelRange[2]}-${labelRange[3]}) disagree`);
      return undefined;
    }
    start = rangeStart;
    end = rangeEnd;
    const after = labelRange[4]!.trim();
    if (after.startsWith('/')) {
      const side = parseSideProgram(after, rest, source, problems, warnings);
      if (!side) return undefined;
      subtitle = side.subtitle;
      speakers = side.speakers;
    }
  } else {
    const venue = /^(.*?)\s+(?:Venue|会場)\s*[:：]\s*(.+)$/i.exec(label);
    title = (venue ? venue[1]! : label).trim();
    if (venue) location = normaliseCommas(venue[2]!);
    kind = kindFromTitle(title);
  }

  let abstractRef: string | undefined;
  for (const cell of rest) {
    if (!cell) continue;
    const ref = ABSTRACT_REF.exec(cell);
    if (ref) abstractRef = `P.${ref[1]}`;
    else if (speakers.length === 0) speakers = parseSpeakers(cell, source, warnings);
    else warnings.push({ path: source, message: `extra column "${cell.slice(0, 40)}" ignored` });
  }
  return {
    line: lineNumber,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    kind,
    title,
    ...(subtitle ? { subtitle } : {}),
    speakers,
    ...(abstractRef ? { abstractRef } : {}),
    ...(location ? { location } : {}),
  };
}
