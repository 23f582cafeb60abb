import { describe, expect, it } from 'vitest';
import { applyCommand, initialHallState, type Command, type HallState } from '../../../../shared/index.js';
import { actualTimesCsv, hallActualTimes, type ActualTimesReport } from '../../../../server/program/export/actual-times.js';
import type { CommandLogEntry } from '../../../../server/store/store.js';
import { MINUTE, demoProgram, tokyo } from '../../../support/demo.js';

const program = demoProgram();

/** A hall's command log as the live service writes it: each row with the state after the command. */
function logOf(hallId: string, steps: [Command, number, boolean?][]): CommandLogEntry[] {
  let state: HallState = initialHallState(hallId);
  return steps.map(([command, at, rehearsal], seq) => {
    const outcome = applyCommand(program, state, command, at);
    if (!outcome.ok) throw new Error(`${command.type} at ${new Date(at).toISOString()}: ${outcome.message}`);
    state = outcome.state;
    return {
      seq: seq + 1,
      hallId,
      revision: state.revision,
      commandId: null,
      command,
      actor: 'director',
      role: 'director',
      at,
      wallAt: at,
      rehearsal: rehearsal ?? false,
      state,
    };
  });
}

const row = (report: ReturnType<typeof hallActualTimes>, itemId: string) => report.items.find((r) => r.itemId === itemId)!;

