import { describe, expect, it } from 'vitest';
import { ProgramSchema, hallItems } from '../../../../shared/index.js';
import { importProgram } from '../../../../server/program/import/index.js';
import { exportFrabXml } from '../../../../server/program/export/frab-xml.js';
import { fixture, problemsOf } from './support.js';

const XML = fixture('frab-31c3-schedule.xml');
const congress = importProgram(XML, { zone: 'Europe/Berlin' });

/** Every event's id, start (from its <date>) and duration, read with plain regular expressions. */
function eventsInXml(xml: string) {
  return [
    ...xml.matchAll(
      /<event guid='[^']*' id='(\d+)'>\s*<date>([^<]+)<\/date>\s*<start>[^<]*<\/start>\s*<duration>(\d+):(\d+)<\/duration>/g,
    ),
  ].map((m) => ({
    id: `frab-${m[1]}`,
    start: Date.parse(m[2]!),
    end: Date.parse(m[2]!) + (Number(m[3]) * 60 + Number(m[4])) * 60_000,
  }));
}

describe('the 31C3 frab schedule', () => {
  const program = congress.program;

  it('imports to 4 halls and 138 items', () => {
    expect(congress.format).toBe('frab');
    expect(program.halls.map((h) => h.id)).toEqual(['saal-1', 'saal-2', 'saal-g', 'saal-6']);
    expect(program.items).toHaveLength(138);
    expect(program.event.title).toBe('31. Chaos Communication Congress');
  });

  it('keeps exactly the instants the file writes with +01:00, across midnight', () => {
    const expected = eventsInXml(XML);
    expect(expected).toHaveLength(138);
    for (const event of expected) {
      const item = program.items.find((i) => i.id === event.id)!;
      expect([item.start, item.end], event.id).toEqual([event.start, event.end]);
    }
    const citizenfour = program.items.find((i) => i.id === 'frab-6581')!;
    expect(citizenfour).toMatchObject({ title: 'Citizenfour', kind: 'other', hallId: 'saal-1' });
    expect(citizenfour.start).toBe(Date.parse('2014-12-27T23:00:00Z'));
    expect(citizenfour.end).toBe(Date.parse('2014-12-28T01:15:00Z'));
  });

  it('keeps titles as written (typographic quotes), persons as speakers, optout as do-not-record', () => {
    expect(program.items.find((i) => i.id === 'frab-6264')).toMatchObject({
      title: '„Wir beteiligen uns aktiv an den Diskussionen“',
      speakers: [{ name: 'Martin Haase/maha', affiliation: '' }],
      track: 'Ethics, Society & Politics',
      language: 'de',
    });
    expect(program.items.filter((i) => i.doNotRecord).length).toBe(2);
    expect(hallItems(program, 'saal-1').length).toBeGreaterThan(30);
  });

  it('equals tests/fixtures/31c3.program.json', () => {
    expect(program).toEqual(ProgramSchema.parse(JSON.parse(fixture('31c3.program.json'))));
  });

  it('without --zone and with no zone in the file uses the machine zone, says so, and still keeps the instants', () => {
    const machine = importProgram(XML, { machineZone: 'Asia/Tokyo' });
    expect(machine).toMatchObject({ zone: 'Asia/Tokyo', zoneSource: 'machine' });
    expect(machine.program.items.map((i) => [i.id, i.start, i.end])).toEqual(program.items.map((i) => [i.id, i.start, i.end]));
    expect(machine.warnings).toContainEqual({
      path: 'schedule.day[0].room[0].event[0].date',
      message: expect.stringContaining('carry +01:00 but Asia/Tokyo is +09:00'),
    });
    expect(congress.warnings).toEqual([]);
  });

  it('round-trips: import → export frab → import gives the same program, with the zone from the file', () => {
    const again = importProgram(exportFrabXml(program));
    expect(again.zoneSource).toBe('file');
    expect(again.program).toEqual(program);
  });

  it('--fill-breaks adds a break for each gap of 5 min to 3 h in a hall', () => {
    const filled = importProgram(XML, { zone: 'Europe/Berlin', fillBreaks: true }).program;
    const breaks = filled.items.filter((i) => i.kind === 'break');
    expect(breaks.length).toBeGreaterThan(50);
    for (const b of breaks) {
      const length = b.end - b.start;
      expect(length).toBeGreaterThanOrEqual(5 * 60_000);
      expect(length).toBeLessThanOrEqual(3 * 60 * 60_000);
    }
    const first = hallItems(filled, 'saal-1')
      .slice(0, 4)
      .map((i) => [i.title, i.kind]);
    expect(first).toEqual([
      ['31C3 Opening Event', 'talk'],
      ['31C3 Keynote', 'talk'],
      ['Break', 'break'],
      ['„Wir beteiligen uns aktiv an den Diskussionen“', 'talk'],
    ]);
  });
});

