import type { HallState } from '../../../shared/index.js';

/** What a node tells the others on the change channel once Redis has a write (published by the same script). */
export type StoreChange =
  | { kind: 'hall'; hallId: string; state: HallState }
  | { kind: 'program'; revision: number }
  | { kind: 'token'; tokenId: string }
  | { kind: 'meta'; key: string };

/** A change as received: with the node that wrote it. */
export type ReceivedStoreChange = StoreChange & { node: string };
