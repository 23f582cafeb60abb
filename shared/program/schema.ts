import { IANAZone } from 'luxon';
import { z } from 'zod';
import { HallIdSchema, ItemIdSchema } from '../ids.js';

/** What an item in the program is; screens and OBS pick their layout and scene from it. */
export const ITEM_KINDS = ['talk', 'ceremony', 'break', 'meal', 'registration', 'social', 'poster', 'tour', 'other'] as const;
export const ItemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** Kinds during which the hall is on a break: screens show the break countdown as the main element. */
export const BREAK_KINDS: readonly ItemKind[] = ['break', 'meal'];

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** A language tag as programs and screens use it: `ja`, `en`, `zh-Hant` (BCP 47, lowercase primary subtag). */
export const LanguageTagSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as ja, en or zh-Hant');

/** Text in other languages than the default, by language tag: `{ ja: "…", en: "…" }`. */
function translationsSchema(max: number) {
  return z.record(LanguageTagSchema, z.string().trim().min(1).max(max)).optional();
}

/** Who an item is for: everyone, only the people in the venue, or only the online audience. */
export const AUDIENCES = ['all', 'onsite', 'online'] as const;
export const AudienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof AudienceSchema>;

/** Kinds that happen for the people in the venue only, unless an item says otherwise. */
export const ONSITE_KINDS: readonly ItemKind[] = ['registration', 'social', 'tour', 'meal'];

/** A printed "(Onsite)", "(on-site)", "（現地）" or "(現地参加者のみ)" in a title marks an onsite-only item. */
const ONSITE_MARK = /[(（]\s*(on[\s-]?site(\s+only)?|現地[^)）]*)\s*[)）]/i;

/** "Move venue", "Change rooms", "会場移動": the people in the venue walk; nothing to stream. */
const MOVE_TITLE = /^(move|change)\s+(to\s+)?(the\s+)?(venue|rooms?|halls?)\b|会場移動/i;

/**
 * Who an item is for when the program does not say: `onsite` for registration, social, tour and meal items, for a
 * title that prints "(Onsite)" and for a move between venues ("Move venue"), else `all`.
 */
export function defaultAudience(item: { kind: ItemKind; title: string }): Audience {
  const onsite = ONSITE_KINDS.includes(item.kind) || ONSITE_MARK.test(item.title) || MOVE_TITLE.test(item.title.trim());
  return onsite ? 'onsite' : 'all';
}

/** A planned instant: epoch ms, or an ISO 8601 date-time with a UTC offset (normalised to epoch ms). */
export const InstantSchema = z.union([
  z.number().int().min(0),
  z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
]);

export const SpeakerSchema = z.object({
  /** Display name, as the program prints it. */
  name: z.string().trim().min(1).max(200),
  /** Institution or role; empty when the program gives none. */
  affiliation: z.string().trim().max(300).default(''),
  /** The name in other languages (e.g. `{ ja: "山田 太郎" }`); `name` is the default. */
  names: translationsSchema(200),
  /** The affiliation in other languages; `affiliation` is the default. */
  affiliations: translationsSchema(300),
});
export type Speaker = z.infer<typeof SpeakerSchema>;

export const ItemSchema = z
  .object({
    /** Stable id; survives re-imports so live state can follow an item. */
    id: ItemIdSchema.regex(idPattern, 'letters, digits and . _ : - only'),
    hallId: HallIdSchema,
    kind: ItemKindSchema,
    /** The title in the program's default language; screens fall back to it. */
    title: z.string().trim().min(1).max(500),
    /** The title in other languages, by language tag (`{ ja: "…" }`). */
    titles: translationsSchema(500),
    subtitle: z.string().trim().max(1000).optional(),
    /** The subtitle in other languages, by language tag. */
    subtitles: translationsSchema(1000),
    /**
     * Who the item is for. Optional in a file; the program always carries the resolved value (see
     * `defaultAudience`). An `onsite` item is not streamed: OBS shows the idle ("starting soon") scene.
     */
    audience: AudienceSchema.optional(),
    /** Presenting speaker first. */
    speakers: z.array(SpeakerSchema).max(200).default([]),
    /** Planned start, epoch ms. */
    start: InstantSchema,
    /** Planned end, epoch ms; after start. */
    end: InstantSchema,
    /** Page of the abstract in the printed book, e.g. "P.1". */
    abstractRef: z.string().trim().min(1).max(40).optional(),
    abstract: z.string().max(20000).optional(),
    /** Minutes of Q&A inside the slot: the talk timer ends this much before the slot does. */
    qaMinutes: z.number().int().min(0).max(240).optional(),
    /** OBS scene for this item, overriding the hall's scene for the phase. */
    obsScene: z.string().min(1).max(200).optional(),
    /** The speaker did not consent to a recording: OBS pauses recording, no VOD chapter. */
    doNotRecord: z.boolean().optional(),
    /** Not to be streamed: the stream shows the privacy slate. */
    doNotStream: z.boolean().optional(),
    /** Where the item happens when it is not in the hall itself (e.g. a networking event elsewhere). */
    location: z.string().trim().max(300).optional(),
    track: z.string().trim().max(200).optional(),
    language: z.string().trim().max(20).optional(),
  })
  .refine((item) => item.end > item.start, { message: 'end must be after start', path: ['end'] })
  .transform((item) => ({ ...item, audience: item.audience ?? defaultAudience(item) }));
