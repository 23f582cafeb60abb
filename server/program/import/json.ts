import type { Program } from '../../../shared/index.js';
import { parseProgram } from '../program-file.js';
import type { DraftProgram } from './draft.js';
import { parseJsonText } from './json-text.js';
import type { FileZone } from './zone.js';

/** Parses Lectern's own program JSON (what GET /api/v1/program answers); problems name their path. */
export function readLecternJson(json: string): Program {
  return parseProgram(parseJsonText(json, 'Lectern program'));
}

/** A Lectern program names its zone in `event.timeZone`. */
export function lecternFileZone(program: Program): FileZone {
  return { zone: program.event.timeZone, path: 'event.timeZone' };
}

/** A Lectern program as a draft: halls keep their ids (items refer to them by id), items keep every field. */
export function draftFromLectern(program: Program): DraftProgram {
  return {
    event: {
      title: program.event.title,
      language: program.event.language,
      ...(program.event.url ? { url: program.event.url } : {}),
    },
    halls: program.halls.map((hall, index) => ({ ...hall, key: hall.id, source: `halls[${index}]` })),
    items: program.items.map(({ hallId, ...item }, index) => ({ ...item, hallKey: hallId, source: `items[${index}]` })),
  };
}
