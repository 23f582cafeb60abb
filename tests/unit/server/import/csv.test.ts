import { describe, expect, it } from 'vitest';
import { decodeProgramBytes, importProgram } from '../../../../server/program/import/index.js';
import { tokyo } from '../../../support/demo.js';
import { fixture, problemsOf } from './support.js';

const PLAIN = fixture('program-ja.csv');
const EXCEL = fixture('program-ja-excel.csv');
const options = { zone: 'Asia/Tokyo', title: '電池討論会' };

describe('a Japanese CSV program', () => {
  const result = importProgram(PLAIN, options);
  const { program } = result;

  it('is detected as CSV; Japanese titles make a Japanese event', () => {
    expect(result.format).toBe('csv');
    expect(program.event).toEqual({ title: '電池討論会', timeZone: 'Asia/Tokyo', language: 'ja' });
  });

  it('halls by their names, in order (ids by place for names without Latin letters), with their venue', () => {
    expect(program.halls).toEqual([
      { id: 'hall-1', name: 'メインホール', venue: '大阪公立大学 中百舌鳥キャンパス' },
      { id: 'hall-2', name: 'ポスター会場' },
    ]);
    const mapped = importProgram(PLAIN, { ...options, hallMap: 'メインホール=main,ポスター会場=posters' }).program;
    expect(mapped.halls.map((h) => h.id)).toEqual(['main', 'posters']);
    expect(mapped.items[0]!.id).toBe('main-2025-11-20-0930');
  });

  it('reads speakers with their affiliations, quoted fields with commas and quotes, flags and kinds', () => {
    const interface_ = program.items.find((i) => i.abstractRef === 'P.2')!;
    expect(interface_).toMatchObject({
      kind: 'talk',
      title: '全固体電池の界面抵抗, その起源と低減',
      subtitle: '「界面」を測る',
      speakers: [
        { name: '鈴木 一郎', affiliation: '名古屋大学' },
        { name: '高橋 美咲', affiliation: '京都大学' },
      ],
      doNotRecord: true,
      start: tokyo('2025-11-20T10:20'),
      end: tokyo('2025-11-20T10:50'),
    });
    expect(program.items.find((i) => i.abstractRef === 'P.3')).toMatchObject({
      kind: 'talk',
      title: 'ハロゲン化物電解質の "乾式" プロセス',
    });
    expect(program.items.find((i) => i.title === '懇親会')).toMatchObject({ kind: 'social', location: '天王殿' });
    expect(program.items.map((i) => i.kind)).toEqual([
      'ceremony',
      'talk',
      'talk',
      'break',
      'talk',
      'meal',
      'poster',
      'talk',
      'ceremony',
      'social',
    ]);
  });

  it('the same file as Excel writes it (BOM, CRLF, Japanese header names) imports to the same program', () => {
    expect(EXCEL.charCodeAt(0)).toBe(0xfeff);
    expect(importProgram(EXCEL, options)).toEqual(result);
  });

  it('decodes the file from bytes: UTF-8 with and without BOM, UTF-16 with BOM; refuses other encodings naming the line', () => {
    const bytes = Buffer.from(EXCEL, 'utf8');
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(importProgram(decodeProgramBytes(bytes), options).program).toEqual(program);
    expect(importProgram(decodeProgramBytes(Buffer.from(PLAIN, 'utf8')), options).program).toEqual(program);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAIN, 'utf16le')]);
    expect(importProgram(decodeProgramBytes(utf16), options).program).toEqual(program);
    // 開会 in Shift_JIS on line 2.
    const shiftJis = Buffer.concat([
      Buffer.from('date,start,end,hall,title\n2025-11-20,09:30,09:40,A,'),
      Buffer.from([0x8a, 0x4a, 0x89, 0xef]),
    ]);
    expect(problemsOf(() => decodeProgramBytes(shiftJis))).toEqual([
      { path: 'line 2', message: expect.stringContaining('not UTF-8') },
    ]);
  });
});

