import type { RequestHandler } from 'express';

/**
 * Headers every response carries. Pages may load only what Lectern serves itself, and a token in a URL
 * fragment never leaves the browser in a Referer.
 */
export function securityHeaders(options: { dev: boolean }): RequestHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    // Vite's dev server injects inline scripts; the built pages need none.
    if (!options.dev) res.setHeader('Content-Security-Policy', csp);
    next();
  };
}
