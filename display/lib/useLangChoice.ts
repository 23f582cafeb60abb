import { ref, type Ref } from 'vue';
import { LANGS, isLang, type Lang } from '../../web/i18n/index.js';

/** Where the public page keeps the viewer's language (localStorage: it outlives the tab). */
const LANG_KEY = 'lectern.lang';

/** The first of the browser's languages the pages speak (`ja-JP` → `ja`), if any. */
export function browserLang(languages: readonly string[]): Lang | null {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return null;
}

/** A viewer's language on the public page: what they picked, remembered, and their browser's. */
export interface LangChoice {
  /** Picked on this page load (above `?lang=`); null until the viewer picks. */
  choice: Ref<Lang | null>;
  /** Below `?lang=`: the language picked on an earlier visit, else the browser's. */
  preferred: Lang | null;
  /** Picks a language: remembered, and written into the address (`?lang=`) so a reload or a shared link keeps it. */
  choose(lang: Lang): void;
  /** The languages to offer. */
  offered: readonly Lang[];
}

/** The public page's language switch. Without storage (private mode) the choice lasts for the page load. */
export function useLangChoice(): LangChoice {
  let stored: string | null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    stored = null;
  }
  const choice = ref<Lang | null>(null);
  return {
    choice,
    preferred: isLang(stored) ? stored : browserLang(navigator.languages ?? [navigator.language]),
    offered: LANGS,
    choose(lang) {
      choice.value = lang;
      try {
        localStorage.setItem(LANG_KEY, lang);
      } catch {
        // Not remembered; the address still carries it.
      }
      const url = new URL(location.href);
      url.searchParams.set('lang', lang);
      history.replaceState(history.state, '', url);
    },
  };
}
