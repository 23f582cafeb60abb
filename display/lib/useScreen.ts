import { computed, onBeforeUnmount, ref, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import type { DisplayPage, ScreenConfig } from '../../shared/index.js';
import { useScreenConfig } from './useScreenConfig.js';
import { usePageLangs, type Lang, type PageLangOptions } from '../../web/i18n/index.js';
import { orientationOf, orientationParam, screenName, type Orientation } from './query.js';
import { useLiveConnection, type LiveConnection } from '../../web/useLive.js';
import { provideTextLangs } from './useTextLangs.js';

/** What every display page starts from. */
export interface Screen {
  live: LiveConnection;
  /** The page's URL query. */
  params: URLSearchParams;
  /** The first of `langs`: the UI texts' language. */
  lang: ComputedRef<Lang>;
  /** `?lang=` (one or two: `ja,en`), else the event's language; program text shows in these, in order. */
  langs: ComputedRef<Lang[]>;
  /** The event's IANA zone: clocks and times show in it. */
  zone: ComputedRef<string>;
  /** The config's screen settings (theme, default language, timer, overlay); null until loaded. */
  config: ShallowRef<ScreenConfig | null>;
}

/**
 * Connects a display page: introduces it (`display:hello` with its page, hall and `?name=`), and resolves its
 * languages (the first is the app's vue-i18n locale; its components read them with useTextLangs) and the event's
 * zone. Sets the document's `lang` to the UI language.
 */
export function useScreen(
  page: DisplayPage,
  hallId?: string,
  options: Pick<PageLangOptions, 'preferred' | 'choice'> = {},
): Screen {
  const params = new URLSearchParams(location.search);
  const name = screenName(params);
  const live = useLiveConnection({ hello: { page, ...(hallId ? { hallId } : {}), ...(name ? { name } : {}) } });
  const config = useScreenConfig();
  // Without ?lang=: the hall's stream language (the overlay), else the config's screen language, else the event's.
  const fallback = computed(() => {
    const stream = page === 'overlay' && hallId ? config.value?.halls[hallId]?.streamLanguage : undefined;
    return stream ?? config.value?.languages.default;
  });
  const langs = usePageLangs(
    computed(() => live.program.value?.event.language),
    { documentLang: true, fallback, ...options },
  );
  provideTextLangs(langs);
  const lang = computed(() => langs.value[0]!);
  const zone = computed(() => live.program.value?.event.timeZone ?? 'UTC');
  return { live, params, lang, langs, zone, config };
}

/** The screen's orientation: `?orientation=`, else from the window's aspect ratio (follows resizes). */
export function useOrientation(params: URLSearchParams): Ref<Orientation> {
  const forced = orientationParam(params);
  const orientation = ref<Orientation>(forced ?? orientationOf(innerWidth, innerHeight));
  if (!forced) {
    const onResize = () => {
      orientation.value = orientationOf(innerWidth, innerHeight);
    };
    addEventListener('resize', onResize);
    onBeforeUnmount(() => removeEventListener('resize', onResize));
  }
  return orientation;
}
