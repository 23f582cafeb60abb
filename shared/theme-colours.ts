// No zod here: the screens import this.

/**
 * The colours of display/theme/theme.css an event may set in its config (`screens.theme.colours`), without the
 * `--`. Only these: a name the theme does not define would change nothing, so it is refused.
 * (tests/unit/config/screens-config.test.ts checks the list against theme.css.)
 */
export const THEME_COLOURS = [
  'bg',
  'bg-raised',
  'rule',
  'text',
  'text-muted',
  'accent',
  'accent-next',
  'late',
  'banner-bg',
  'banner-text',
  'timer-calm',
  'timer-warning',
  'timer-warning-text',
  'timer-danger',
  'timer-overtime',
  'timer-overtime-flash',
  'timer-break',
  'timer-hold',
  'timer-idle',
  'timer-text',
  'overlay-panel',
  'overlay-slate',
  'overlay-glow',
] as const;
export type ThemeColour = (typeof THEME_COLOURS)[number];
