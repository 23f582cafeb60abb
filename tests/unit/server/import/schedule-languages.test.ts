import { describe, expect, it } from 'vitest';
import { importProgram } from '../../../../server/program/import/index.js';
import { fixture, problemsOf } from './support.js';

/** A one-event frab schedule.xml with `extra` inside the event. */
function frab(extra: string): string {
  return `<?xml version='1.0' encoding='utf-8' ?>
<schedule>
<conference><title>Bilingual Con</title><time_zone_name>Asia/Tokyo</time_zone_name></conference>
<day date='2025-10-02' index='1'>
<room name='Main Hall'>
<event id='7' guid='0b4b1a9c-0000-4000-8000-000000000007'>
<date>2025-10-02T10:00:00+09:00</date>
<start>10:00</start>
<duration>00:30</duration>
<title>Opening</title>
<subtitle>Welcome</subtitle>
${extra}
<type>Talk</type>
<persons><person id='1'>Taro Yamada</person></persons>
</event>
</room>
</day>
</schedule>
`;
}

describe('frab schedule.xml: languages', () => {
  it('the event’s <language> becomes the item’s language (the 31C3 file writes en and de)', () => {
    const { program } = importProgram(fixture('frab-31c3-schedule.xml'), { zone: 'Europe/Berlin' });
    const languages = new Set(program.items.map((item) => item.language));
    expect(languages).toEqual(new Set(['en', 'de']));
    expect(importProgram(frab('<language>ja</language>')).program.items[0]!.language).toBe('ja');
  });

  it('Lectern’s <lectern_title xml:lang> and <lectern_subtitle xml:lang> become titles and subtitles', () => {
    const { program } = importProgram(
      frab(`<language>ja</language>
<lectern_title xml:lang='ja'>開会</lectern_title>
<lectern_title xml:lang='zh_Hant'>開幕</lectern_title>
<lectern_subtitle lang='ja'>ようこそ</lectern_subtitle>`),
    );
    expect(program.items[0]).toMatchObject({
      title: 'Opening',
      titles: { ja: '開会', 'zh-Hant': '開幕' },
      subtitle: 'Welcome',
      subtitles: { ja: 'ようこそ' },
      language: 'ja',
    });
  });

  it('a bad language tag is named with the event’s path', () => {
    const problems = problemsOf(() => importProgram(frab(`<lectern_title xml:lang='Japanese!'>開会</lectern_title>`)));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'schedule.day[0].room[0].event[0]', message: expect.stringMatching(/^titles/) }),
    ]);
  });
});

/** The DemoCon pretalx schedule with its first Gray Room event changed by `change`. */
function pretalx(change: (event: Record<string, unknown>) => void): string {
  const doc = JSON.parse(fixture('pretalx-democon-schedule.json'));
  change(doc.schedule.conference.days[0].rooms['Gray Room'][0]);
  return JSON.stringify(doc, null, 2);
}

const first = (text: string) => importProgram(text).program.items.find((item) => item.id === 'frab-25')!;

describe('pretalx schedule.json: languages', () => {
  it('`language` becomes the item’s language; pretalx’s talk API `content_locale` too', () => {
    expect(first(pretalx(() => {})).language).toBe('en');
    expect(
      first(
        pretalx((event) => {
          delete event.language;
          event.content_locale = 'de';
        }),
      ).language,
    ).toBe('de');
  });

  it('a multi-language title: the talk’s language’s text is the title, the others are titles', () => {
    const item = first(
      pretalx((event) => {
        event.language = 'ja';
        event.title = { en: 'Opening', ja: '開会', de: 'Eröffnung' };
        event.subtitle = { en: 'Welcome', ja: 'ようこそ' };
        event.abstract = { en: 'In English.', ja: '日本語で。' };
        event.description = null;
        event.track = { en: 'Plenary', ja: '全体' };
      }),
    );
    expect(item).toMatchObject({
      title: '開会',
      titles: { en: 'Opening', de: 'Eröffnung' },
      subtitle: 'ようこそ',
      subtitles: { en: 'Welcome' },
      abstract: '日本語で。',
      track: '全体',
      language: 'ja',
    });
  });

  it('without a language the first text is the title', () => {
    const item = first(
      pretalx((event) => {
        delete event.language;
        event.title = { de: 'Eröffnung', en: 'Opening' };
      }),
    );
    expect(item).toMatchObject({ title: 'Eröffnung', titles: { en: 'Opening' } });
    expect(item.language).toBeUndefined();
  });

  it('a title object without any text is a missing title, named by its path', () => {
    const problems = problemsOf(() => importProgram(pretalx((event) => (event.title = { en: '' }))));
    expect(problems).toContainEqual({
      path: 'schedule.conference.days[0].rooms["Gray Room"][0].title',
      message: 'missing: every event needs a title',
    });
  });
});
