import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/server.js';

/** The theme's custom properties that are plain hex colours. */
function themeColours(): Record<string, string> {
  const css = readFileSync(join(ROOT, 'display/theme/theme.css'), 'utf8');
  const colours: Record<string, string> = {};
  for (const match of css.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)) colours[match[1]!] = match[2]!;
  return colours;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the screen theme', () => {
  const colours = themeColours();
  // Every pair a screen puts text on: [text, background].
  const pairs: [string, string][] = [
    ['text', 'bg'],
    ['text', 'bg-raised'],
    ['text-muted', 'bg'],
    ['text-muted', 'bg-raised'],
    ['accent', 'bg'],
    ['accent', 'bg-raised'],
    ['accent-next', 'bg'],
    ['accent-next', 'bg-raised'],
    ['late', 'bg'],
    ['late', 'bg-raised'],
    ['banner-text', 'banner-bg'],
    ['banner-text', 'accent'],
    ['banner-text', 'accent-next'],
    ['timer-text', 'timer-calm'],
    ['timer-warning-text', 'timer-warning'],
    ['timer-text', 'timer-danger'],
    ['timer-text', 'timer-overtime'],
    ['timer-text', 'timer-overtime-flash'],
    ['timer-text', 'timer-break'],
    ['timer-text', 'timer-hold'],
    ['timer-text', 'timer-idle'],
    ['text', 'overlay-slate'],
  ];

  it.each(pairs)('%s on %s has a contrast of 7:1 or more', (text, background) => {
    expect(colours[text], text).toBeDefined();
    expect(colours[background], background).toBeDefined();
    expect(contrast(colours[text]!, colours[background]!)).toBeGreaterThanOrEqual(7);
  });
});
