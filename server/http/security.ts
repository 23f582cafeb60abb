import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of the built pages: they load only what Lectern serves itself (and talk to its
 * socket). Vite's dev server injects inline scripts, so dev mode sends none.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'self'"],
};

/**
 * Headers every response carries (helmet): no MIME sniffing, no Referer (a token in a URL fragment never
 * leaves the browser in one), framing only by Lectern's own pages, and the CSP above.
 *
 * Helmet's other defaults are off on purpose. Venue LANs and OBS browser sources run on plain http, so no HSTS
 * and no `upgrade-insecure-requests` (either would break every screen on a LAN address). The cross-origin
 * isolation headers (COOP, CORP, COEP), Origin-Agent-Cluster and the legacy X-DNS-Prefetch-Control,
 * X-Download-Options, X-Permitted-Cross-Domain-Policies and X-XSS-Protection were never sent and protect
 * nothing these pages need; leaving them out keeps what OBS's embedded browser loads exactly as before.
 */
export function securityHeaders(options: { dev: boolean; imageOrigins?: string[] }): RequestHandler {
  // The config's logo may be on another host (`screens.theme.logo`): its origin only, nothing else.
  const directives = { ...CSP_DIRECTIVES, imgSrc: [...CSP_DIRECTIVES.imgSrc, ...(options.imageOrigins ?? [])] };
  return helmet({
    contentSecurityPolicy: options.dev ? false : { useDefaults: false, directives },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'sameorigin' },
    xContentTypeOptions: true,
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}
