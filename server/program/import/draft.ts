import type { Audience, ItemKind, Speaker } from '../../../shared/index.js';

/** A hall as a file describes it, before it has an id. */
export interface DraftHall {
  /** The room's name as the file writes it; items refer to their hall by it. */
  name: string;
  /** The hall's own id, in formats that have one (Lectern's JSON); else slugged from the name. */
  id?: string;
  /** What items name the hall by (`DraftItem.hallKey`): the name, unless the format has ids. */
  key?: string;
  streamUrl?: string;
  venue?: string;
  streamed?: boolean;
  /** Where the file describes the hall: `line 5`, `schedule.day[0].room[1]`. */
  source: string;
}

/** An item read from a file: instants already resolved, hall by name, id when the format has its own. */
export interface DraftItem {
  /** The format's own stable id (frab/pretalx event id, a CSV id column); else Lectern derives one. */
  id?: string;
  /** The hall's key: its name as the file writes it (its id in Lectern's JSON). */
  hallKey: string;
  kind: ItemKind;
  title: string;
  /** The title in other languages, by language tag. */
  titles?: Record<string, string>;
  subtitle?: string;
  subtitles?: Record<string, string>;
  /** Who the item is for, when the file says; else resolved from kind and title. */
  audience?: Audience;
  speakers: Speaker[];
  /** Epoch ms. */
  start: number;
  /** Epoch ms. */
  end: number;
  abstractRef?: string;
  abstract?: string;
  qaMinutes?: number;
  obsScene?: string;
  doNotRecord?: boolean;
  doNotStream?: boolean;
  location?: string;
  track?: string;
  language?: string;
  /** Where the file describes the item: `line 12`, `schedule.day[2].room[1].event[4]`. */
  source: string;
}

/** A program as read from a file, before hall ids, item ids and validation. */
export interface DraftProgram {
  event: { title?: string; language?: 'en' | 'ja'; url?: string };
  halls: DraftHall[];
  items: DraftItem[];
}

/** Adds a hall by name unless one of that name exists; answers the hall. */
export function ensureHall(halls: DraftHall[], hall: DraftHall): DraftHall {
  const existing = halls.find((h) => h.name === hall.name);
  if (existing) return existing;
  halls.push(hall);
  return hall;
}

/** Drops empty optional text fields so the program JSON has no `"subtitle": ""`. */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
