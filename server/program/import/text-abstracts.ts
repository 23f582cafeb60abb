import type { InputProblem } from '../../../shared/index.js';

/** Headings that end the abstracts part of a printed program (what follows is not an abstract). */
const END_OF_ABSTRACTS = /^(organi[sz]ing committee|program(me)? committee|organi[sz]ed by|sponsored by|sponsors?)\b/i;

/** A title as compared: NFKC, lowercase, spaces collapsed, quotes and a final period dropped. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').replace(/["“”]/g, '').replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase();
}

/** A talk that may get an abstract. */
export interface AbstractTarget {
  title: string;
  abstractRef?: string;
  abstract?: string;
  source: string;
}

/**
 * Attaches the abstracts after a printed program's table to their talks: a line that is a talk's title starts
 * that talk's abstract (authors, affiliations, text, references), which runs to the next such line or to an
 * end heading ("Organizing Committee", "Organized by", "Sponsors"). A title printed twice goes to the first
 * talk of that title that has none yet.
 */
export function attachAbstracts(
  lines: readonly { text: string; line: number }[],
  targets: AbstractTarget[],
  warnings: InputProblem[],
): void {
  const byKey = new Map<string, AbstractTarget[]>();
  for (const target of targets) byKey.set(titleKey(target.title), [...(byKey.get(titleKey(target.title)) ?? []), target]);
  let current: AbstractTarget | undefined;
  let body: string[] = [];
  const close = () => {
    if (current) {
      const text = body
        .join('\n')
        .replace(/[ \t]+$/gm, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      if (text) current.abstract = text;
    }
    current = undefined;
    body = [];
  };
  for (const { text } of lines) {
    const trimmed = text.trim();
    const candidates = trimmed ? byKey.get(titleKey(trimmed)) : undefined;
    const target = candidates?.find((t) => t.abstract === undefined && t !== current);
    if (target) {
      close();
      current = target;
      continue;
    }
    if (END_OF_ABSTRACTS.test(trimmed)) {
      close();
      break;
    }
    if (current) body.push(text);
  }
  close();
  for (const target of targets) {
    if (target.abstractRef && target.abstract === undefined) {
      warnings.push({
        path: target.source,
        message: `no abstract found for "${target.title}" (${target.abstractRef}): its title is not a line of its own after the table`,
      });
    }
  }
}
