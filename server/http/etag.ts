import type { Request, Response } from 'express';

/**
 * Conditional GET for a document that changes with the program: sets `ETag` and `Cache-Control: no-cache`
 * (clients revalidate every time) and answers 304 when the client already has `etag`. True when it answered.
 */
export function answeredNotModified(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'no-cache');
  if (req.get('if-none-match') !== etag) return false;
  res.status(304).end();
  return true;
}