describe('actual times from the command log', () => {
  const log = logOf('namba', [
    // A rehearsal the day before, then the director's reset: none of it counts.
    [{ type: 'next' }, tokyo('2025-10-01T09:00'), true],
    [{ type: 'next' }, tokyo('2025-10-01T09:05'), true],
    [{ type: 'reset' }, tokyo('2025-10-01T18:00'), true],
    // The conference.
    [{ type: 'next' }, tokyo('2025-10-02T09:02')], // registration
    [{ type: 'next' }, tokyo('2025-10-02T09:33')], // opening, 3 min late
    [{ type: 'message', text: 'Welcome' }, tokyo('2025-10-02T09:35')],
    [{ type: 'next' }, tokyo('2025-10-02T09:45')], // first talk
    [{ type: 'extend', minutes: 5 }, tokyo('2025-10-02T10:15')],
    [{ type: 'hold' }, tokyo('2025-10-02T10:20')],
    [{ type: 'release' }, tokyo('2025-10-02T10:22')],
    [{ type: 'next' }, tokyo('2025-10-02T10:27')], // second talk
    [{ type: 'previous' }, tokyo('2025-10-02T10:28')], // oops: back to the first talk
    [{ type: 'next' }, tokyo('2025-10-02T10:30')], // second talk again
    [{ type: 'break', minutes: 15 }, tokyo('2025-10-02T10:58')], // the planned break
    [{ type: 'next' }, tokyo('2025-10-02T11:12')], // third talk
  ]);
  const report = hallActualTimes(program, 'namba', log);

  it('counts from the last reset; rehearsal rows never count', () => {
    expect(report.countedFrom).toBe(tokyo('2025-10-01T18:00'));
    expect(row(report, 'namba-2025-10-02-0900')).toMatchObject({
      actualStart: tokyo('2025-10-02T09:02'),
      actualEnd: tokyo('2025-10-02T09:33'),
    });
  });

  it('planned and actual start and end, the delay, the actual length', () => {
    expect(row(report, 'namba-2025-10-02-0930')).toEqual({
      hallId: 'namba',
      itemId: 'namba-2025-10-02-0930',
      title: 'Opening',
      kind: 'ceremony',
      plannedStart: tokyo('2025-10-02T09:30'),
      plannedEnd: tokyo('2025-10-02T09:40'),
      actualStart: tokyo('2025-10-02T09:33'),
      actualEnd: tokyo('2025-10-02T09:45'),
      startDelayMs: 3 * MINUTE,
      actualLengthMs: 12 * MINUTE,
    });
  });

  it('a step back onto an item reopens it: its end is when the hall last moved off it', () => {
    expect(row(report, 'namba-2025-10-02-0940')).toMatchObject({
      actualStart: tokyo('2025-10-02T09:45'),
      actualEnd: tokyo('2025-10-02T10:30'),
    });
    expect(row(report, 'namba-2025-10-02-1020')).toMatchObject({
      actualStart: tokyo('2025-10-02T10:27'),
      actualEnd: tokyo('2025-10-02T10:58'),
    });
    expect(row(report, 'namba-2025-10-02-1050')).toMatchObject({
      kind: 'break',
      actualStart: tokyo('2025-10-02T10:58'),
      actualEnd: tokyo('2025-10-02T11:12'),
    });
  });

  it('the running item has a start and no end; items not reached have neither; every planned item is listed', () => {
    expect(row(report, 'namba-2025-10-02-1105')).toMatchObject({
      actualStart: tokyo('2025-10-02T11:12'),
      actualEnd: null,
      actualLengthMs: null,
      startDelayMs: 7 * MINUTE,
    });
    expect(row(report, 'namba-2025-10-02-1145')).toMatchObject({ actualStart: null, actualEnd: null, startDelayMs: null });
    expect(report.items.map((r) => r.itemId)).toEqual(program.items.filter((i) => i.hallId === 'namba').map((i) => i.id));
  });

  it('an ad-hoc break ends the item before it; the day’s end ends the last one', () => {
    const day2 = hallActualTimes(
      program,
      'nakamozu',
      logOf('nakamozu', [
        [{ type: 'goto', itemId: 'nakamozu-2025-10-03-1645' }, tokyo('2025-10-03T16:50')],
        [{ type: 'break', minutes: 5 }, tokyo('2025-10-03T17:20')],
        [{ type: 'next' }, tokyo('2025-10-03T17:25')],
        [{ type: 'next' }, tokyo('2025-10-03T19:30')],
      ]),
    );
    expect(day2.countedFrom).toBeNull();
    expect(row(day2, 'nakamozu-2025-10-03-1645')).toMatchObject({
      actualStart: tokyo('2025-10-03T16:50'),
      actualEnd: tokyo('2025-10-03T17:20'),
    });
    expect(row(day2, 'nakamozu-2025-10-03-1715')).toMatchObject({
      actualStart: tokyo('2025-10-03T17:25'),
      actualEnd: tokyo('2025-10-03T19:30'),
    });
  });

  it('nothing counts when everything was a rehearsal', () => {
    const rehearsal = hallActualTimes(program, 'namba', logOf('namba', [[{ type: 'next' }, tokyo('2025-10-02T09:02'), true]]));
    expect(rehearsal.items.every((r) => r.actualStart === null && r.actualEnd === null)).toBe(true);
  });

  it('as CSV: a title that looks like a formula stays text in a spreadsheet; a negative delay stays a number', () => {
    const row = (title: string, startDelayMs: number) => ({
      ...report.items[0]!,
      title,
      startDelayMs,
    });
    const hostile: ActualTimesReport = {
      event: program.event.title,
      timeZone: 'Asia/Tokyo',
      generatedAt: 0,
      halls: [
        {
          ...report,
          name: '@Main',
          items: [row('=HYPERLINK("http://evil.example","Slides")', -120_000), row('+1 talk', 0), row('-2+3', 0)],
        },
      ],
    };
    const lines = actualTimesCsv(hostile).split('\r\n');
    expect(lines[1]).toContain(`,'@Main,`);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""Slides"")",`);
    expect(lines[1]).toMatch(/,-2,[^,]*,[^,]*$/);
    expect(lines[2]).toContain(`,'+1 talk,`);
    expect(lines[3]).toContain(`,'-2+3,`);
  });

  it('as CSV: BOM, a header, local times in the event zone, minutes', () => {
    const full: ActualTimesReport = { event: program.event.title, timeZone: 'Asia/Tokyo', generatedAt: 0, halls: [report] };
    const csv = actualTimesCsv(full);
    const lines = csv.split('\r\n');
    expect(
      csv.startsWith(
        '\uFEFFhall,hall_name,item_id,title,kind,planned_start,planned_end,actual_start,actual_end,start_delay_min,planned_min,actual_min',
      ),
    ).toBe(true);
    expect(lines[2]).toBe(
      'namba,I-site Namba,namba-2025-10-02-0930,Opening,ceremony,2025-10-02 09:30:00,2025-10-02 09:40:00,2025-10-02 09:33:00,2025-10-02 09:45:00,3,10,12',
    );
    expect(lines).toContain(
      'namba,I-site Namba,namba-2025-10-02-1145,Electronic Functions and Applications of Solid State Ionic Devices,talk,2025-10-02 11:45:00,2025-10-02 12:15:00,,,,30,',
    );
  });
});