const HEADER = 'date,start,end,hall,title,speakers';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('other CSV forms', () => {
  it('a duration instead of an end, ISO start times, semicolons as separators, a row past midnight', () => {
    const text =
      'start;duration;hall;title;kind\n2025-10-02T09:00:00+09:00;00:45;Hall A;Welcome;ceremony\n2025-10-02 23:30;90;Hall A;Night owls;\n';
    const items = importProgram(text, { zone: 'Asia/Tokyo' }).program.items;
    expect(items.map((i) => [i.title, i.kind, i.start, i.end])).toEqual([
      ['Welcome', 'ceremony', tokyo('2025-10-02T09:00'), tokyo('2025-10-02T09:45')],
      ['Night owls', 'other', tokyo('2025-10-02T23:30'), tokyo('2025-10-03T01:00')],
    ]);
    const late = importProgram(csv('2025-10-02,23:30,00:30,Hall A,Late,'), { zone: 'Asia/Tokyo' });
    expect(late.program.items[0]!.end).toBe(tokyo('2025-10-03T00:30'));
    expect(late.warnings).toContainEqual({ path: 'line 2', message: 'end "00:30" is read as past midnight, on 2025-10-03' });
  });

  it('an end before the start that is no night session (swapped or mistyped) is an error, not a 23-hour item', () => {
    expect(problemsOf(() => importProgram(csv('2025-10-02,10:00,09:00,Hall A,Keynote,'), { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 2', message: 'end "09:00" is not after start "10:00"' },
    ]);
    expect(problemsOf(() => importProgram(csv('2025-10-02,10:00,10:00,Hall A,Keynote,'), { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 2', message: 'end "10:00" is not after start "10:00"' },
    ]);
  });

  it('unknown columns are ignored with a warning; an id column gives the items their ids', () => {
    const result = importProgram(
      'id,date,start,end,hall,title,notes\nkeynote,2025-10-02,09:00,10:00,Hall A,Keynote,bring water\n',
      { zone: 'Asia/Tokyo' },
    );
    expect(result.program.items[0]!.id).toBe('keynote');
    expect(result.warnings).toContainEqual({ path: 'line 1', message: 'column "notes" is not one Lectern reads: ignored' });
  });

  it('--fill-breaks: a gap of 5 min becomes a break, 4 min and more than 3 h do not', () => {
    const text = csv(
      '2025-10-02,09:00,09:30,Hall A,One,',
      '2025-10-02,09:34,10:00,Hall A,Two,',
      '2025-10-02,10:05,10:30,Hall A,Three,',
      '2025-10-02,13:30,14:00,Hall A,Four,',
      '2025-10-02,17:01,17:30,Hall A,Five,',
    );
    const items = importProgram(text, { zone: 'Asia/Tokyo', fillBreaks: true }).program.items;
    expect(items.map((i) => i.title)).toEqual(['One', 'Two', 'Break', 'Three', 'Break', 'Four', 'Five']);
    expect(items[2]).toMatchObject({
      id: 'hall-a-2025-10-02-1000',
      kind: 'break',
      start: tokyo('2025-10-02T10:00'),
      end: tokyo('2025-10-02T10:05'),
    });
  });
});

describe('CSV files that are not right change nothing and name the line', () => {
  it('a file cut off inside a quoted field', () => {
    const cut = PLAIN.slice(0, PLAIN.indexOf('その起源'));
    expect(problemsOf(() => importProgram(cut, options))).toEqual([
      { path: 'line 4', message: expect.stringContaining('never closed') },
    ]);
  });

  it('a file cut off in the middle of a row', () => {
    const cut = PLAIN.slice(0, PLAIN.indexOf(',休憩'));
    expect(problemsOf(() => importProgram(cut, options))).toEqual([
      { path: 'line 5', message: expect.stringContaining('fields but the header has 13') },
    ]);
  });

  it('a wrong column: a header that is misspelt, and values in the wrong column', () => {
    expect(problemsOf(() => importProgram(PLAIN.replace('start', 'strat'), { ...options, format: 'csv' }))).toEqual([
      { path: 'line 1', message: expect.stringContaining('no "start" column') },
    ]);
    expect(problemsOf(() => importProgram(csv('2025-10-02,Keynote,10:00,Hall A,09:00,'), { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 2', message: 'start "Keynote" is not a time (expected HH:MM, or 2025-10-02T09:40+09:00)' },
    ]);
  });

  it('bad dates, an unknown kind, an unknown zone', () => {
    expect(problemsOf(() => importProgram(csv('2025-13-02,09:00,10:00,Hall A,Keynote,'), { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 2', message: 'date "2025-13-02" is not a date (expected YYYY-MM-DD, e.g. 2025-10-02)' },
    ]);
    expect(
      problemsOf(() =>
        importProgram('date,start,end,hall,title,kind\n2025-10-02,09:00,10:00,Hall A,Keynote,lecture\n', { zone: 'Asia/Tokyo' }),
      )[0],
    ).toEqual({
      path: 'line 2',
      message: expect.stringContaining('kind "lecture" is not one of talk, ceremony'),
    });
    expect(problemsOf(() => importProgram(PLAIN, { zone: 'Asia/Osaka' }))).toEqual([
      { path: 'zone', message: expect.stringContaining('"Asia/Osaka"') },
    ]);
    expect(importProgram(PLAIN, { zone: 'asia/tokyo' }).zone).toBe('Asia/Tokyo');
  });

  it('overlapping items in a hall, and every bad row at once', () => {
    const text = csv(
      '2025-10-02,09:00,10:00,Hall A,One,',
      '2025-10-02,09:30,10:30,Hall A,Two,',
      '2025-10-02,23:00,01:00,Hall B,Past midnight,',
    );
    expect(problemsOf(() => importProgram(text, { zone: 'Asia/Tokyo' }))).toEqual([
      { path: 'line 3', message: expect.stringContaining('"Two" (2025-10-02 09:30) overlaps "One" (line 2') },
    ]);
    const many = csv('2025-10-02,9am,10:00,Hall A,One,', '2025-10-02,09:00,,Hall A,Two,', 'x,09:00,10:00,Hall A,Three,');
    expect(problemsOf(() => importProgram(many, { zone: 'Asia/Tokyo' })).map((p) => p.path)).toEqual([
      'line 2',
      'line 3',
      'line 4',
    ]);
  });
});
