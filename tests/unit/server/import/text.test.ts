import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../shared/index.js';
import { importProgram } from '../../../../server/program/import/index.js';
import { demoProgram, tokyo } from '../../../support/demo.js';
import { fixture, problemsOf } from './support.js';

const SEED = fixture('osaka-assb-symposium-2025-program.txt');
const HALL_MAP = 'I-site Namba=namba,Conference Hall=nakamozu';
const seed = (text = SEED, options = {}) => importProgram(text, { zone: 'Asia/Tokyo', hallMap: HALL_MAP, ...options });

/** What the demo and an import must agree on. */
const comparable = ({ abstract: _abstract, ...item }: Item) => item;

describe('the printed program (seed) with a hall map', () => {
  const result = seed();
  const demo = demoProgram();

  it('is detected as a printed program and read in the given zone', () => {
    expect(result.format).toBe('text');
    expect(result).toMatchObject({ zone: 'Asia/Tokyo', zoneSource: 'flag' });
  });

  it('imports to the same items as the bundled demo: ids, kinds, titles, speakers, affiliations, instants, abstract refs', () => {
    expect(result.program.items.map(comparable)).toEqual(demo.items.map(comparable));
  });

  it('imports to the same halls as the demo: names, venues, streamed', () => {
    expect(result.program.halls).toEqual(demo.halls);
  });

  it('reconstructs the garbled lunch row: luncheon seminar subtitle, speaker, the cut affiliation completed', () => {
    const lunch = result.program.items.find((item) => item.id === 'namba-2025-10-02-1215')!;
    expect(lunch).toMatchObject({
      kind: 'meal',
      title: 'Lunch',
      subtitle:
        'Luncheon Seminar: Analysis and Evaluation Techniques for Lithium-Ion Batteries - From Raw Materials to Cell Evaluation -',
      speakers: [{ name: 'Takashi Sumoto', affiliation: 'Shimadzu Corporation' }],
      start: tokyo('2025-10-02T12:15'),
      end: tokyo('2025-10-02T13:15'),
    });
    expect(result.warnings).toContainEqual({ path: 'line 14', message: expect.stringContaining('"Shimadzu Cor"') });
    expect(result.warnings).toContainEqual({
      path: 'line 14',
      message: expect.stringContaining('"Luncheon Semir" read as "Luncheon Seminar"'),
    });
  });

  it('gives rows without an end their documented default and says so', () => {
    const byTitle = (title: string, hallId: string) =>
      result.program.items.find((i) => i.title === title && i.hallId === hallId)!;
    expect(byTitle('Closing', 'namba')).toMatchObject({ start: tokyo('2025-10-02T16:55'), end: tokyo('2025-10-02T17:05') });
    expect(byTitle('Move venue', 'namba')).toMatchObject({ start: tokyo('2025-10-02T17:05'), end: tokyo('2025-10-02T18:00') });
    expect(byTitle('Networking event', 'namba')).toMatchObject({ end: tokyo('2025-10-02T20:00'), location: 'Tennoden' });
    expect(byTitle('Networking event', 'nakamozu')).toMatchObject({
      start: tokyo('2025-10-03T17:15'),
      end: tokyo('2025-10-03T19:15'),
    });
    expect(result.warnings.filter((w) => w.message.includes('has no end')).map((w) => w.path)).toEqual([
      'line 22',
      'line 24',
      'line 38',
    ]);
  });

  it('attaches each abstract after the table to its talk by title, and stops before the committee list', () => {
    const talks = result.program.items.filter((item) => item.abstractRef);
    expect(talks).toHaveLength(13);
    for (const talk of talks) expect(talk.abstract, talk.title).toBeTruthy();
    const first = talks[0]!.abstract!;
    expect(first.startsWith('Shyue Ping Ong')).toBe(true);
    expect(first).toContain('Foundation potentials (FPs)[1]');
    expect(first).not.toContain('Challenges toward reproducibility');
    const last = talks[talks.length - 1]!.abstract!;
    expect(last.startsWith('Kosuke Kawai')).toBe(true);
    expect(last).not.toContain('Organizing Committee');
    expect(last).not.toContain('Akitoshi Hayashi');
    expect(result.program.items.filter((item) => !item.abstractRef && item.abstract)).toEqual([]);
  });

  it('without a hall map, slugs the hall ids from the hall names', () => {
    const plain = importProgram(SEED, { zone: 'Asia/Tokyo' });
    expect(plain.program.halls.map((h) => h.id)).toEqual(['i-site-namba', 'conference-hall']);
    expect(plain.program.items[2]!.id).toBe('i-site-namba-2025-10-02-0940');
  });

  it('names no event title of its own: --title sets it, else "Program" with a warning', () => {
    expect(result.program.event.title).toBe('Program');
    expect(result.warnings.map((w) => w.path)).toContain('event.title');
    expect(seed(SEED, { title: 'All-Solid-State Battery Symposium 2025' }).program.event.title).toBe(
      'All-Solid-State Battery Symposium 2025',
    );
  });

  it('reads clock times in the zone it is given: the same program an hour apart in Asia/Seoul vs Asia/Shanghai', () => {
    const seoul = importProgram(SEED, { zone: 'Asia/Seoul' }).program.items[0]!;
    const shanghai = importProgram(SEED, { zone: 'Asia/Shanghai' }).program.items[0]!;
    expect(shanghai.start - seoul.start).toBe(60 * 60_000);
  });

  it('uses the machine zone when no zone is given, and says so', () => {
    const machine = importProgram(SEED, { machineZone: 'Asia/Tokyo', hallMap: HALL_MAP });
    expect(machine).toMatchObject({ zone: 'Asia/Tokyo', zoneSource: 'machine' });
    expect(machine.program.items.map(comparable)).toEqual(demoProgram().items.map(comparable));
  });
});

