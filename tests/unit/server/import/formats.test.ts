import { describe, expect, it } from 'vitest';
import { detectFormat, importProgram, parseHallMap } from '../../../../server/program/import/index.js';
import { demoProgram } from '../../../support/demo.js';
import { fixture, problemsOf } from './support.js';

describe('telling the format', () => {
  it('detects every fixture by its content', () => {
    expect(detectFormat(fixture('frab-31c3-schedule.xml'))).toBe('frab');
    expect(detectFormat(fixture('pretalx-democon-schedule.json'))).toBe('pretalx');
    expect(detectFormat(fixture('program-ja.csv'))).toBe('csv');
    expect(detectFormat(fixture('program-ja-excel.csv'))).toBe('csv');
    expect(detectFormat(fixture('osaka-assb-symposium-2025-program.txt'))).toBe('text');
    expect(detectFormat(fixture('31c3.program.json'))).toBe('json');
  });

  it('a CSV whose header misspells a required column is still read as CSV, which names the column', () => {
    const misspelt = fixture('program-ja.csv').replace('title', 'titel');
    expect(detectFormat(misspelt)).toBe('csv');
    expect(problemsOf(() => importProgram(misspelt, { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 1', message: 'no "title" column (the header needs start, hall, title, and end or duration)' },
    ]);
  });

  it('broken JSON still goes to the reader that names the line', () => {
    expect(detectFormat('{ "schedule": { "conference": ')).toBe('pretalx');
    expect(detectFormat('{ "event": { "title": ')).toBe('json');
  });

  it('a file it cannot tell, and an empty file, are errors that ask for --format', () => {
    expect(problemsOf(() => importProgram('just some words\nand more'))).toEqual([
      { path: '(file)', message: expect.stringContaining('pass --format') },
    ]);
    expect(problemsOf(() => importProgram('  \n'))).toEqual([{ path: '(file)', message: 'the file is empty' }]);
  });

  it('a format forced by --format reads the file that way', () => {
    expect(problemsOf(() => importProgram(fixture('program-ja.csv'), { format: 'frab' }))[0]!.path).toMatch(
      /^\(root\)|^line \d+$/,
    );
  });
});

describe("Lectern's own JSON", () => {
  const demo = demoProgram();
  const text = JSON.stringify(demo);

  it('imports to the same program, zone from the file', () => {
    const result = importProgram(text);
    expect(result).toMatchObject({ format: 'json', zone: 'Asia/Tokyo', zoneSource: 'file', warnings: [] });
    expect(result.program).toEqual(demo);
  });

  it('--zone sets the zone and keeps the instants; the hall map renames halls', () => {
    const result = importProgram(text, { zone: 'Europe/Berlin', hallMap: 'I-site Namba=osaka-namba' });
    expect(result.program.event.timeZone).toBe('Europe/Berlin');
    expect(result.program.halls.map((h) => h.id)).toEqual(['osaka-namba', 'nakamozu']);
    expect(result.program.items.filter((i) => i.hallId === 'osaka-namba')).toHaveLength(18);
    expect(result.program.items.map((i) => i.start)).toEqual(demo.items.map((i) => i.start));
  });

  it('names the path of a bad field and the line of a syntax error', () => {
    const bad = JSON.parse(text);
    bad.items[3].end = 'tomorrow';
    expect(problemsOf(() => importProgram(JSON.stringify(bad)))[0]!.path).toBe('items[3].end');
    expect(problemsOf(() => importProgram('{\n  "event": {\n    "title": "X",\n  }\n}'))).toEqual([
      { path: 'line 4', message: expect.stringContaining('expected a property name') },
    ]);
  });
});

describe('the hall map', () => {
  it('reads "Room=id" pairs; room names may hold commas and spaces', () => {
    expect([...parseHallMap('I-site Namba=namba, Nakamozu Campus, Conference Hall=nakamozu')]).toEqual([
      ['i-site namba', 'namba'],
      ['nakamozu campus, conference hall', 'nakamozu'],
    ]);
  });

  it('refuses ids that are not hall ids, and text it cannot read', () => {
    expect(problemsOf(() => parseHallMap('Saal 1=Saal 1'))).toEqual([
      { path: 'hallMap', message: expect.stringContaining('"Saal 1" (for "Saal 1") is not a hall id') },
    ]);
    expect(problemsOf(() => parseHallMap('Saal 1'))).toEqual([
      { path: 'hallMap', message: expect.stringContaining('cannot read "Saal 1"') },
    ]);
  });

  it('warns about rooms it names that the file does not have', () => {
    const result = importProgram(fixture('program-ja.csv'), { zone: 'Asia/Tokyo', hallMap: 'Aula=aula' });
    expect(result.warnings).toContainEqual({ path: 'hallMap', message: expect.stringContaining('no room named "aula"') });
  });
});

describe("Lectern's own JSON", () => {
  it('names a field mistake and an overlap in the same answer', () => {
    const program = demoProgram();
    const [first, second, third] = program.items.filter((i) => i.hallId === 'namba');
    const broken = {
      ...program,
      items: program.items.map((item) =>
        item.id === first!.id ? { ...item, kind: 'keynote' } : item.id === third!.id ? { ...item, start: second!.start } : item,
      ),
    };
    const problems = problemsOf(() => importProgram(JSON.stringify(broken)));
    expect(problems).toContainEqual(expect.objectContaining({ message: expect.stringContaining('expected one of') }));
    expect(problems).toContainEqual(expect.objectContaining({ message: expect.stringContaining('overlaps') }));
  });
});
