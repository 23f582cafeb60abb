import { describe, expect, it } from 'vitest';
import {
  isOnsiteOnly,
  itemSubtitle,
  itemTitle,
  nextStreamedItem,
  parseScreenLanguages,
  speakerAffiliation,
  speakerIn,
  speakerName,
  streamedFirst,
} from '../../../shared/index.js';

const LANGS = ['en', 'ja'];

describe('program text in a language', () => {
  const item = { title: 'Opening', titles: { ja: '開会' }, subtitle: 'Welcome', subtitles: { ja: 'ようこそ' } };
  const speaker = { name: 'Taro Yamada', names: { ja: '山田 太郎' }, affiliation: 'Osaka University', affiliations: {} };

  it('takes the translation when the program has one, with its language', () => {
    expect(itemTitle(item, 'ja')).toEqual({ text: '開会', lang: 'ja' });
    expect(itemSubtitle(item, 'ja')).toEqual({ text: 'ようこそ', lang: 'ja' });
    expect(speakerName(speaker, 'ja')).toEqual({ text: '山田 太郎', lang: 'ja' });
  });

  it('falls back to the default text for a language the program lacks', () => {
    expect(itemTitle(item, 'en')).toEqual({ text: 'Opening', lang: undefined });
    expect(itemTitle({ title: 'Break', titles: undefined }, 'ja')).toEqual({ text: 'Break', lang: undefined });
    expect(itemTitle(item, undefined).text).toBe('Opening');
    expect(speakerAffiliation(speaker, 'ja').text).toBe('Osaka University');
    expect(itemSubtitle({ subtitle: undefined, subtitles: undefined }, 'ja')).toBeUndefined();
  });

  it('gives a speaker in one language, name and affiliation both', () => {
    expect(speakerIn(speaker, 'ja')).toMatchObject({ name: '山田 太郎', affiliation: 'Osaka University' });
    expect(speakerIn(speaker, 'en')).toMatchObject({ name: 'Taro Yamada' });
  });
});

describe("a screen's lang parameter", () => {
  it('reads one language, or two separated by a comma, a plus or the space a plus decodes to', () => {
    expect(parseScreenLanguages('ja', LANGS)).toEqual(['ja']);
    expect(parseScreenLanguages('ja,en', LANGS)).toEqual(['ja', 'en']);
    expect(parseScreenLanguages('ja+en', LANGS)).toEqual(['ja', 'en']);
    expect(parseScreenLanguages('ja en', LANGS)).toEqual(['ja', 'en']);
    expect(parseScreenLanguages(' EN , ja ', LANGS)).toEqual(['en', 'ja']);
  });

  it('ignores unknown tags and repeats, and keeps at most two', () => {
    expect(parseScreenLanguages('fr,ja', LANGS)).toEqual(['ja']);
    expect(parseScreenLanguages('ja,ja,en', LANGS)).toEqual(['ja', 'en']);
    expect(parseScreenLanguages('en,ja,ko', ['en', 'ja', 'ko'])).toEqual(['en', 'ja']);
    expect(parseScreenLanguages('<script>', LANGS)).toEqual([]);
    expect(parseScreenLanguages(null, LANGS)).toEqual([]);
    expect(parseScreenLanguages('', LANGS)).toEqual([]);
  });
});

describe('onsite-only items for online viewers', () => {
  const items = [
    { id: 'reg', audience: 'onsite' as const },
    { id: 'move', audience: 'onsite' as const },
    { id: 'opening', audience: 'all' as const },
    { id: 'talk', audience: 'all' as const },
  ];

  it('marks onsite-only items', () => {
    expect(items.map(isOnsiteOnly)).toEqual([true, true, false, false]);
  });

  it('finds the next streamed item after an onsite one', () => {
    expect(nextStreamedItem(items, 'reg')?.id).toBe('opening');
    expect(nextStreamedItem(items, 'opening')?.id).toBe('talk');
    expect(nextStreamedItem(items, 'talk')).toBeUndefined();
    expect(nextStreamedItem(items, 'nope')).toBeUndefined();
  });

  it('puts the first streamed item first, the onsite ones before it after it', () => {
    expect(streamedFirst(items, (i) => i).map((i) => i.id)).toEqual(['opening', 'reg', 'move', 'talk']);
    expect(streamedFirst(items.slice(2), (i) => i).map((i) => i.id)).toEqual(['opening', 'talk']);
    expect(streamedFirst(items.slice(0, 2), (i) => i).map((i) => i.id)).toEqual(['reg', 'move']);
  });
});
