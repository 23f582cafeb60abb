import { ITEM_KINDS, type ItemKind } from '../../../shared/index.js';

/** Kinds by the words a printed program or a spreadsheet uses for them (English and Japanese). */
const TITLE_RULES: [RegExp, ItemKind][] = [
  [/^(registration|check-?in)\b|受付/i, 'registration'],
  [/^(opening|closing)\b|開会|閉会|挨拶/i, 'ceremony'],
  [/^(coffee\s+)?break\b|^pause\b|休憩/i, 'break'],
  [/^(lunch|luncheon|dinner|breakfast)\b|昼食|ランチ/i, 'meal'],
  [/^(networking|reception|banquet|get-together|party)\b|懇親会|交流会/i, 'social'],
  [/^short\s*presentation/i, 'talk'],
  [/^poster|ポスター/i, 'poster'],
  [/\btour\b|見学/i, 'tour'],
];

/**
 * The kind of an item from its printed title: Registration → registration, Opening/Closing → ceremony,
 * Break → break, Lunch → meal, Networking → social, Shortpresentation → talk, Posterpresentation → poster,
 * Guided Tour → tour, anything else → other. (A quoted title is a talk; the caller knows that.)
 */
export function kindFromTitle(title: string): ItemKind {
  for (const [pattern, kind] of TITLE_RULES) if (pattern.test(title.trim())) return kind;
  return 'other';
}

/** A Lectern kind written out ("talk", "Break"), or undefined. */
export function exactKind(text: string): ItemKind | undefined {
  const lower = text.trim().toLowerCase();
  return (ITEM_KINDS as readonly string[]).includes(lower) ? (lower as ItemKind) : undefined;
}

/**
 * The kind of a frab/pretalx event from its free-text `type` ("lecture", "Workshop", "Talk 30 min + 10min Q&A",
 * "other"): a Lectern kind name maps to itself, break/meal/ceremony/social words to those, films and
 * screenings to other, everything else (lectures, workshops, panels) to talk.
 */
export function kindFromEventType(type: string): ItemKind {
  const exact = exactKind(type);
  if (exact) return exact;
  const lower = type.toLowerCase();
  if (/break|pause/.test(lower)) return 'break';
  if (/lunch|dinner|breakfast|meal/.test(lower)) return 'meal';
  if (/registration|check-?in/.test(lower)) return 'registration';
  if (/opening|closing|ceremony/.test(lower)) return 'ceremony';
  if (/party|concert|dj|social|reception|networking/.test(lower)) return 'social';
  if (/poster/.test(lower)) return 'poster';
  if (/\btour\b/.test(lower)) return 'tour';
  if (/film|movie|screening/.test(lower)) return 'other';
  return 'talk';
}

/** The frab `type` Lectern writes for a kind: "lecture" for a talk, else the kind's own name. */
export function eventTypeOfKind(kind: ItemKind): string {
  return kind === 'talk' ? 'lecture' : kind;
}
