import { describe, expect, it } from 'vitest';
import { browserLang } from '../../../display/lib/useLangChoice.js';
import { langOfText } from '../../../display/lib/useTextLangs.js';

describe("the public page's language from the browser", () => {
  it('takes the first of the browser languages the pages speak', () => {
    expect(browserLang(['ja-JP', 'en-US'])).toBe('ja');
    expect(browserLang(['de-DE', 'en-GB', 'ja'])).toBe('en');
    expect(browserLang(['fr'])).toBeNull();
    expect(browserLang([])).toBeNull();
  });
});

describe('the lang attribute of program text in a language', () => {
  it("is the translation's, else Japanese for kana and kanji, else the language asked for unless Japanese", () => {
    expect(langOfText({ text: '開会', lang: 'ja' })).toBe('ja');
    expect(langOfText({ text: '開会', lang: undefined }, undefined, 'en')).toBe('ja');
    expect(langOfText({ text: 'Opening', lang: undefined }, undefined, 'en')).toBe('en');
    expect(langOfText({ text: 'Opening', lang: undefined }, undefined, 'ja')).toBeUndefined();
    expect(langOfText({ text: 'Eröffnung', lang: undefined }, 'de', 'en')).toBe('de');
  });
});
