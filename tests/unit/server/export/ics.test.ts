import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../../../shared/index.js';
import { exportIcs } from '../../../../server/program/export/ics.js';
import { importProgram } from '../../../../server/program/import/index.js';
import { demoProgram } from '../../../support/demo.js';
import { fixture } from '../import/support.js';

const NOW = Date.parse('2025-09-01T00:00:00Z');

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A small RFC 5545 reader: unfolds lines, splits components and properties. */
function readCalendar(text: string) {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const events: Property[][] = [];
  const zones: Property[][] = [];
  let current: Property[] | undefined;
  for (const line of lines) {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const [head, value] = [line.slice(0, colon), line.slice(colon + 1)];
    const [name, ...params] = head.split(';');
    const property: Property = {
      name: name!,
      params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
      value,
    };
    if (line === 'BEGIN:VEVENT') events.push((current = []));
    else if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') zones.push((current = [property]));
    else if (line.startsWith('END:')) current = undefined;
    else current?.push(property);
  }
  return { lines, events, zones };
}

const prop = (event: Property[], name: string) => event.find((p) => p.name === name);
const unescape = (value: string) => value.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');

/** The instant of a local DTSTART using only the calendar's own VTIMEZONE (the last onset before it). */
function instantByVtimezone(local: string, zones: Property[][]): number {
  const wall = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", { zone: 'utc' }).toMillis();
  let offset = '';
  for (const zone of zones) {
    const onset = DateTime.fromFormat(prop(zone, 'DTSTART')!.value, "yyyyMMdd'T'HHmmss", { zone: 'utc' }).toMillis();
    if (onset <= wall) offset = prop(zone, 'TZOFFSETTO')!.value;
  }
  const minutes = (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5))) * (offset.startsWith('-') ? -1 : 1);
  return wall - minutes * 60_000;
}

