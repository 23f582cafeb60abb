import type { InputProblem, Speaker } from '../../../shared/index.js';

/** Organisation words a printer may cut short ("Shimadzu Cor"); a cut last word is completed to one of them. */
const ORGANISATION_WORDS = [
  'Corporation',
  'Company',
  'University',
  'Institute',
  'Laboratory',
  'Laboratories',
  'Incorporated',
  'Limited',
];

/** "X,Y" and "X ,Y" become "X, Y"; runs of spaces become one. */
export function normaliseCommas(text: string): string {
  return text
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Completes an affiliation the printer cut off (its closing parenthesis is missing): when its last word is the
 * beginning of exactly one organisation word ("Cor" → "Corporation"), that word replaces it.
 */
export function completeCutAffiliation(affiliation: string): string {
  const match = /^(.*\s)?(\p{L}{2,})$/u.exec(affiliation);
  if (!match) return affiliation;
  const cut = match[2]!;
  const candidates = ORGANISATION_WORDS.filter(
    (word) => word.length > cut.length && word.toLowerCase().startsWith(cut.toLowerCase()),
  );
  return candidates.length === 1 ? `${match[1] ?? ''}${candidates[0]}` : affiliation;
}

/**
 * Speakers as a printed program writes them: `Name (Affiliation)`, several separated by `;`. An affiliation
 * whose closing parenthesis is missing (cut off by the printer) runs to the end and may be completed.
 */
export function parseSpeakers(text: string, source: string, warnings: InputProblem[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const part of text.split(/\s*[;；]\s*/)) {
    let trimmed = part.trim();
    if (!trimmed) continue;
    // One ")" too many closes an enclosing parenthesis ("Lunch (… — Name (Affiliation))").
    const opens = (trimmed.match(/[(（]/g) ?? []).length;
    const closes = (trimmed.match(/[)）]/g) ?? []).length;
    if (closes > opens) trimmed = trimmed.replace(/[)）]\s*$/, '');
    const match = /^(.+?)\s*[(（](.*?)([)）])?\s*$/.exec(trimmed);
    if (!match) {
      speakers.push({ name: trimmed.replace(/\s+/g, ' '), affiliation: '' });
      continue;
    }
    let affiliation = normaliseCommas(match[2]!);
    if (!match[3]) {
      const completed = completeCutAffiliation(affiliation);
      if (completed !== affiliation) {
        warnings.push({
          path: source,
          message: `affiliation "${affiliation}" is cut off (no closing parenthesis): read as "${completed}"`,
        });
        affiliation = completed;
      }
    }
    speakers.push({ name: match[1]!.replace(/\s+/g, ' ').trim(), affiliation });
  }
  return speakers;
}
