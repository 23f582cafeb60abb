import type { Speaker } from '../../shared/index.js';
import { isJapanese } from './textLang.js';

/**
 * Ways to show a list, from complete to short: every entry, then fewer with what is left counted by `more`
 * ("+ 38 co-authors"). The first entry always stays whole.
 */
export function listCandidates(entries: readonly string[], separator: string, more: (hidden: number) => string): string[] {
  if (entries.length === 0) return [];
  const out = [entries.join(separator)];
  for (let shown = entries.length - 1; shown >= 1; shown--) {
    out.push(`${entries.slice(0, shown).join(separator)} ${more(entries.length - shown)}`);
  }
  return out;
}

/** The separator for a list of names: 、 between Japanese names, a comma otherwise. */
export function nameSeparator(names: readonly string[]): string {
  return names.some(isJapanese) ? '、' : ', ';
}

/** Distinct non-empty affiliations, in speaker order. */
export function affiliations(speakers: readonly Speaker[]): string[] {
  return [...new Set(speakers.map((s) => s.affiliation.trim()).filter(Boolean))];
}
