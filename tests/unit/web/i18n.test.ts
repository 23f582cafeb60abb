import { describe, expect, it } from 'vitest';
import { createLecternI18n, resolveLang, resolveLangs } from '../../../web/i18n/index.js';
import en from '../../../web/i18n/en.json' with { type: 'json' };
import ja from '../../../web/i18n/ja.json' with { type: 'json' };
import consoleEn from '../../../web/i18n/console.en.json' with { type: 'json' };
import consoleJa from '../../../web/i18n/console.ja.json' with { type: 'json' };
import { withConsoleTexts } from '../../../web/i18n/console.js';

/** Every key path of a catalogue with its text (arrays by index). */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
  return [[path, value]];
}

// English answers refusals with the server's own message; only Japanese translates them.
const JAPANESE_ONLY = /^panel\.status\.reasons\./;

describe('one catalogue per language', () => {
  it('both languages have the same keys, and no text is empty', () => {
    const enKeys = leaves(en).map(([key]) => key);
    const jaKeys = leaves(ja)
      .map(([key]) => key)
      .filter((key) => !JAPANESE_ONLY.test(key));
    expect(jaKeys.sort()).toEqual(enKeys.sort());
    for (const [key, text] of [...leaves(en), ...leaves(ja)]) expect(typeof text === 'string' && text !== '', key).toBe(true);
  });

  it('compiles every message in both languages (placeholders filled, plurals chosen)', () => {
    for (const lang of ['en', 'ja'] as const) {
      const { t } = createLecternI18n(lang).global;
      for (const [key] of leaves(lang === 'en' ? en : ja)) {
        if (/\.\d+$/.test(key)) continue; // array entries are read with tm()
        expect(() => t(key as never, { n: 1, m: 1, what: 'x' }), `${lang}.${key}`).not.toThrow();
      }
    }
    const ja1 = createLecternI18n('ja').global.t;
    expect(ja1('panel.status.reasons.forbidden')).toBe('このリンクではこの操作はできません');
    expect(createLecternI18n('en').global.t('panel.late', { min: 4 })).toBe('running 4 min late');
  });

  it('the language: ?lang=, else the event, else English', () => {
    expect(resolveLang('ja', 'en')).toBe('ja');
    expect(resolveLang(null, 'ja')).toBe('ja');
    expect(resolveLang('fr', undefined)).toBe('en');
    expect(resolveLang('ja,en', 'en')).toBe('ja');
  });

  it('two languages from ?lang=ja,en or ja+en; a preferred one below ?lang= and above the event', () => {
    expect(resolveLangs('ja,en', 'en')).toEqual(['ja', 'en']);
    expect(resolveLangs('ja en', 'en')).toEqual(['ja', 'en']);
    expect(resolveLangs('fr,en', 'ja')).toEqual(['en']);
    expect(resolveLangs(null, 'en', 'ja')).toEqual(['ja']);
    expect(resolveLangs('en', 'en', 'ja')).toEqual(['en']);
    expect(resolveLangs(null, 'ja', 'de')).toEqual(['ja']);
  });
});

describe("the director console's own catalogue (control pages only)", () => {
  it('has the same keys in both languages, no empty text, and every message compiles', () => {
    expect(
      leaves(consoleJa)
        .map(([key]) => key)
        .sort(),
    ).toEqual(
      leaves(consoleEn)
        .map(([key]) => key)
        .sort(),
    );
    for (const lang of ['en', 'ja'] as const) {
      const { t } = withConsoleTexts(createLecternI18n(lang)).global;
      for (const [key, text] of leaves(lang === 'en' ? consoleEn : consoleJa)) {
        expect(typeof text === 'string' && text !== '', `${lang}.${key}`).toBe(true);
        expect(t(key as never, { n: 1, m: 1, what: 'x' }), `${lang}.${key}`).not.toBe(key);
      }
    }
  });

  it('adds to the shared texts, never over them', () => {
    const shared = new Set(leaves(en).map(([key]) => key));
    for (const [key] of leaves(consoleEn)) expect(shared.has(key), key).toBe(false);
    const { t } = withConsoleTexts(createLecternI18n('ja')).global;
    expect(t('console.desk.tabs.halls')).toBe('会場');
    expect(t('panel.now')).toBe(createLecternI18n('ja').global.t('panel.now'));
  });
});
