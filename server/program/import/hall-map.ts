import { HallSchema } from '../../../shared/index.js';
import { fail } from './problems.js';

/** Room names (as the file writes them) to the hall ids to give them. Keys are compared case-insensitively. */
export type HallMap = Map<string, string>;

/** The key a room name is looked up by: trimmed, spaces collapsed, lowercase. */
export function hallMapKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Parses `"Room name=id,Other room=id2"`. Room names may contain commas ("Campus, Hall 1=hall-1"): an entry
 * ends at the comma after its id, and ids never contain one.
 */
export function parseHallMap(text: string): HallMap {
  const map: HallMap = new Map();
  const trimmed = text.trim();
  if (!trimmed) return map;
  const entry = /\s*([^=]+?)\s*=\s*([^,]*?)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < trimmed.length && (match = entry.exec(trimmed))) {
    const [, name, id] = match;
    if (!HallSchema.shape.id.safeParse(id).success) {
      fail(
        'bad hall map',
        'hallMap',
        `"${id}" (for "${name}") is not a hall id: lowercase letters, digits and dashes, e.g. main-hall`,
      );
    }
    map.set(hallMapKey(name!), id!);
    consumed = entry.lastIndex;
  }
  if (consumed < trimmed.length) {
    fail('bad hall map', 'hallMap', `cannot read "${trimmed.slice(consumed)}": write "Room name=hall-id,Other room=other-id"`);
  }
  return map;
}
