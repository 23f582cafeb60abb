import type { CommandEnvelope } from '../../shared/index.js';
import type { Principal } from '../auth/auth.service.js';
import { authorize } from '../auth/authorize.js';
import type { LiveService } from './live.service.js';
import type { CommandAnswer } from './live.types.js';

/**
 * What every transport does with a command it has parsed: the hall must be in the program (`not_found`), the
 * principal allowed (`authorize`: `forbidden`), then the live engine applies it on the hall's queue.
 * `clientAddress` (behind nginx, the client's, by `trust proxy`) goes only to the command's log line.
 */
export function commandHall(
  live: LiveService,
  principal: Principal,
  hallId: string,
  envelope: CommandEnvelope,
  clientAddress?: string,
): Promise<CommandAnswer> {
  if (!live.hall(hallId)) return Promise.resolve({ ok: false, error: 'not_found', message: `no hall "${hallId}"` });
  const allowed = authorize(principal, hallId, envelope.type);
  if (!allowed.ok) return Promise.resolve(allowed);
  return live.command(hallId, envelope, principal, clientAddress);
}
