import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgramSchema, defaultAudience, describeZodError, hallItems } from '../../../shared/index.js';
import { demoProgram } from '../../support/demo.js';
import { ROOT } from '../../support/server.js';

const base = {
  event: { title: 'Test', timeZone: 'Asia/Tokyo' },
  halls: [{ id: 'a', name: 'Hall A' }],
};
const item = (over: Record<string, unknown> = {}) => ({
  id: 'x1',
  hallId: 'a',
  kind: 'talk',
  title: 'T',
  start: '2025-10-02T09:00:00+09:00',
  end: '2025-10-02T09:30:00+09:00',
  ...over,
});
const parseOne = (over: Record<string, unknown>) => ProgramSchema.parse({ ...base, items: [item(over)] }).items[0]!;

describe('titles and names in several languages', () => {
  it('keeps titles, subtitles, speaker names and affiliations by language tag', () => {
    const parsed = parseOne({
      title: 'Interface issues',
      titles: { ja: '界面の課題' },
      subtitles: { ja: '副題' },
      speakers: [{ name: 'Taro Yamada', affiliation: 'Osaka', names: { ja: '山田 太郎' }, affiliations: { ja: '大阪大学' } }],
    });
    expect(parsed.titles).toEqual({ ja: '界面の課題' });
    expect(parsed.subtitles).toEqual({ ja: '副題' });
    expect(parsed.speakers[0]).toEqual({
      name: 'Taro Yamada',
      affiliation: 'Osaka',
      names: { ja: '山田 太郎' },
      affiliations: { ja: '大阪大学' },
    });
  });

  it('names a bad language tag and an empty translation', () => {
    const result = ProgramSchema.safeParse({ ...base, items: [item({ titles: { Japanese: 'x', en: ' ' } })] });
    expect(result.success).toBe(false);
    const paths = describeZodError(result.error!).map((p) => p.path);
    expect(paths).toContain('items[0].titles.Japanese');
    expect(paths).toContain('items[0].titles.en');
  });
});

describe('who an item is for', () => {
  it('defaults from the kind: registration, social, tour and meal are onsite', () => {
    expect(parseOne({ kind: 'registration', title: 'Check-in' }).audience).toBe('onsite');
    expect(parseOne({ kind: 'meal', title: 'Lunch' }).audience).toBe('onsite');
    expect(parseOne({ kind: 'social', title: 'Reception' }).audience).toBe('onsite');
    expect(parseOne({ kind: 'tour', title: 'Lab tour' }).audience).toBe('onsite');
    expect(parseOne({ kind: 'talk', title: 'A talk' }).audience).toBe('all');
    expect(parseOne({ kind: 'break', title: 'Break' }).audience).toBe('all');
  });

  it('a printed "(Onsite)" marks an item; an explicit audience wins', () => {
    expect(defaultAudience({ kind: 'other', title: 'Poster walk (Onsite)' })).toBe('onsite');
    expect(defaultAudience({ kind: 'other', title: 'Poster walk (on-site only)' })).toBe('onsite');
    expect(defaultAudience({ kind: 'other', title: 'ポスター見学（現地）' })).toBe('onsite');
    expect(defaultAudience({ kind: 'other', title: 'Onsite logistics' })).toBe('all');
    expect(defaultAudience({ kind: 'other', title: 'Move venue' })).toBe('onsite');
    expect(parseOne({ kind: 'meal', title: 'Lunch seminar', audience: 'all' }).audience).toBe('all');
    expect(parseOne({ kind: 'talk', title: 'Online panel', audience: 'online' }).audience).toBe('online');
  });

  it('the demo marks its onsite items, and every item carries the resolved value', () => {
    const program = demoProgram();
    const onsite = hallItems(program, 'namba')
      .filter((i) => i.audience === 'onsite')
      .map((i) => i.title);
    expect(onsite).toEqual(['Registration (Onsite)', 'Lunch', 'Move venue', 'Networking event']);
    expect(program.items.every((i) => i.audience !== undefined)).toBe(true);
    const raw = JSON.parse(readFileSync(join(ROOT, 'server/program/demo/osaka-assb-symposium-2025.json'), 'utf8')) as {
      items: { title: string; audience?: string }[];
    };
    expect(raw.items.filter((i) => i.audience === 'onsite').map((i) => i.title)).toContain('Move venue');
  });
});

describe('the bilingual demo (tests/fixtures/demo-bilingual.program.json)', () => {
  const text = readFileSync(join(ROOT, 'tests/fixtures/demo-bilingual.program.json'), 'utf8');
  const program = ProgramSchema.parse(JSON.parse(text));
  const demo = demoProgram();

  it('is the demo with Japanese titles added: same items, times, speakers and audiences', () => {
    expect(program.items.map(({ titles: _t, ...rest }) => rest)).toEqual(demo.items);
  });

  it('has a Japanese title, written in Japanese, for each of the 13 talks', () => {
    const talks = program.items.filter((i) => i.kind === 'talk' && i.speakers.length > 0);
    expect(talks).toHaveLength(13);
    for (const talk of talks) {
      expect(talk.titles?.ja, talk.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(talk.titles?.ja).not.toBe(talk.title);
    }
    expect(program.items.find((i) => i.id === 'namba-2025-10-02-1345')!.titles).toEqual({ ja: '全固体電池の界面の課題' });
  });
});
