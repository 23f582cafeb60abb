import { Router } from 'express';
import type { ScreenConfig } from '../../shared/screens.js';
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
  return router;
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
