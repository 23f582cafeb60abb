import { z } from 'zod';
import { DISPLAY_PAGES, type DisplayHello } from './events.js';

/** What a screen may say about itself in `display:hello`; anything else is ignored. */
export const DisplayHelloSchema = z.object({
  page: z.enum(DISPLAY_PAGES),
  hallId: z.string().min(1).max(60).optional(),
  name: z.string().trim().min(1).max(80).optional(),
}) satisfies z.ZodType<DisplayHello>;

/** How long a screen shows its identity when the director asks (ms). */
export const IDENTIFY_DURATION_MS = 10_000;
