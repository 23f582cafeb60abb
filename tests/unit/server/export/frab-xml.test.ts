import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Item, Program } from '../../../../shared/index.js';
import { exportFrabXml } from '../../../../server/program/export/frab-xml.js';
import { importProgram } from '../../../../server/program/import/index.js';
import { demoProgram } from '../../../support/demo.js';
import { fixture } from '../import/support.js';

/** What frab carries of an item (no affiliations, abstract refs, locations, Q&A minutes or Lectern ids). */
const carried = (item: Item) => ({
  hallId: item.hallId,
  kind: item.kind,
  title: item.title,
  subtitle: item.subtitle,
  speakers: item.speakers.map((s) => s.name),
  start: item.start,
  end: item.end,
  abstract: item.abstract,
  doNotRecord: item.doNotRecord,
});

describe('frab XML export', () => {
  const demo = demoProgram();
  const xml = exportFrabXml(demo);
  const events = [...xml.matchAll(/<event guid='([^']+)' id='(\d+)'>/g)];

  it('follows the c3voc schema’s shape: unique positive ids, UUID guids, unique slugs, offsets on every date', () => {
    expect(events).toHaveLength(27);
    expect(new Set(events.map((e) => e[2])).size).toBe(27);
    for (const [, guid] of events) expect(guid).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    const slugs = [...xml.matchAll(/<slug>([^<]+)<\/slug>/g)].map((m) => m[1]);
    expect(new Set(slugs).size).toBe(27);
    for (const [, date] of xml.matchAll(/<date>([^<]+)<\/date>/g)) expect(date).toMatch(/\+09:00$/);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.schedule.conference).toMatchObject({
      title: 'All-Solid-State Battery Symposium 2025',
      time_zone_name: 'Asia/Tokyo',
      days: 2,
    });
    expect(exportFrabXml(demo)).toBe(xml);
  });

  it('a program from another format round-trips everything frab carries (with the same hall map)', () => {
    const again = importProgram(xml, { hallMap: 'I-site Namba=namba,Conference Hall=nakamozu' });
    expect(again).toMatchObject({ zone: 'Asia/Tokyo', zoneSource: 'file', warnings: [] });
    expect(again.program.event.title).toBe(demo.event.title);
    expect(again.program.items.map(carried)).toEqual(demo.items.map(carried));
    expect(again.program.items[0]!.id).toMatch(/^frab-\d+$/);
  });

  it('keeps the titles, subtitles and speaker names in other languages and the talk’s language (round trip)', () => {
    const bilingual = importProgram(fixture('demo-bilingual.program.json')).program;
    const program: Program = {
      ...bilingual,
      items: bilingual.items.map((item, index) =>
        index !== 2
          ? item
          : {
              ...item,
              language: 'ja',
              subtitle: 'Machine learning',
              subtitles: { ja: '機械学習' },
              speakers: [
                { ...item.speakers[0]!, names: { ja: 'シュー・ピン・オン' } },
                { name: 'Taro Yamada', affiliation: '', names: { ja: '山田 太郎', 'zh-Hant': '山田太郎' } },
              ],
            },
      ),
    };
    const out = exportFrabXml(program);
    expect(out).toContain("<lectern_title xml:lang='ja'>固体電解質の大規模設計のための基盤ポテンシャル</lectern_title>");
    expect(out).toContain("<lectern_subtitle xml:lang='ja'>機械学習</lectern_subtitle>");
    expect(out).toContain("<lectern_name person='2' xml:lang='ja'>山田 太郎</lectern_name>");
    expect(out).toContain('<language>ja</language>');
    // Other frab readers see frab's own fields unchanged: one title, persons with names only.
    const doc = new XMLParser({ ignoreAttributes: false }).parse(out);
    const event = doc.schedule.day[0].room[0].event[2];
    expect(event.title).toBe('Foundation Potentials for Massive-Scale Design of Solid Electrolytes');
    expect(event.persons.person).toEqual(['Shyue Ping Ong', 'Taro Yamada']);

    const again = importProgram(out, { hallMap: 'I-site Namba=namba,Conference Hall=nakamozu' });
    expect(again.warnings).toEqual([]);
    const languages = (item: Item) => ({
      title: item.title,
      titles: item.titles,
      subtitle: item.subtitle,
      subtitles: item.subtitles,
      language: item.language,
      names: item.speakers.map((s) => [s.name, s.names]),
    });
    expect(again.program.items.map(languages)).toEqual(program.items.map(languages));
  });

  it('escapes XML in titles and keeps typographic text', () => {
    const text = 'date,start,end,hall,title,speakers\n2025-10-02,09:00,10:00,R&D <Lab>,"Fish & ""Chips"" <b>",O\'Brien\n';
    const program = importProgram(text, { zone: 'Europe/Dublin' }).program;
    const out = exportFrabXml(program);
    expect(out).toContain('<title>Fish &amp; &quot;Chips&quot; &lt;b&gt;</title>');
    expect(out).toContain("<room name='R&amp;D &lt;Lab&gt;'>");
    expect(importProgram(out).program.items.map(carried)).toEqual(program.items.map(carried));
  });

  it('the 31C3 nights stay with the day they began on', () => {
    const congress = importProgram(fixture('frab-31c3-schedule.xml'), { zone: 'Europe/Berlin' }).program;
    const out = exportFrabXml(congress);
    expect([...out.matchAll(/<day date='([^']+)' end='([^']+)'/g)].map((m) => [m[1], m[2]])).toEqual([
      ['2014-12-27', '2014-12-28T02:15:00+01:00'],
      ['2014-12-28', '2014-12-29T01:45:00+01:00'],
      ['2014-12-29', '2014-12-30T02:15:00+01:00'],
      ['2014-12-30', '2014-12-30T19:30:00+01:00'],
    ]);
  });
});
