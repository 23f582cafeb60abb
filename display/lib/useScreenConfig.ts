import { shallowRef, type ShallowRef } from 'vue';
import { ScreenConfigSchema, THEME_COLOURS, type ScreenConfig } from '../../shared/index.js';
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
      // Checked here too: a proxy's error page or an older server changes nothing on the screen.
      const parsed = answer.ok ? ScreenConfigSchema.safeParse(answer.body) : undefined;
      config.value = parsed?.success ? parsed.data : ScreenConfigSchema.parse({});
      applyTheme(config.value.theme, document.documentElement);
    });
  return config;
}

/** The theme's colours and font as custom properties on `root`, over theme.css's (only the names it defines). */
export function applyTheme(theme: ScreenConfig['theme'], root: HTMLElement): void {
  for (const name of THEME_COLOURS) {
    const value = theme.colours[name];
    if (value) root.style.setProperty(`--${name}`, value);
  }
  if (theme.fontFamily) root.style.setProperty('--font', theme.fontFamily);
}