/** A small frab file; `events` are the <event> elements of one room on one day. */
function frab(
  events: string,
  conference = '<title>Mini Con</title>',
  day = "date='2025-03-01' start='2025-03-01T10:00:00+01:00'",
) {
  return `<?xml version='1.0' encoding='utf-8' ?>\n<schedule>\n<conference>${conference}</conference>\n<day ${day}>\n<room name='Hall A'>\n${events}\n</room>\n</day>\n</schedule>\n`;
}
const event = (id: number, fields: string) =>
  `<event id='${id}' guid='g-${id}'>${fields}<title>Talk ${id}</title><persons><person id='1'>Ada</person></persons></event>`;

describe('frab files that are not right change nothing and name the path', () => {
  it('a truncated file names its last line and the element it ends in', () => {
    const cut = XML.slice(0, 20_000);
    const problems = problemsOf(() => importProgram(cut, { zone: 'Europe/Berlin' }));
    expect(problems).toEqual([
      {
        path: `line ${cut.split('\n').length}`,
        message: expect.stringMatching(
          /^the file ends inside <\w+> \(still open: schedule > day > room > event.*\): is it cut short\?$/,
        ),
      },
    ]);
    const onlyRoot = problemsOf(() => importProgram(frab('').replace('</schedule>\n', ''), { zone: 'UTC' }));
    expect(onlyRoot).toEqual([
      { path: 'line 8', message: 'the file ends inside <schedule> (still open: schedule): is it cut short?' },
    ]);
  });

  it('an event without a duration', () => {
    const xml = frab(
      event(1, '<date>2025-03-01T10:00:00+01:00</date><duration>00:30</duration>') +
        event(2, '<date>2025-03-01T10:30:00+01:00</date><duration></duration>'),
    );
    expect(problemsOf(() => importProgram(xml, { zone: 'Europe/Berlin' }))).toEqual([
      { path: 'schedule.day[0].room[0].event[1].duration', message: 'missing: every event needs a duration (HH:MM)' },
    ]);
  });

  it('bad dates: an impossible event date and a day start without offset', () => {
    const xml = frab(
      event(1, '<date>2025-02-30T10:00:00+01:00</date><duration>00:30</duration>'),
      undefined,
      "date='2025-03-01' start='10:00'",
    );
    const problems = problemsOf(() => importProgram(xml, { zone: 'Europe/Berlin' }));
    expect(problems.map((p) => p.path)).toEqual(['schedule.day[0]@start', 'schedule.day[0].room[0].event[0].date']);
  });

  it('overlapping events in a room', () => {
    const xml = frab(
      event(1, '<date>2025-03-01T10:00:00+01:00</date><duration>01:00</duration>') +
        event(2, '<date>2025-03-01T10:30:00+01:00</date><duration>00:30</duration>'),
    );
    expect(problemsOf(() => importProgram(xml, { zone: 'Europe/Berlin' }))).toEqual([
      {
        path: 'schedule.day[0].room[0].event[1]',
        message: expect.stringContaining('overlaps "Talk 1" (schedule.day[0].room[0].event[0]'),
      },
    ]);
  });

  it('an unknown zone in the file, and a wrong root element', () => {
    const xml = frab(
      event(1, '<date>2025-03-01T10:00:00+01:00</date><duration>00:30</duration>'),
      '<title>Mini</title><time_zone_name>Mars/Olympus</time_zone_name>',
    );
    expect(problemsOf(() => importProgram(xml))).toEqual([
      { path: 'schedule.conference.time_zone_name', message: expect.stringContaining('"Mars/Olympus"') },
    ]);
    expect(problemsOf(() => importProgram('<program><item/></program>'))).toEqual([
      { path: '(root)', message: 'expected a <schedule> element, found <program>' },
    ]);
  });

  it('entity declarations are refused before parsing', () => {
    const xml = `<?xml version='1.0'?>\n<!DOCTYPE schedule [\n<!ENTITY a "aaaaaaaaaa">\n]>\n<schedule><conference><title>&a;</title></conference></schedule>`;
    expect(problemsOf(() => importProgram(xml, { zone: 'UTC' }))).toEqual([
      { path: 'line 3', message: expect.stringContaining('entity declarations') },
    ]);
  });

  it('a broken processing instruction the validator lets through names its line (a 400, not a 500)', () => {
    expect(problemsOf(() => importProgram(`<?"x version='1.0' ?>\n<schedule></schedule>`, { format: 'frab' }))).toEqual([
      { path: 'line 1', message: 'Pi Tag is not closed.' },
    ]);
    const later = frab('').replace('<room ', `<?x a="b ?>\n<room `);
    expect(problemsOf(() => importProgram(later, { format: 'frab', zone: 'UTC' }))).toEqual([
      { path: 'line 5', message: 'Pi Tag is not closed.' },
    ]);
  });

  it('an event with only a start time is read on its day in the zone, after midnight when before the day start', () => {
    const xml = frab(
      event(1, '<start>23:30</start><duration>01:00</duration>') + event(2, '<start>00:30</start><duration>00:30</duration>'),
      '<title>Mini</title><time_zone_name>Europe/Berlin</time_zone_name>',
    );
    const items = importProgram(xml).program.items;
    expect(items.map((i) => new Date(i.start).toISOString())).toEqual(['2025-03-01T22:30:00.000Z', '2025-03-01T23:30:00.000Z']);
  });
});
