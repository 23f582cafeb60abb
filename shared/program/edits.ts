import { DateTime } from 'luxon';
import { z } from 'zod';
import { HallIdSchema, ItemIdSchema } from '../ids.js';
import { describeZodError, type InputProblem } from '../validation.js';
import { dayOfItem, hallItems } from './items.js';
import { scheduleItemId } from './ids.js';
import {
  AudienceSchema,
  defaultAudience,
  InstantSchema,
  ItemKindSchema,
  ProgramSchema,
  SpeakerSchema,
  type Item,
  type Program,
  type ProgramInput,
} from './schema.js';

const itemId = ItemIdSchema;

/** A new item for `addItem`: like a program item, its id made from hall and start when not given. */
export const NewItemSchema = z.object({
  id: itemId.optional(),
  hallId: HallIdSchema,
  kind: ItemKindSchema.default('talk'),
  title: z.string().trim().min(1).max(500),
  subtitle: z.string().trim().max(1000).optional(),
  speakers: z.array(SpeakerSchema).max(200).optional(),
  start: InstantSchema,
  end: InstantSchema,
  qaMinutes: z.number().int().min(0).max(240).optional(),
  /** Who the item is for; from its kind and title when not given. */
  audience: AudienceSchema.optional(),
});
export type NewItem = z.infer<typeof NewItemSchema>;

/** A change a director makes to the program from the console. Each gives a new program revision. */
export const ProgramEditSchema = z.discriminatedUnion('type', [
  /** Moves this item and the rest of its hall's program day by `minutes` (negative: earlier). */
  z.object({
    type: z.literal('shift'),
    itemId,
    minutes: z
      .number()
      .int()
      .min(-720)
      .max(720)
      .refine((m) => m !== 0, 'must not be 0'),
  }),
  /** Changes an item's planned times and/or title; what is not given stays. */
  z
    .object({
      type: z.literal('editItem'),
      itemId,
      start: InstantSchema.optional(),
      end: InstantSchema.optional(),
      title: z.string().trim().min(1).max(500).optional(),
    })
    .refine((e) => e.start !== undefined || e.end !== undefined || e.title !== undefined, {
      message: 'give start, end or title',
      path: ['itemId'],
    }),
  /** Two items of one hall exchange their time slots (a speaker is late). */
  z.object({ type: z.literal('swap'), itemId, otherItemId: itemId }),
  z.object({ type: z.literal('addItem'), item: NewItemSchema }),
  z.object({ type: z.literal('removeItem'), itemId }),
]);
export type ProgramEdit = z.infer<typeof ProgramEditSchema>;

/** A program edit's outcome: the new program, or why it cannot be made (each problem naming its path). */
export type ProgramEditOutcome =
  | { ok: true; program: Program; summary: string }
  | { ok: false; error: 'unknown_item' | 'invalid'; message: string; problems: InputProblem[] };

const MINUTE = 60_000;

function fail(error: 'unknown_item' | 'invalid', message: string, path = '(edit)'): ProgramEditOutcome {
  return { ok: false, error, message, problems: [{ path, message }] };
}

function clock(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
}

function withoutRevision(program: Program): ProgramInput {
  const { revision: _revision, ...rest } = program;
  return rest;
}

