import { shallowRef, type ShallowRef } from 'vue';
import { DEFAULT_SCREEN_CONFIG, type ScreenConfig } from '../../shared/screens.js';
import { apiClient } from '../../web/api.js';

let loaded: ShallowRef<ScreenConfig | null> | undefined;

/**
 * The config's screen settings (GET /api/v1/screens/config), loaded once per page; null until they arrive (the
 * page shows today's defaults meanwhile). The theme is not applied here: the page's head links theme.css, the
 * same colours from the server, before its first paint.
 */
export function useScreenConfig(): ShallowRef<ScreenConfig | null> {
  if (loaded) return loaded;
  const config = shallowRef<ScreenConfig | null>(null);
  loaded = config;
  void apiClient()
    .call('GET /api/v1/screens/config')
    .then((answer) => {
      // The server validated it (ScreenConfigSchema); an answer of another shape (an older server, a proxy's
      // page) leaves today's defaults. No zod here: it stays off the screens' bundle.
      config.value = answer.ok && isScreenConfig(answer.body) ? answer.body : DEFAULT_SCREEN_CONFIG;
    });
  return config;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The answer's shape, enough for the pages to read it safely. */
function isScreenConfig(body: unknown): body is ScreenConfig {
  if (!isObject(body)) return false;
  const { theme, languages, timer, overlay, halls } = body;
  return (
    isObject(theme) &&
    isObject(theme.colours) &&
    isObject(languages) &&
    isObject(timer) &&
    typeof timer.warningSeconds === 'number' &&
    typeof timer.dangerSeconds === 'number' &&
    isObject(overlay) &&
    typeof overlay.lowerThirdSeconds === 'number' &&
    isObject(halls)
  );
}
