import { describe, expect, it } from 'vitest';
import { nowLabel, opensText, zoneNote } from '../../../display/lib/labels.js';
import { textsOf } from '../../../web/i18n/index.js';
import { affiliations, listCandidates, nameSeparator } from '../../../display/lib/lists.js';
import { isJapanese, langOf } from '../../../display/lib/textLang.js';

const en = textsOf('en').t;
const ja = textsOf('ja').t;

describe('screen texts in English and Japanese', () => {
  it('the Japanese strings are Japanese', () => {
    expect(opensText(ja, 2, 2, '10月3日(金) 13:30')).toBe('2日目は 10月3日(金) 13:30 から');
    expect(ja('screen.coAuthors', 37)).toBe('ほか37名');
    expect(isJapanese(ja('screen.reconnecting'))).toBe(true);
  });

  it('"Day 2 opens Friday 13:30", without a day number for a one-day event', () => {
    expect(opensText(en, 2, 2, 'Friday 13:30')).toBe('Day 2 opens Friday 13:30');
    expect(opensText(en, 1, 1, 'Friday 13:30')).toBe('Opens Friday 13:30');
    expect(en('screen.coAuthors', 1)).toBe('+ 1 co-author');
    expect(en('screen.coAuthors', 3)).toBe('+ 3 co-authors');
    expect(nowLabel(en, 'registration', false)).toBe('Now · Registration');
    expect(nowLabel(en, 'talk', true)).toBe('Q&A');
    expect(zoneNote(en, 'Tokyo', 'Berlin')).toBe('Times in Tokyo time, and in yours (Berlin)');
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