function check(program: Program, text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
  for (const physical of text.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
  const calendar = readCalendar(text);
  for (const event of calendar.events) {
    const item = program.items.find((i) => `${i.id}@` === prop(event, 'UID')!.value.split('@')[0] + '@')!;
    expect(item).toBeDefined();
    for (const [name, instant] of [
      ['DTSTART', item.start],
      ['DTEND', item.end],
    ] as const) {
      const p = prop(event, name)!;
      expect(p.params.TZID).toBe(program.event.timeZone);
      expect(instantByVtimezone(p.value, calendar.zones)).toBe(instant);
    }
    expect(unescape(prop(event, 'SUMMARY')!.value)).toBe(item.title);
  }
  return calendar;
}

describe('ICS export', () => {
  it('the demo: one VEVENT per item, in Asia/Tokyo, location = hall (or the item’s own), speakers in the description', () => {
    const demo = demoProgram();
    const text = exportIcs(demo, { now: NOW, version: '0.1.0' });
    const calendar = check(demo, text);
    expect(calendar.events).toHaveLength(27);
    expect(calendar.lines).toContain('X-WR-TIMEZONE:Asia/Tokyo');
    const talk = calendar.events.find((e) => prop(e, 'UID')!.value.startsWith('namba-2025-10-02-0940@'))!;
    expect(unescape(prop(talk, 'LOCATION')!.value)).toBe('Osaka Metropolitan University, I-site Namba');
    expect(unescape(prop(talk, 'DESCRIPTION')!.value)).toBe('Shyue Ping Ong (University of California San Diego)\nAbstract: P.1');
    expect(prop(talk, 'DTSTAMP')!.value).toBe('20250901T000000Z');
    const networking = calendar.events.find((e) => prop(e, 'UID')!.value.startsWith('namba-2025-10-02-1800@'))!;
    expect(unescape(prop(networking, 'LOCATION')!.value)).toBe('Tennoden');
  });

  it('the bilingual demo: SUMMARY in the program’s language, the Japanese title as X-LECTERN-TITLE;LANGUAGE=ja and in DESCRIPTION', () => {
    const bilingual = importProgram(fixture('demo-bilingual.program.json')).program;
    const program: Program = {
      ...bilingual,
      items: bilingual.items.map((item) =>
        item.id === 'namba-2025-10-02-0940'
          ? {
              ...item,
              subtitle: 'Machine learning',
              subtitles: { ja: '機械学習' },
              speakers: [
                {
                  ...item.speakers[0]!,
                  names: { ja: 'シュー・ピン・オン' },
                  affiliations: { ja: 'カリフォルニア大学サンディエゴ校' },
                },
              ],
            }
          : item,
      ),
    };
    const calendar = check(program, exportIcs(program, { now: NOW, version: '0.1.0' }));
    const talk = calendar.events.find((e) => prop(e, 'UID')!.value.startsWith('namba-2025-10-02-0940@'))!;
    expect(prop(talk, 'SUMMARY')).toEqual({
      name: 'SUMMARY',
      params: { LANGUAGE: 'en' },
      value: 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes',
    });
    expect(talk.filter((p) => p.name.startsWith('X-LECTERN-'))).toEqual([
      { name: 'X-LECTERN-TITLE', params: { LANGUAGE: 'ja' }, value: '固体電解質の大規模設計のための基盤ポテンシャル' },
      { name: 'X-LECTERN-SUBTITLE', params: { LANGUAGE: 'ja' }, value: '機械学習' },
    ]);
    expect(unescape(prop(talk, 'DESCRIPTION')!.value)).toBe(
      [
        '固体電解質の大規模設計のための基盤ポテンシャル',
        'Machine learning / 機械学習',
        'Shyue Ping Ong / シュー・ピン・オン (University of California San Diego / カリフォルニア大学サンディエゴ校)',
        'Abstract: P.1',
      ].join('\n'),
    );
    // Every item of the file has its Japanese title in the calendar.
    for (const item of program.items) {
      const event = calendar.events.find((e) => prop(e, 'UID')!.value.startsWith(`${item.id}@`))!;
      expect(prop(event, 'X-LECTERN-TITLE')!.value, item.id).toBe(item.titles!.ja!.replace(/([,;\\])/g, '\\$1'));
    }
  });

  it('SUMMARY has no LANGUAGE when the item gives its title in the program’s language among the others', () => {
    const base = importProgram('date,start,end,hall,title\n2025-10-02,10:00,11:00,Hall,Opening\n', {
      zone: 'Asia/Tokyo',
    }).program;
    const program: Program = { ...base, items: [{ ...base.items[0]!, titles: { en: 'Opening (EN)', ja: '開会' } }] };
    const [event] = readCalendar(exportIcs(program, { now: NOW, version: '0.1.0' })).events;
    expect(prop(event!, 'SUMMARY')).toEqual({ name: 'SUMMARY', params: {}, value: 'Opening' });
  });

  it('a hall filter keeps that hall’s items only', () => {
    const demo = demoProgram();
    const calendar = readCalendar(exportIcs(demo, { now: NOW, version: '0.1.0', hallId: 'nakamozu' }));
    expect(calendar.events).toHaveLength(9);
    expect(calendar.lines).toContain('X-WR-CALNAME:All-Solid-State Battery Symposium 2025: Conference Hall');
  });

  it('a program across a daylight-saving change: the VTIMEZONE carries the change, every time is exact', () => {
    const text =
      'date,start,end,hall,title\n2025-10-25,10:00,11:00,Saal 1,"Before, with a comma; and a semicolon"\n2025-10-26,01:30,02:30,Saal 1,Night\n2025-10-26,10:00,11:00,Saal 1,After\n';
    const program = importProgram(text, { zone: 'Europe/Berlin' }).program;
    const calendar = check(program, exportIcs(program, { now: NOW, version: '0.1.0' }));
    expect(
      calendar.zones.map((z) => [
        z[0]!.value,
        prop(z, 'DTSTART')!.value,
        prop(z, 'TZOFFSETFROM')!.value,
        prop(z, 'TZOFFSETTO')!.value,
      ]),
    ).toEqual([
      ['DAYLIGHT', '19700101T000000', '+0200', '+0200'],
      ['STANDARD', '20251026T030000', '+0200', '+0100'],
    ]);
  });

  it('folds long Japanese lines at 75 octets without splitting a character; the 31C3 program exports whole', () => {
    const ja = importProgram(fixture('program-ja.csv'), { zone: 'Asia/Tokyo', title: '電池討論会' }).program;
    check(ja, exportIcs(ja, { now: NOW, version: '0.1.0' }));
    const congress = importProgram(fixture('frab-31c3-schedule.xml'), { zone: 'Europe/Berlin' }).program;
    expect(check(congress, exportIcs(congress, { now: NOW, version: '0.1.0' })).events).toHaveLength(138);
  });

  it('a UTC program writes UTC times', () => {
    const program = importProgram(fixture('pretalx-democon-schedule.json')).program;
    const calendar = readCalendar(exportIcs(program, { now: NOW, version: '0.1.0' }));
    expect(calendar.zones).toEqual([]);
    expect(prop(calendar.events[0]!, 'DTSTART')!.value).toBe('20201214T080000Z');
  });
});
