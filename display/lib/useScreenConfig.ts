import { shallowRef, type ShallowRef } from 'vue';
import { DEFAULT_SCREEN_CONFIG, type ScreenConfig } from '../../shared/screens.js';
import { THEME_COLOURS } from '../../shared/theme-colours.js';
import { apiClient } from '../../web/api.js';

let loaded: ShallowRef<ScreenConfig | null> | undefined;

/**
 * The config's screen settings (GET /api/v1/screens/config), loaded once per page; null until they arrive (the
 * page shows today's defaults meanwhile). Their theme is applied to the document as it arrives.
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
      applyTheme(config.value.theme, document.documentElement);
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

/** The theme's colours and font as custom properties on `root`, over theme.css's (only the names it defines). */
export function applyTheme(theme: ScreenConfig['theme'], root: HTMLElement): void {
  for (const name of THEME_COLOURS) {
    const value = theme.colours[name];
    if (typeof value === 'string') root.style.setProperty(`--${name}`, value);
  }
  if (typeof theme.fontFamily === 'string') root.style.setProperty('--font', theme.fontFamily);
}
