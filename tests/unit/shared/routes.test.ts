import { describe, expect, it } from 'vitest';
import { routeUrl } from '../../../shared/index.js';

describe('routeUrl', () => {
  it('fills path parameters, encoded', () => {
    expect(routeUrl('DELETE /api/v1/tokens/:id', { id: 'a/b c' })).toBe('/api/v1/tokens/a%2Fb%20c');
    expect(routeUrl('POST /api/v1/obs/:hallId/mode', { hallId: 'namba' })).toBe('/api/v1/obs/namba/mode');
  });

  it('adds the query, leaving undefined values out', () => {
    expect(routeUrl('GET /api/v1/halls/:hallId/log', { hallId: 'namba' }, { last: 1, after: undefined })).toBe(
      '/api/v1/halls/namba/log?last=1',
    );
    expect(routeUrl('POST /api/v1/program', {}, { format: 'auto' })).toBe('/api/v1/program?format=auto');
  });

  it('is the bare path for a route without parameters', () => {
    expect(routeUrl('GET /healthz')).toBe('/healthz');
  });
});
