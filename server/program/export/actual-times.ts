import { DateTime } from 'luxon';
import { BREAK_KINDS, type HallState, type ItemKind, type Program } from '../../../shared/index.js';
import type { CommandLogEntry, Store } from '../../store/store.js';

/** Planned against actual times of one item in one hall. Instants are epoch ms; null when it did not happen. */
export interface ActualTimeRow {
  hallId: string;
  itemId: string;
  /** Null for an item in the log that is no longer in the program. */
  title: string | null;
  kind: ItemKind | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  /** When the item first became the hall's current item. */
  actualStart: number | null;
  /** When the hall last moved off it (to another item, an ad-hoc break, the day's end or idle). */
  actualEnd: number | null;
  /** actualStart − plannedStart (ms; negative when early). */
  startDelayMs: number | null;
  /** actualEnd − actualStart (ms). */
  actualLengthMs: number | null;
}

/** One hall's record. */
export interface HallActualTimes {
  hallId: string;
  name: string;
  /** Server time of the hall's last `reset` (nothing before it counts), or null when it was never reset. */
  countedFrom: number | null;
  items: ActualTimeRow[];
}

/** What GET /api/v1/export/actual-times.json answers. */
export interface ActualTimesReport {
  event: string;
  timeZone: string;
  /** Server time the report was made (epoch ms). */
  generatedAt: number;
  halls: HallActualTimes[];
}

/** The item a hall is running in a state: its current item, unless it is on an ad-hoc break after it. */
function runningItem(state: HallState, isBreakItem: (itemId: string) => boolean): string | null {
  if (state.itemId === null) return null;
  const phase = state.phase === 'hold' ? (state.held?.phase ?? 'hold') : state.phase;
  if (phase === 'idle' || phase === 'ended') return null;
  if (phase === 'break' && !isBreakItem(state.itemId)) return null;
  return state.itemId;
}

/**
 * Actual start and end of every item of a hall from its command log (oldest first). Only rows after the hall's
 * last `reset` count (a director resets after a rehearsal), and rows made under a rehearsal clock never do.
 * An item starts when it becomes the hall's running item and ends when the hall last moves off it; a
 * `previous` back onto an item reopens it.
 */
export function hallActualTimes(program: Program, hallId: string, log: readonly CommandLogEntry[]): HallActualTimes {
  const hall = program.halls.find((h) => h.id === hallId);
  const planned = program.items.filter((item) => item.hallId === hallId);
  const kinds = new Map(program.items.map((item) => [item.id, item.kind]));
  const isBreakItem = (itemId: string) => BREAK_KINDS.includes(kinds.get(itemId) ?? 'talk');
  let lastReset = -1;
  log.forEach((entry, index) => {
    if (entry.command.type === 'reset') lastReset = index;
  });
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const order = new Set<string>();
  let running: string | null = null;
  for (const entry of log.slice(lastReset + 1)) {
    const next = runningItem(entry.state, isBreakItem);
    if (next === running) continue;
    if (!entry.rehearsal) {
      if (running !== null) ends.set(running, entry.at);
      if (next !== null) {
        if (!starts.has(next)) starts.set(next, entry.at);
        ends.delete(next);
        order.add(next);
      }
    }
    running = next;
  }
  const plannedById = new Map(planned.map((item) => [item.id, item]));
  const row = (itemId: string): ActualTimeRow => {
    const item = plannedById.get(itemId);
    const actualStart = starts.get(itemId) ?? null;
    const actualEnd = ends.get(itemId) ?? null;
    return {
      hallId,
      itemId,
      title: item?.title ?? null,
      kind: item?.kind ?? null,
      plannedStart: item?.start ?? null,
      plannedEnd: item?.end ?? null,
      actualStart,
      actualEnd,
      startDelayMs: item && actualStart !== null ? actualStart - item.start : null,
      actualLengthMs: actualStart !== null && actualEnd !== null ? actualEnd - actualStart : null,
    };
  };
  const gone = [...order].filter((id) => !plannedById.has(id));
  return {
    hallId,
    name: hall?.name ?? hallId,
    countedFrom: lastReset >= 0 ? log[lastReset]!.at : null,
    items: [...planned.map((item) => row(item.id)), ...gone.map(row)],
  };
}

/** Every hall's command log, oldest first, read page by page. */
export async function readHallLog(store: Store, hallId: string): Promise<CommandLogEntry[]> {
  const log: CommandLogEntry[] = [];
  for (;;) {
    const page = await store.listCommands(hallId, { afterSeq: log[log.length - 1]?.seq ?? 0, limit: 5000 });
    log.push(...page);
    if (page.length < 5000) return log;
  }
}

/** The actual-times report of a program (every hall, or one) from the store's command log. */
export async function actualTimesReport(
  store: Store,
  program: Program,
  now: number,
  hallId?: string,
): Promise<ActualTimesReport> {
  const halls: HallActualTimes[] = [];
  for (const hall of program.halls) {
    if (hallId && hall.id !== hallId) continue;
    halls.push(hallActualTimes(program, hall.id, await readHallLog(store, hall.id)));
  }
  return { event: program.event.title, timeZone: program.event.timeZone, generatedAt: now, halls };
}

const CSV_HEADER = [
  'hall',
  'hall_name',
  'item_id',
  'title',
  'kind',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'start_delay_min',
  'planned_min',
  'actual_min',
];

/**
 * One CSV field. A text starting like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so a title from a
 * call for papers such as `=HYPERLINK(…)` stays text in a spreadsheet; numbers (a negative delay) stay numbers.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6_000) / 10);

/**
 * The report as CSV for a spreadsheet: UTF-8 with a BOM (Excel reads Japanese correctly), one row per item,
 * times as "YYYY-MM-DD HH:MM:SS" in the event's zone, lengths and delays in minutes (one decimal).
 */
export function actualTimesCsv(report: ActualTimesReport): string {
  const local = (instant: number | null) =>
    instant === null ? null : DateTime.fromMillis(instant, { zone: report.timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
  const lines = [CSV_HEADER.join(',')];
  for (const hall of report.halls) {
    for (const row of hall.items) {
      const plannedMs = row.plannedStart !== null && row.plannedEnd !== null ? row.plannedEnd - row.plannedStart : null;
      lines.push(
        [
          hall.hallId,
          hall.name,
          row.itemId,
          row.title,
          row.kind,
          local(row.plannedStart),
          local(row.plannedEnd),
          local(row.actualStart),
          local(row.actualEnd),
          minutes(row.startDelayMs),
          minutes(plannedMs),
          minutes(row.actualLengthMs),
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
