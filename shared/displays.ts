import { z } from 'zod';
import { DISPLAY_PAGES, type DisplayHello } from './events.js';
import type { DisplayInfo, DisplaysDelta } from './api.js';
import { HALL_ID_MAX_LENGTH } from './ids.js';

/** An optional text where an empty one (`?name=` left blank) means none. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((text) => text || undefined);

/** What a screen may say about itself in `display:hello`; anything else is ignored. */
export const DisplayHelloSchema = z.object({
  page: z.enum(DISPLAY_PAGES),
  hallId: optionalText(HALL_ID_MAX_LENGTH),
  name: optionalText(80),
}) satisfies z.ZodType<DisplayHello>;

/** How long a screen shows its identity when the director asks (ms). */
export const IDENTIFY_DURATION_MS = 10_000;

/**
 * The list of screens after a `displays:delta`: the removed ones dropped, each upserted one put in place by
 * its id (or added), oldest connection first. Pure: the director console and the tests share it.
 */
export function applyDisplaysDelta(list: readonly DisplayInfo[], delta: DisplaysDelta): DisplayInfo[] {
  const byId = new Map(list.map((display) => [display.id, display]));
  for (const id of delta.removed) byId.delete(id);
  for (const display of delta.upserted) byId.set(display.id, display);
  return [...byId.values()].sort((a, b) => a.connectedAt - b.connectedAt || a.id.localeCompare(b.id));
}