export type Item = z.infer<typeof ItemSchema>;
export type ItemInput = z.input<typeof ItemSchema>;

/**
 * A web address people open (a stream, the event's site): http or https only, so a program file cannot turn a
 * "Watch the stream" link into a `javascript:` or `data:` one.
 */
export const WebUrlSchema = z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' });

export const HallSchema = z.object({
  /** Slug used in URLs: lowercase letters, digits, dashes. */
  id: HallIdSchema.regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes only'),
  name: z.string().trim().min(1).max(200),
  /** Venue or building, shown under the hall name. */
  venue: z.string().trim().max(300).optional(),
  /** The hall is streamed online (the public page links its stream). */
  streamed: z.boolean().optional(),
  /** Where online viewers watch this hall's stream. */
  streamUrl: WebUrlSchema.optional(),
});
export type Hall = z.infer<typeof HallSchema>;

export const TimeZoneSchema = z
  .string()
  .min(1)
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'not an IANA time zone (e.g. Asia/Tokyo)' });

export const EventSchema = z.object({
  title: z.string().trim().min(1).max(300),
  /** IANA zone the program's clock times are printed in. */
  timeZone: TimeZoneSchema,
  /** Default language of the screens. */
  language: z.enum(['en', 'ja']).default('en'),
  url: WebUrlSchema.optional(),
});
export type EventInfo = z.infer<typeof EventSchema>;

/** A problem across halls and items (ids, hall references, overlaps), with its zod path. */
export interface ConsistencyIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The checks across a program's halls and items: duplicate hall and item ids, items in unknown halls, items of one
 * hall that overlap (a hall runs one thing at a time). A hall or item that is `undefined` (it did not parse on its
 * own) is skipped, so a file with field mistakes gets these reported in the same answer.
 */
export function programConsistencyIssues(
  halls: readonly (Hall | undefined)[],
  items: readonly (Item | undefined)[],
): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const hallIds = new Set<string>();
  halls.forEach((hall, index) => {
    if (!hall) return;
    if (hallIds.has(hall.id)) issues.push({ path: ['halls', index, 'id'], message: `duplicate hall id "${hall.id}"` });
    hallIds.add(hall.id);
  });
  const allHallsKnown = halls.every(Boolean);
  const itemIds = new Set<string>();
  const byHall = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (!item) return;
    if (itemIds.has(item.id)) issues.push({ path: ['items', index, 'id'], message: `duplicate item id "${item.id}"` });
    itemIds.add(item.id);
    // With a hall that did not parse, an unknown hall id may be that hall's: said only when every hall parsed.
    if (allHallsKnown && !hallIds.has(item.hallId)) {
      issues.push({ path: ['items', index, 'hallId'], message: `unknown hall "${item.hallId}"` });
    }
    const list = byHall.get(item.hallId) ?? [];
    list.push(index);
    byHall.set(item.hallId, list);
  });
  for (const indexes of byHall.values()) {
    indexes.sort((a, b) => items[a]!.start - items[b]!.start);
    for (let i = 1; i < indexes.length; i++) {
      const previous = items[indexes[i - 1]!]!;
      const current = items[indexes[i]!]!;
      if (current.start < previous.end) {
        issues.push({
          path: ['items', indexes[i]!, 'start'],
          message: `"${current.title}" overlaps "${previous.title}" (${previous.id}) in hall ${current.hallId}`,
        });
      }
    }
  }
  return issues;
}

export const ProgramSchema = z
  .object({
    /** Bumped by the server on every program change; ignored on input. */
    revision: z.number().int().min(0).optional(),
    event: EventSchema,
    halls: z.array(HallSchema).min(1).max(200),
    items: z.array(ItemSchema).max(20000),
  })
  .superRefine((program, ctx) => {
    for (const issue of programConsistencyIssues(program.halls, program.items)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((program) => ({
    ...program,
    items: [...program.items].sort((a, b) => a.start - b.start || a.hallId.localeCompare(b.hallId)),
  }));
export type Program = z.infer<typeof ProgramSchema>;
export type ProgramInput = z.input<typeof ProgramSchema>;