describe('other printed layouts', () => {
  const program = (body: string) =>
    importProgram(`Spring Workshop 2026\n\nApril 10, 2026\n\nVenue: Main Hall\n\n${body}`, { zone: 'Asia/Tokyo' }).program;

  it('takes a title line before the first day, rows without tabs, ranges in the time column and rows past midnight', () => {
    const p = program('22:30-23:30\tNight session\n23:30 "Late talk" Ada Lovelace (Analytical Engines) P.7\n0:15\tQuiz\n');
    expect(p.event.title).toBe('Spring Workshop 2026');
    expect(p.items.map((i) => [i.title, i.kind, i.start, i.end])).toEqual([
      ['Night session', 'other', tokyo('2026-04-10T22:30'), tokyo('2026-04-10T23:30')],
      ['Late talk', 'talk', tokyo('2026-04-10T23:30'), tokyo('2026-04-11T00:15')],
      ['Quiz', 'other', tokyo('2026-04-11T00:15'), tokyo('2026-04-11T00:45')],
    ]);
    expect(p.items[1]).toMatchObject({
      speakers: [{ name: 'Ada Lovelace', affiliation: 'Analytical Engines' }],
      abstractRef: 'P.7',
    });
  });

  it('says when it reads a row as past midnight', () => {
    const result = importProgram('April 10, 2026\nVenue: Main Hall\n23:30\tLate talk\n0:15\tQuiz\n', { zone: 'Asia/Tokyo' });
    expect(result.warnings).toContainEqual({
      path: 'line 4',
      message: '0:15 comes after 23:30 (line 3): read as past midnight, on 2026-04-11',
    });
  });

  it('reads Japanese day headings and venue lines', () => {
    const p = importProgram(
      '2025年10月2日（木）\n会場：大阪公立大学, 講堂\n9:00\t受付\n9:30\t開会挨拶\t山田 太郎 (大阪公立大学)\n',
      { zone: 'Asia/Tokyo' },
    ).program;
    expect(p.halls).toEqual([{ id: 'hall-1', name: '講堂', venue: '大阪公立大学, 講堂', streamed: false }]);
    expect(p.items.map((i) => i.kind)).toEqual(['registration', 'ceremony']);
    expect(p.event.language).toBe('ja');
  });
});

describe('a malformed printed program changes nothing and names the line', () => {
  const lines = SEED.split('\n');
  const withLine = (lineNumber: number, text: string) => lines.map((line, i) => (i === lineNumber - 1 ? text : line)).join('\n');

  it('a file cut off in the middle of a title', () => {
    const cut = SEED.slice(0, SEED.indexOf('Sheet-Type Electrodes'));
    const problems = problemsOf(() => seed(cut));
    expect(problems).toEqual([{ path: 'line 12', message: expect.stringContaining('not closed') }]);
  });

  it('a title in the time column (a wrong column)', () => {
    const problems = problemsOf(() =>
      seed(withLine(10, '"Foundation Potentials for Massive-Scale Design"\t9:40\tShyue Ping Ong (UCSD)\tP.1')),
    );
    expect(problems).toEqual([{ path: 'line 10', message: expect.stringContaining('is not a time of day') }]);
  });

  it('a day heading with a date that does not exist', () => {
    const problems = problemsOf(() => seed(withLine(3, 'Thursday, February 30, 2025')));
    expect(problems[0]).toEqual({ path: 'line 3', message: expect.stringContaining('not a real date') });
  });

  it('a break that runs into the next talk (overlapping items in a hall), naming both lines', () => {
    const problems = problemsOf(() => seed(withLine(11, '\tBreak (10:50-11:15)\t\t')));
    expect(problems).toEqual([
      { path: 'line 12', message: expect.stringMatching(/overlaps "Break" \(line 11, until 2025-10-02 11:15\) in hall namba/) },
    ]);
  });

  it('a time that goes back within the day (a typo), rather than moving the rest of the day to the next', () => {
    const problems = problemsOf(() => seed(withLine(15, lines[14]!.replace('13:15', '10:00'))));
    expect(problems).toEqual([
      {
        path: 'line 15',
        message: '10:00 comes after 12:15 (line 14): the rows of a day go forward in time (is the time a typo?)',
      },
    ]);
  });

  it('a range that ends before it starts', () => {
    const problems = problemsOf(() => seed(withLine(11, '\tBreak (10:50-10:05)\t\t')));
    expect(problems).toEqual([
      { path: 'line 11', message: '"Break" ends (10:05) before it starts: expected a range like 10:50-11:05' },
    ]);
  });

  it('an untimed row with nothing before it', () => {
    const problems = problemsOf(() => importProgram('October 2, 2025\nVenue: Hall\n\tMove venue\n', { zone: 'Asia/Tokyo' }));
    expect(problems).toEqual([{ path: 'line 3', message: expect.stringContaining('has no time') }]);
  });

  it('rows before any day heading', () => {
    const problems = problemsOf(() => importProgram('9:00\tRegistration\t\n', { format: 'text', zone: 'Asia/Tokyo' }));
    expect(problems[0]!.path).toBe('line 1');
  });

  it('an unknown zone', () => {
    expect(problemsOf(() => seed(SEED, { zone: 'Osaka/Namba' }))).toEqual([
      { path: 'zone', message: expect.stringContaining('"Osaka/Namba" is not an IANA time zone') },
    ]);
  });
});
