import { computed, watchEffect, type ComputedRef, type Ref } from 'vue';
import { createI18n, useI18n, type Composer, type DefineLocaleMessage } from 'vue-i18n';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import { parseScreenLanguages } from '../../shared/index.js';

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
    // The typed keys include the console's (web/i18n/console.ts), which only the control pages merge in: into a
    // copy, as vue-i18n merges into the object it was given.
    messages: { en: { ...en }, ja: { ...(ja as Catalogue) } } as unknown as Record<Lang, DefineLocaleMessage>,
  });
}

/** The translate function of a page, as pure helpers take it. */
export type Translate = Composer['t'];

/** Whether `value` is a language the pages speak. */
export function isLang(value: string | null | undefined): value is Lang {
  return (LANGS as readonly string[]).includes(value ?? '');
}

/**
 * The languages a page shows, in order: `?lang=` (one, or two as `ja,en` / `ja+en`), else `preferred` (a viewer's
 * remembered choice or their browser's language), else the event's, else English.
 */
export function resolveLangs(
  query: string | null | undefined,
  eventLanguage: string | undefined,
  preferred?: string | null,
): Lang[] {
  const asked = parseScreenLanguages(query, LANGS).filter(isLang);
  if (asked.length > 0) return asked;
  return [[preferred, eventLanguage].find(isLang) ?? 'en'];
}

/** The first language from `?lang=`, else the event's, else English. */
export function resolveLang(query: string | null | undefined, eventLanguage: string | undefined): Lang {
  return resolveLangs(query, eventLanguage)[0]!;
}

export interface PageLangOptions {
  /** Set the document's `lang` too (screens). */
  documentLang?: boolean;
  search?: string;
  /** Below `?lang=`, above the event's language: a remembered choice or the browser's language. */
  preferred?: string | null;
  /** Below `?lang=`, above `preferred`: the languages a config sets for screens (`ja+en`). */
  fallback?: Ref<string | undefined>;
  /** Above everything: the language a viewer just picked on the page. */
  choice?: Ref<Lang | null>;
}

/**
 * Sets the app's language from `?lang=` and the event's language (known once the program arrives), and, for a
 * screen, the document's `lang` with it. Answers the page's languages, in order (one or two); the UI texts and
 * the document follow the first.
 */
export function usePageLangs(eventLanguage: Ref<string | undefined>, options: PageLangOptions = {}): ComputedRef<Lang[]> {
  const { locale } = useI18n({ useScope: 'global' });
  const fromUrl = new URLSearchParams(options.search ?? location.search).get('lang');
  const langs = computed(() => {
    const chosen = options.choice?.value;
    const asked = fromUrl ?? options.fallback?.value;
    return chosen ? [chosen] : resolveLangs(asked, eventLanguage.value, options.preferred);
  });
  watchEffect(() => {
    locale.value = langs.value[0]!;
    if (options.documentLang) document.documentElement.lang = langs.value[0]!;
  });
  return langs;
}

/** Like `usePageLangs`, answering the first language only (pages that show one). */
export function usePageLang(eventLanguage: Ref<string | undefined>, options: PageLangOptions = {}): ComputedRef<Lang> {
  const langs = usePageLangs(eventLanguage, options);
  return computed(() => langs.value[0]!);
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
