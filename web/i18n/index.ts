import { computed, watchEffect, type ComputedRef, type Ref } from 'vue';
import { createI18n, useI18n, type Composer } from 'vue-i18n';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

/**
 * The pages' texts: one vue-i18n catalogue per language (`en.json`, `ja.json`), with a key family per page
 * family: `screen.*` for display/ (signage, lobby, timer, overlay, live page), `panel.*` for control/ (chair
 * panel, console cards). The vite build precompiles the catalogues (@intlify/unplugin-vue-i18n), so the pages
 * ship vue-i18n's runtime only, without its message compiler.
 */
export const LANGS = ['en', 'ja'] as const;
/** A language the pages speak. */
export type Lang = (typeof LANGS)[number];

/** The catalogue's shape, English being the reference (a unit test checks every language has the same keys). */
export type Catalogue = typeof en;

declare module 'vue-i18n' {
  // Typed keys: `t('screen.nowt')` does not compile.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Catalogue {}
}

/** The i18n plugin of an app (`app.use(createLecternI18n())`), English until a page picks its language. */
export function createLecternI18n(lang: Lang = 'en') {
  return createI18n({
    legacy: false,
    locale: lang,
    fallbackLocale: 'en',
    messages: { en, ja: ja as Catalogue },
  });
}

/** The translate function of a page, as pure helpers take it. */
export type Translate = Composer['t'];

/** Whether `value` is a language the pages speak. */
export function isLang(value: string | null | undefined): value is Lang {
  return (LANGS as readonly string[]).includes(value ?? '');
}

/** A language from `?lang=`, else the event's, else English. */
export function resolveLang(query: string | null | undefined, eventLanguage: string | undefined): Lang {
  return [query, eventLanguage].find(isLang) ?? 'en';
}

/**
 * Sets the app's language from `?lang=` and the event's language (known once the program arrives), and, for a
 * screen, the document's `lang` with it. Answers the language.
 */
export function usePageLang(
  eventLanguage: Ref<string | undefined>,
  options: { documentLang?: boolean; search?: string } = {},
): ComputedRef<Lang> {
  const { locale } = useI18n({ useScope: 'global' });
  const fromUrl = new URLSearchParams(options.search ?? location.search).get('lang');
  const lang = computed(() => resolveLang(fromUrl, eventLanguage.value));
  watchEffect(() => {
    locale.value = lang.value;
    if (options.documentLang) document.documentElement.lang = lang.value;
  });
  return lang;
}

/** The page's language as a ref (for `lang` attributes and date formats). */
export function useLang(): ComputedRef<Lang> {
  const { locale } = useI18n({ useScope: 'global' });
  return computed(() => (isLang(locale.value) ? locale.value : 'en'));
}

/** A language's `t` and `te` outside a component: for pure helpers that take them, and their tests. */
export function textsOf(lang: Lang): { t: Translate; te: (key: string) => boolean } {
  const { t, te } = createLecternI18n(lang).global;
  return { t: t as Translate, te: (key) => te(key) };
}
