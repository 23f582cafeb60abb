import { computed, onBeforeUnmount, ref, watchEffect, type ComputedRef, type Ref } from 'vue';
import type { DisplayPage } from '../../shared/index.js';
import { resolveLang, stringsFor, type Lang, type Strings } from './i18n.js';
import { orientationOf, orientationParam, screenName, type Orientation } from './query.js';
import { useLiveConnection, type LiveConnection } from '../../web/useLive.js';

/** What every display page starts from. */
export interface Screen {
  live: LiveConnection;
  /** The page's URL query. */
  params: URLSearchParams;
  /** `?lang=`, else the event's language. */
  lang: ComputedRef<Lang>;
  t: ComputedRef<Strings>;
  /** The event's IANA zone: clocks and times show in it. */
  zone: ComputedRef<string>;
}

/**
 * Connects a display page: introduces it (`display:hello` with its page, hall and `?name=`), and resolves its
 * language and the event's zone. Sets the document's `lang` to the UI language.
 */
export function useScreen(page: DisplayPage, hallId?: string): Screen {
  const params = new URLSearchParams(location.search);
  const name = screenName(params);
  const live = useLiveConnection({ hello: { page, ...(hallId ? { hallId } : {}), ...(name ? { name } : {}) } });
  const lang = computed(() => resolveLang(params.get('lang'), live.program.value?.event.language));
  const t = computed(() => stringsFor(lang.value));
  const zone = computed(() => live.program.value?.event.timeZone ?? 'UTC');
  watchEffect(() => {
    document.documentElement.lang = lang.value;
  });
  return { live, params, lang, t, zone };
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