/** An id for a new item that no other item has: from hall and start, with `-2`, `-3`… when taken. */
export function freeItemId(program: Program, hallId: string, start: number): string {
  const base = scheduleItemId(hallId, start, program.event.timeZone);
  const taken = new Set(program.items.map((item) => item.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The items after an edit, with a sentence saying what it did; or a failure before validation. */
function editedItems(program: Program, edit: ProgramEdit): { items: Item[]; summary: string } | ProgramEditOutcome {
  const zone = program.event.timeZone;
  const find = (id: string) => program.items.find((item) => item.id === id);
  switch (edit.type) {
    case 'shift': {
      const item = find(edit.itemId);
      if (!item) return fail('unknown_item', `no item "${edit.itemId}"`, 'itemId');
      const day = dayOfItem(hallItems(program, item.hallId), item.id) ?? [item];
      const moved = new Set(day.filter((i) => i.start >= item.start).map((i) => i.id));
      const delta = edit.minutes * MINUTE;
      const items = program.items.map((i) => (moved.has(i.id) ? { ...i, start: i.start + delta, end: i.end + delta } : i));
      const sign = edit.minutes > 0 ? '+' : '−';
      return {
        items,
        summary: `${moved.size} item(s) of hall ${item.hallId} from "${item.title}" on moved ${sign}${Math.abs(edit.minutes)} min`,
      };
    }
    case 'editItem': {
      const item = find(edit.itemId);
      if (!item) return fail('unknown_item', `no item "${edit.itemId}"`, 'itemId');
      const changed: Item = {
        ...item,
        ...(edit.start !== undefined ? { start: edit.start } : {}),
        ...(edit.end !== undefined ? { end: edit.end } : {}),
        ...(edit.title !== undefined ? { title: edit.title } : {}),
      };
      if (changed.end <= changed.start) return fail('invalid', `"${item.title}": the end must be after the start`, 'end');
      const items = program.items.map((i) => (i.id === item.id ? changed : i));
      return { items, summary: `"${changed.title}" is now ${clock(changed.start, zone)}–${clock(changed.end, zone)}` };
    }
    case 'swap': {
      const a = find(edit.itemId);
      const b = find(edit.otherItemId);
      if (!a) return fail('unknown_item', `no item "${edit.itemId}"`, 'itemId');
      if (!b) return fail('unknown_item', `no item "${edit.otherItemId}"`, 'otherItemId');
      if (a.id === b.id) return fail('invalid', 'choose two different items to swap', 'otherItemId');
      if (a.hallId !== b.hallId) return fail('invalid', `"${a.title}" and "${b.title}" are in different halls`, 'otherItemId');
      const items = program.items.map((i) => {
        if (i.id === a.id) return { ...a, start: b.start, end: b.end };
        if (i.id === b.id) return { ...b, start: a.start, end: a.end };
        return i;
      });
      return { items, summary: `"${a.title}" and "${b.title}" swapped their slots` };
    }
    case 'addItem': {
      const { id, ...fields } = edit.item;
      if (!program.halls.some((hall) => hall.id === fields.hallId))
        return fail('invalid', `no hall "${fields.hallId}"`, 'item.hallId');
      if (id !== undefined && find(id)) return fail('invalid', `an item "${id}" exists already`, 'item.id');
      const item: Item = {
        ...fields,
        speakers: fields.speakers ?? [],
        audience: fields.audience ?? defaultAudience(fields),
        id: id ?? freeItemId(program, fields.hallId, fields.start),
      };
      return { items: [...program.items, item], summary: `"${item.title}" added at ${clock(item.start, zone)}` };
    }
    case 'removeItem': {
      const item = find(edit.itemId);
      if (!item) return fail('unknown_item', `no item "${edit.itemId}"`, 'itemId');
      return { items: program.items.filter((i) => i.id !== item.id), summary: `"${item.title}" removed` };
    }
  }
}

/**
 * Applies a program edit. Pure: the result is validated as a whole program (a hall's items may not
 * overlap), so an edit that would break the program fails with problems naming the items.
 */
export function applyProgramEdit(program: Program, edit: ProgramEdit): ProgramEditOutcome {
  const edited = editedItems(program, edit);
  if ('ok' in edited) return edited;
  const parsed = ProgramSchema.safeParse({ ...withoutRevision(program), items: edited.items });
  if (!parsed.success) {
    const problems = describeZodError(parsed.error);
    return {
      ok: false,
      error: 'invalid',
      message: `the program would not be valid: ${problems[0]?.message ?? 'invalid'}`,
      problems,
    };
  }
  return { ok: true, program: parsed.data, summary: edited.summary };
}
