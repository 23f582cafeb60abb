import { z } from 'zod';
import { MessageTextSchema } from '../live/commands.js';

/** Longest name a viewer may give with a question (characters). */
export const QUESTION_NAME_MAX_LENGTH = 60;

/**
 * Control characters (C0, DEL, C1) other than the line breaks and tabs, which become spaces; and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can turn a question's text around on
 * a screen. The bidi marks (LRM, RLM, ALM) stay: they cannot reorder anything beyond themselves.
 */
// eslint-disable-next-line no-control-regex
const REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const SPACED = /[\t\n\r]/g;

/**
 * A viewer's text as Lectern stores and shows it: verbatim (no tag stripping, no entity escaping: it is rendered
 * as text everywhere), with control and bidi-override characters removed, line breaks and tabs made spaces, and
 * trimmed. Pure; the one cleaner for question texts and names.
 */
export function cleanQuestionText(raw: string): string {
  return raw.replace(SPACED, ' ').replace(REMOVED, '').trim();
}

/**
 * A question's text: cleaned, then the message rule (1 to 280 characters, counted as characters: an emoji is
 * one). Over-long input is refused, never cut.
 */
export const QuestionTextSchema = z.string().transform(cleanQuestionText).pipe(MessageTextSchema);

/** The optional name a viewer gives: cleaned, at most 60 characters; empty means none. */
export const QuestionNameSchema = z
  .string()
  .transform(cleanQuestionText)
  .refine((name) => [...name].length <= QUESTION_NAME_MAX_LENGTH, `at most ${QUESTION_NAME_MAX_LENGTH} characters`)
  .transform((name) => (name === '' ? undefined : name));

/** A word of a hall's held-words list as it is compared: NFKC, lower case (so ｆｏｏ and FOO hold "foo"). */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en');
}

/**
 * The first word of `heldWords` that `text` contains (folded, as a substring: CJK text has no spaces between
 * words), or undefined. A question that matches is held pending for the moderator even with auto-approve on.
 */
export function heldWordIn(text: string, heldWords: readonly string[]): string | undefined {
  const folded = foldForMatch(text);
  return heldWords.find((word) => {
    const w = foldForMatch(word).trim();
    return w !== '' && folded.includes(w);
  });
}
