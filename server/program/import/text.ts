import { DateTime } from 'luxon';
import type { InputProblem, ItemKind } from '../../../shared/index.js';
import { PAST_MIDNIGHT_HOURS, localInstant, type ClockTime } from './clock-time.js';
import { ensureHall, type DraftHall, type DraftItem, type DraftProgram } from './draft.js';
import { Problems } from './problems.js';
import { attachAbstracts } from './text-abstracts.js';
import { isRowLine, parseRow, type TextRow } from './text-rows.js';
import { hallFromVenue, looksLikeBadDayHeading, parseDayHeading, parseVenueLine } from './text-structure.js';

/** Length of an item whose end the printed program does not give and cannot be derived (minutes, by kind). */
export const DEFAULT_MINUTES: Partial<Record<ItemKind, number>> & { other: number } = { ceremony: 10, social: 120, other: 30 };

const FORMAT = 'printed program';

interface Block {
  date: string;
  hall: DraftHall;
  rows: TextRow[];
}

function defaultMinutes(kind: ItemKind): number {
  return DEFAULT_MINUTES[kind] ?? DEFAULT_MINUTES.other;
}

function minutesOf(clock: ClockTime): number {
  return clock.hour * 60 + clock.minute;
}

const clockText = (clock: ClockTime) => `${clock.hour}:${String(clock.minute).padStart(2, '0')}`;

/**
 * Instants for the rows of one day in one hall. A row without an end ends where the next row starts when that
 * row is timed; an untimed row ("Move venue") starts at the previous item's end; when the next row is untimed
 * or there is none, the item gets DEFAULT_MINUTES for its kind. Times that go backwards run past midnight (with a
 * warning) when they are less than PAST_MIDNIGHT_HOURS after the row before; otherwise they are an error.
 */
function timeBlock(block: Block, zone: string, problems: Problems, warnings: InputProblem[]): DraftItem[] {
  let dayShift = 0;
  let previous: (TextRow & { start: ClockTime }) | undefined;
  const shifts: number[] = [];
  const starts = block.rows.map((row, index) => {
    shifts[index] = dayShift;
    if (!row.start) return undefined;
    const timed = { ...row, start: row.start };
    if (previous && minutesOf(row.start) < minutesOf(previous.start)) {
      const after = `${clockText(row.start)} comes after ${clockText(previous.start)} (line ${previous.line})`;
      if (minutesOf(row.start) + 24 * 60 - minutesOf(previous.start) >= PAST_MIDNIGHT_HOURS * 60) {
        problems.add(`line ${row.line}`, `${after}: the rows of a day go forward in time (is the time a typo?)`);
      } else {
        dayShift++;
        const date = DateTime.fromISO(block.date).plus({ days: dayShift }).toISODate();
        warnings.push({ path: `line ${row.line}`, message: `${after}: read as past midnight, on ${date}` });
      }
    }
    previous = timed;
    shifts[index] = dayShift;
    return localInstant(block.date, row.start, zone, dayShift);
  });
  const items: DraftItem[] = [];
  let previousEnd: number | undefined;
  block.rows.forEach((row, index) => {
    const source = `line ${row.line}`;
    const start = starts[index] ?? previousEnd;
    if (start === undefined) {
      problems.add(source, `"${row.title}" has no time and follows no timed row (expected a time like 9:40 before it)`);
      return;
    }
    let end: number;
    if (row.end) {
      const shift = shifts[index] ?? 0;
      end = localInstant(block.date, row.end, zone, shift);
      if (end <= start) end = localInstant(block.date, row.end, zone, shift + 1);
      if (end - start >= PAST_MIDNIGHT_HOURS * 3_600_000) {
        problems.add(source, `"${row.title}" ends (${clockText(row.end)}) before it starts: expected a range like 10:50-11:05`);
        return;
      }
    } else if (starts[index + 1] !== undefined && index + 1 < block.rows.length) {
      end = starts[index + 1]!;
    } else {
      const minutes = defaultMinutes(row.kind);
      end = start + minutes * 60_000;
      warnings.push({
        path: source,
        message: `"${row.title}" has no end: it lasts the default ${minutes} min for a ${row.kind} item`,
      });
    }
    previousEnd = end;
    items.push({
      hallKey: block.hall.name,
      kind: row.kind,
      title: row.title,
      ...(row.subtitle ? { subtitle: row.subtitle } : {}),
      speakers: row.speakers,
      start,
      end,
      ...(row.abstractRef ? { abstractRef: row.abstractRef } : {}),
      ...(row.location ? { location: row.location } : {}),
      source,
    });
  });
  return items;
}

