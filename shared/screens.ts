import { z } from 'zod';
import { HallIdSchema } from './ids.js';
import { LanguageTagSchema } from './program/schema.js';

export { THEME_COLOURS, type ThemeColour } from './theme-colours.js';
import { THEME_COLOURS } from './theme-colours.js';

const NUMBER = String.raw`\s*-?\d*\.?\d+%?\s*`;
const FUNCTION = new RegExp(String.raw`^(?:rgba?|hsla?)\((?:${NUMBER}(?:deg)?[,/\s]?){3}(?:${NUMBER}[,/\s]?)?\)$`, 'i');

/** A CSS colour as the theme writes them: #rgb, #rrggbb (with alpha too), rgb()/rgba(), hsl()/hsla(). */
export const CssColourSchema = z
  .string()
  .trim()
  .refine((v) => /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v) || FUNCTION.test(v), {
    message: 'a CSS colour: #rrggbb, rgb(…), rgba(…), hsl(…) or hsla(…)',
  });

/** One or two language tags as `?lang=` takes them: `en`, `ja+en`, `ja,en`. */
export const ScreenLanguagesSchema = z
  .string()
  .regex(
    /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*(?:[+,][a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?$/,
    'one or two language tags as ?lang= takes them, e.g. en, ja or ja+en',
  );

/** The config file's `screens` section (docs/config.md, "Screens"). */
export const ScreensSectionSchema = z.strictObject({
  theme: z
    .strictObject({
      colours: z
        .partialRecord(z.enum(THEME_COLOURS), CssColourSchema)
        .default({})
        .describe('Theme colours by custom property name without -- (those of display/theme/theme.css), e.g. accent: "#00a0e9"'),
      logo: z
        .string()
        .regex(/^(?:\/(?!\/)|https?:\/\/)[^\s"'()<>\\]*$/, 'a URL path (/logo.svg) or an http(s) URL')
        .optional()
        .describe('The event logo, shown small in the signage and lobby headers: a URL path or an http(s) URL'),
      fontFamily: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[^;{}<>\\]*$/, 'a CSS font-family list, e.g. "Inter", sans-serif')
        .optional()
        .describe("The screens' font-family (a CSS list); default Noto Sans JP"),
    })
    .default({ colours: {} })
    .describe("The screens' colours, logo and font"),
  languages: z
    .strictObject({
      default: ScreenLanguagesSchema.optional().describe(
        "The screens' language(s) when a page has no ?lang= (en, ja or ja+en); default the event's language",
      ),
    })
    .default({})
    .describe("The screens' languages"),
  timer: z
    .strictObject({
      warningSeconds: z
        .number()
        .min(0)
        .max(36_000)
        .default(300)
        .describe("The speaker timer turns to warning this many seconds before the end (a page's ?warning= overrides)"),
      dangerSeconds: z
        .number()
        .min(0)
        .max(36_000)
        .default(60)
        .describe("The speaker timer turns to danger this many seconds before the end (a page's ?danger= overrides)"),
    })
    .refine((t) => t.dangerSeconds <= t.warningSeconds, {
      message: 'dangerSeconds must be at most warningSeconds',
      path: ['dangerSeconds'],
    })
    .default({ warningSeconds: 300, dangerSeconds: 60 })
    .describe('Speaker timer thresholds'),
  overlay: z
    .strictObject({
      lowerThirdSeconds: z
        .number()
        .min(0)
        .max(3600)
        .default(12)
        .describe("How long the lower third stays after a talk starts, in seconds (0: never; a page's ?lowerThird= overrides)"),
      key: z
        .union([z.enum(['green', 'blue']), CssColourSchema])
        .optional()
        .describe(
          'A chroma-key background (green, blue or a CSS colour) for a setup without alpha; default transparent (?key= overrides)',
        ),
    })
    .default({ lowerThirdSeconds: 12 })
    .describe('The stream overlay'),
});

/** The config file's `halls` section: settings of one hall, by hall id. */
export const HallsSectionSchema = z
  .record(
    HallIdSchema,
    z.strictObject({
      streamLanguage: LanguageTagSchema.optional().describe(
        "The language of this hall's overlay lower third and OBS text sources (a page's ?lang= overrides)",
      ),
    }),
  )
  .default({})
  .describe('Settings of one hall, by hall id');

/** What every screen may read (GET /api/v1/screens/config): public by design, it never holds a secret. */
export const ScreenConfigSchema = ScreensSectionSchema.extend({ halls: HallsSectionSchema });
export type ScreenConfig = z.infer<typeof ScreenConfigSchema>;

/** Today's behaviour: what a server without a config file serves. */
// Written out, not parsed: a parse at load would put zod on every screen (tests/e2e/33-bundle-size.spec.ts).
export const DEFAULT_SCREEN_CONFIG: ScreenConfig = {
  theme: { colours: {} },
  languages: {},
  timer: { warningSeconds: 300, dangerSeconds: 60 },
  overlay: { lowerThirdSeconds: 12 },
  halls: {},
};
