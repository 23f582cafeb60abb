import { z } from 'zod';
import { DISPLAY_PAGES, type DisplayHello } from './events.js';
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
