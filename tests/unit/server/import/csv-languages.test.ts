import { describe, expect, it } from 'vitest';
import { importProgram } from '../../../../server/program/import/index.js';
import { problemsOf } from './support.js';

const options = { zone: 'Asia/Tokyo', format: 'csv' as const, title: 'T' };

describe('CSV language columns', () => {
  const csv = [
    'date,start,end,hall,kind,title,title_ja,subtitle_ja,speakers,affiliations,name_ja,affiliation_ja,audience',
    '2025-10-02,09:00,09:30,Namba,registration,Registration,受付,,,,,,',
    '2025-10-02,09:40,10:20,Namba,talk,Interface issues,界面の課題,副題,Taro Yamada; Hanako Sato,Osaka Univ.; Kyoto Univ.,山田 太郎; 佐藤 花子,大阪大学; 京都大学,',
    '2025-10-02,10:20,10:50,Namba,other,Move venue,会場移動,,,,,,onsite',
    '2025-10-02,10:50,11:20,Namba,meal,Lunch seminar,ランチョンセミナー,,,,,,all',
  ].join('\n');
  const { program, warnings } = importProgram(csv, options);

  it('reads title_ja, subtitle_ja, name_ja and affiliation_ja without warnings', () => {
    expect(warnings).toEqual([]);
    const talk = program.items[1]!;
    expect(talk.title).toBe('Interface issues');
    expect(talk.titles).toEqual({ ja: '界面の課題' });
    expect(talk.subtitles).toEqual({ ja: '副題' });
    expect(talk.speakers).toEqual([
      { name: 'Taro Yamada', affiliation: 'Osaka Univ.', names: { ja: '山田 太郎' }, affiliations: { ja: '大阪大学' } },
      { name: 'Hanako Sato', affiliation: 'Kyoto Univ.', names: { ja: '佐藤 花子' }, affiliations: { ja: '京都大学' } },
    ]);
  });

  it('resolves the audience: from the kind, or the audience column', () => {
    expect(program.items.map((i) => i.audience)).toEqual(['onsite', 'all', 'onsite', 'all']);
  });

  it('with only title_ja and title_en, the first is the default title', () => {
    const only = importProgram(
      ['date,start,end,hall,title_ja,title_en', '2025-10-02,09:40,10:20,Namba,界面の課題,Interface issues'].join('\n'),
      options,
    ).program.items[0]!;
    expect(only.title).toBe('界面の課題');
    expect(only.titles).toEqual({ ja: '界面の課題', en: 'Interface issues' });
  });

  it('names the line when name_ja does not match the speakers, and a bad audience', () => {
    const problems = problemsOf(() =>
      importProgram(
        [
          'date,start,end,hall,title,speakers,name_ja,audience',
          '2025-10-02,09:40,10:20,Namba,Talk,A; B,山田,',
          '2025-10-02,10:20,10:50,Namba,Talk 2,C,佐藤,somewhere',
        ].join('\n'),
        options,
      ),
    );
    expect(problems).toEqual([
      { path: 'line 2', message: expect.stringContaining('name_ja has 1 entries but the row has 2 speakers') },
      { path: 'line 3', message: 'audience "somewhere" is not all, onsite or online' },
    ]);
  });

  it('reads headers as people write them (Title-EN, "title ja") and names split on the Japanese semicolon', () => {
    const item = importProgram(
      [
        'date,start,end,hall,title,Title-EN,subtitle ja,speakers,Name_JA',
        '2025-10-02,09:40,10:20,Namba,界面の課題,Interface issues,副題,A; B,山田 太郎；佐藤 花子',
      ].join('\n'),
      options,
    ).program.items[0]!;
    expect(item.title).toBe('界面の課題');
    expect(item.titles).toEqual({ en: 'Interface issues' });
    expect(item.subtitles).toEqual({ ja: '副題' });
    expect(item.speakers.map((s) => s.names)).toEqual([{ ja: '山田 太郎' }, { ja: '佐藤 花子' }]);
  });
});
