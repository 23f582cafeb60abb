import { describe, expect, it } from 'vitest';
import { LANGS, nowLabel, resolveLang, stringsFor } from '../../../display/lib/i18n.js';
import { affiliations, listCandidates, nameSeparator } from '../../../display/lib/lists.js';
import { isJapanese, langOf } from '../../../display/lib/textLang.js';

describe('UI strings in English and Japanese', () => {
  it('every string exists and is non-empty in both languages', () => {
    const keys = Object.keys(stringsFor('en')).sort();
    for (const lang of LANGS) {
      const strings = stringsFor(lang) as unknown as Record<string, unknown>;
      expect(Object.keys(strings).sort()).toEqual(keys);
      for (const key of keys) {
        const value = strings[key];
        if (typeof value === 'string') expect(value, `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('the Japanese strings are Japanese', () => {
    const ja = stringsFor('ja');
    expect(ja.opens(2, 2, '10月3日(金) 13:30')).toBe('2日目は 10月3日(金) 13:30 から');
    expect(ja.coAuthors(37)).toBe('ほか37名');
    expect(isJapanese(ja.reconnecting)).toBe(true);
  });

  it('"Day 2 opens Friday 13:30", without a day number for a one-day event', () => {
    expect(stringsFor('en').opens(2, 2, 'Friday 13:30')).toBe('Day 2 opens Friday 13:30');
    expect(stringsFor('en').opens(1, 1, 'Friday 13:30')).toBe('Opens Friday 13:30');
    expect(stringsFor('en').coAuthors(1)).toBe('+ 1 co-author');
    expect(nowLabel(stringsFor('en'), 'registration', false)).toBe('Now · Registration');
    expect(nowLabel(stringsFor('en'), 'talk', true)).toBe('Q&A');
  });

  it('the language: ?lang=, else the event, else English', () => {
    expect(resolveLang('ja', 'en')).toBe('ja');
    expect(resolveLang(null, 'ja')).toBe('ja');
    expect(resolveLang('fr', undefined)).toBe('en');
  });
});

describe('Japanese text and lists of names', () => {
  it('marks kana and kanji as Japanese, else the item language', () => {
    expect(langOf('全固体電池')).toBe('ja');
    expect(langOf('カタカナ')).toBe('ja');
    expect(langOf('Switches Get Stitches', 'de')).toBe('de');
    expect(langOf('Switches Get Stitches')).toBeUndefined();
  });

  it('lists from complete to "+ N co-authors", the presenting speaker always whole', () => {
    const more = (n: number) => `+ ${n}`;
    expect(listCandidates(['A', 'B', 'C'], ', ', more)).toEqual(['A, B, C', 'A, B + 1', 'A + 2']);
    expect(listCandidates([], ', ', more)).toEqual([]);
    expect(nameSeparator(['山田 太郎', 'Ann'])).toBe('、');
    expect(
      affiliations([
        { name: 'a', affiliation: 'X' },
        { name: 'b', affiliation: ' X ' },
        { name: 'c', affiliation: '' },
        { name: 'd', affiliation: 'Y' },
      ]),
    ).toEqual(['X', 'Y']);
  });
});
