import { DateTime } from 'luxon';
import {
  ProgramSchema,
  scheduleItemId,
  slugify,
  type InputProblem,
  type ItemInput,
  type Program,
  type ProgramInput,
} from '../../../shared/index.js';
import type { DraftItem, DraftProgram } from './draft.js';
import { fillBreaks } from './fill-breaks.js';
import { hallMapKey, type HallMap } from './hall-map.js';
import { Problems } from './problems.js';

/** Longest abstract a program keeps (characters); longer ones are cut with a warning. */
const ABSTRACT_MAX = 20_000;

export interface FinalizeOptions {
  zone: string;
  hallMap?: HallMap;
  fillBreaks?: boolean;
  /** Overrides the file's event title. */
  title?: string;
  /** What the format is called in messages ("frab schedule"). */
  formatName: string;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** 'ja' when most titles are Japanese, else 'en'. */
function guessLanguage(items: readonly DraftItem[]): 'en' | 'ja' {
  const japanese = items.filter((item) => CJK.test(item.title)).length;
  return items.length > 0 && japanese * 2 >= items.length ? 'ja' : 'en';
}

function clock(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** Two items of one hall at the same time, named by where the file has each. */
function findOverlaps(items: readonly (DraftItem & { hallId: string })[], zone: string, problems: Problems): void {
  const byHall = new Map<string, (DraftItem & { hallId: string })[]>();
  for (const item of items) {
    const list = byHall.get(item.hallId);
    if (list) list.push(item);
    else byHall.set(item.hallId, [item]);
  }
  for (const [hallId, list] of byHall) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      if (current.start < previous.end) {
        problems.add(
          current.source,
          `"${current.title}" (${clock(current.start, zone)}) overlaps "${previous.title}" (${previous.source}, until ${clock(previous.end, zone)}) in hall ${hallId}: a hall runs one item at a time`,
        );
      }
    }
  }
}

/**
 * Turns a draft into a validated program: hall ids (from the hall map, else slugged from the room names),
 * item ids (the format's own, else hall + local start), optional breaks from gaps, and ProgramSchema. A
 * problem the schema finds is reported at the draft item's or hall's place in the file.
 */
export function finalizeProgram(draft: DraftProgram, options: FinalizeOptions, warnings: InputProblem[]): Program {
  const problems = new Problems();
  const message = `cannot import the ${options.formatName}`;
  if (draft.halls.length === 0) problems.add('(file)', 'no rooms or halls found: is this the right file and format?');
  problems.throwIfAny(message);

  const hallIds = new Map<string, string>();
  const used = new Set<string>();
  const mapped = new Set<string>();
  draft.halls.forEach((hall, index) => {
    const key = hallMapKey(hall.name);
    let id = options.hallMap?.get(key);
    if (id) {
      mapped.add(key);
      if (used.has(id)) problems.add('hallMap', `two rooms map to hall id "${id}"`);
    } else if (hall.id && !used.has(hall.id)) {
      id = hall.id;
    } else {
      // A name with no Latin letters or digits (メインホール) gets its place: hall-1, hall-2, …
      const latin = /[a-z0-9]/i.test(hall.name.normalize('NFKD'));
      const base = latin ? slugify(hall.name) : `hall-${index + 1}`;
      id = base;
      for (let n = 2; used.has(id); n++) id = `${base.slice(0, 56)}-${n}`;
    }
    used.add(id);
    hallIds.set(hall.key ?? hall.name, id);
  });
  for (const key of options.hallMap?.keys() ?? []) {
    if (!mapped.has(key)) {
      warnings.push({
        path: 'hallMap',
        message: `no room named "${key}" in the file (rooms: ${draft.halls.map((h) => h.name).join(', ')})`,
      });
    }
  }

  let items: (DraftItem & { hallId: string; id: string })[] = draft.items.map((item) => {
    const hallId = hallIds.get(item.hallKey)!;
    let abstract = item.abstract;
    if (abstract && abstract.length > ABSTRACT_MAX) {
      warnings.push({ path: item.source, message: `abstract cut to ${ABSTRACT_MAX} characters (it had ${abstract.length})` });
      abstract = abstract.slice(0, ABSTRACT_MAX);
    }
    return {
      ...item,
      ...(abstract ? { abstract } : {}),
      hallId,
      id: item.id ?? scheduleItemId(hallId, item.start, options.zone),
    };
  });
  findOverlaps(items, options.zone, problems);
  problems.throwIfAny(message);
  if (options.fillBreaks) items = [...items, ...fillBreaks(items, options.zone)];

  const title = options.title?.trim() || draft.event.title?.trim();
  if (!title)
    warnings.push({
      path: 'event.title',
      message: 'the file names no event title: "Program" is used (set one with --title / title=)',
    });
  const input: ProgramInput = {
    event: {
      title: title || 'Program',
      timeZone: options.zone,
      language: draft.event.language ?? guessLanguage(draft.items),
      ...(draft.event.url ? { url: draft.event.url } : {}),
    },
    halls: draft.halls.map((hall) => ({
      id: hallIds.get(hall.key ?? hall.name)!,
      name: hall.name,
      ...(hall.venue ? { venue: hall.venue } : {}),
      ...(hall.streamed !== undefined ? { streamed: hall.streamed } : {}),
      ...(hall.streamUrl ? { streamUrl: hall.streamUrl } : {}),
    })),
    items: items.map(({ source: _source, hallKey: _hall, ...item }) => stripUndefined(item) as ItemInput),
  };
  const result = ProgramSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [area, index, ...rest] = issue.path;
      const source =
        area === 'items' && typeof index === 'number'
          ? items[index]?.source
          : area === 'halls' && typeof index === 'number'
            ? draft.halls[index]?.source
            : undefined;
      const field = rest.join('.');
      problems.add(source ?? issue.path.join('.'), field ? `${field}: ${issue.message}` : issue.message);
    }
  }
  problems.throwIfAny(message);
  return result.data!;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
