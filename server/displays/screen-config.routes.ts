import { Router } from 'express';
import { THEME_COLOURS, type ScreenConfig } from '../../shared/screens.js';
import type { ObsConfig } from '../obs/obs.config.js';

/**
 * GET /api/v1/screens/config: the config's `screens` and `halls` sections (theme, default language, timer
 * thresholds, overlay options, stream languages). Public, as every screen is: the schema holds no secret.
 */
export function screenConfigRoutes(config: ScreenConfig): Router {
  const router = Router();
  router.get('/api/v1/screens/config', (_req, res) => {
    res.json(config);
  });
  // The same theme as a stylesheet the screens' HTML links in its head: it blocks the first paint, so a screen
  // never shows the default colours for a moment before the config's answer arrives.
  const stylesheet = themeStylesheet(config.theme);
  router.get('/api/v1/screens/theme.css', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/css').send(stylesheet);
  });
  return router;
}

/**
 * The theme's colours and font as custom properties. `html:root` outranks theme.css's `:root` wherever the bundle's
 * stylesheet lands. The values are safe in CSS as they are: ScreensSectionSchema admits colours of one shape
 * and a font list without `;{}<>\`.
 */
export function themeStylesheet(theme: ScreenConfig['theme']): string {
  const lines = THEME_COLOURS.flatMap((name) => (theme.colours[name] ? [`  --${name}: ${theme.colours[name]};`] : []));
  if (theme.fontFamily) lines.push(`  --font: ${theme.fontFamily};`);
  return lines.length ? `html:root {\n${lines.join('\n')}\n}\n` : '/* the default theme (no screens.theme in the config) */\n';
}

/** Each OBS hall with its stream language (`halls.<id>.streamLanguage`): the language of its text inputs. */
export function withStreamLanguages(obs: ObsConfig | undefined, screens: ScreenConfig): ObsConfig | undefined {
  if (!obs) return obs;
  return {
    ...obs,
    halls: obs.halls.map((hall) => {
      const streamLanguage = screens.halls[hall.hallId]?.streamLanguage;
      return streamLanguage ? { ...hall, streamLanguage } : hall;
    }),
  };
}

/** The origin of an http(s) logo (for the CSP's img-src); none for a URL path, which is Lectern's own origin. */
export function logoOrigins(screens: ScreenConfig): string[] {
  const logo = screens.theme.logo;
  return logo && /^https?:\/\//.test(logo) ? [new URL(logo).origin] : [];
}