/**
 * Reads a printed program (the layout of the Osaka symposium's program text): an optional title line, day
 * headings, `Venue:` lines (each venue a hall), tab-separated rows, then the abstracts, which attach to their
 * talks by title. Clock times are read in `zone`.
 */
export function parseTextProgram(text: string, zone: string, warnings: InputProblem[]): DraftProgram {
  const problems = new Problems();
  const lines = text.split(/\r\n|\r|\n/);
  const halls: DraftHall[] = [];
  const blocks: Block[] = [];
  const abstractLines: { text: string; line: number }[] = [];
  let title: string | undefined;
  let date: string | undefined;
  let hall: DraftHall | undefined;
  let block: Block | undefined;
  let inAbstracts = false;
  let rowCount = 0;

  // The table ends at its last row; what follows are the abstracts.
  let lastRow = -1;
  lines.forEach((raw, index) => {
    if (isRowLine(raw.replace(/\s+$/, ''))) lastRow = index;
  });

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/\s+$/, '');
    if (inAbstracts || (index > lastRow && rowCount > 0)) {
      inAbstracts = true;
      abstractLines.push({ text: line, line: lineNumber });
      return;
    }
    if (!line.trim()) return;
    const heading = parseDayHeading(line);
    if (heading) {
      date = heading;
      block = undefined;
      return;
    }
    if (looksLikeBadDayHeading(line)) {
      problems.add(
        `line ${lineNumber}`,
        `"${line.trim()}" is not a real date (expected a day heading like "Thursday, October 2, 2025")`,
      );
      return;
    }
    const venue = parseVenueLine(line);
    if (venue) {
      hall = ensureHall(halls, hallFromVenue(venue, `line ${lineNumber}`));
      block = undefined;
      return;
    }
    if (isRowLine(line)) {
      if (!date) {
        problems.add(
          `line ${lineNumber}`,
          'a program row before any day heading (expected a line like "Thursday, October 2, 2025" first)',
        );
        return;
      }
      const row = parseRow(line, lineNumber, problems, warnings);
      if (!row) return;
      if (!hall) {
        hall = ensureHall(halls, { name: 'Main hall', source: `line ${lineNumber}` });
        warnings.push({
          path: `line ${lineNumber}`,
          message: 'no "Venue:" line before the first row: the rows go to a hall named "Main hall"',
        });
      }
      if (!block || block.date !== date || block.hall !== hall) {
        block = { date, hall, rows: [] };
        blocks.push(block);
      }
      block.rows.push(row);
      rowCount++;
      return;
    }
    if (!date) {
      title ??= line.trim();
      return;
    }
    warnings.push({ path: `line ${lineNumber}`, message: `"${line.trim().slice(0, 60)}" is not a program row: ignored` });
  });

  if (rowCount === 0 && !problems.any) {
    problems.add(
      '(file)',
      'no program rows found (expected a day heading, a "Venue:" line and rows like 9:40<TAB>"Title"<TAB>Speaker (Affiliation))',
    );
  }
  problems.throwIfAny(`cannot import the ${FORMAT}`);
  const items = blocks.flatMap((b) => timeBlock(b, zone, problems, warnings));
  problems.throwIfAny(`cannot import the ${FORMAT}`);
  attachAbstracts(
    abstractLines,
    items.filter((item) => item.kind === 'talk'),
    warnings,
  );
  return { event: title ? { title } : {}, halls, items };
}
