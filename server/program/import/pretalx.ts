import type { InputProblem } from '../../../shared/index.js';
import { parseOffsetDateTime } from './clock-time.js';
import { ensureHall, type DraftProgram } from './draft.js';
import { parseJsonText } from './json-text.js';
import { Problems, fail } from './problems.js';
import type { ScheduleEvent } from './schedule-event.js';
import { ScheduleProgram } from './schedule-program.js';
import type { FileZone } from './zone.js';

const FORMAT = 'pretalx schedule.json';

type JsonObject = Record<string, unknown>;

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A parsed pretalx/c3voc schedule.json: the object that holds `conference` (and `base_url`). */
export interface PretalxDocument {
  schedule: JsonObject;
  conference: JsonObject;
}

/** The schedule object of a pretalx/c3voc file (`{schedule: {...}}`), or of a bare frab JSON (`{conference: {...}}`). */
export function scheduleObject(value: unknown): JsonObject | undefined {
  const root = object(value);
  const schedule = object(root?.schedule) ?? root;
  return object(schedule?.conference) ? schedule : undefined;
}

/** Parses the JSON; a syntax error names its line. */
export function readPretalx(json: string): PretalxDocument {
  const schedule = scheduleObject(parseJsonText(json, FORMAT));
  if (!schedule)
    fail(`cannot import the ${FORMAT}`, 'schedule.conference', 'missing: expected {"schedule": {"conference": {"days": [...]}}}');
  return { schedule, conference: object(schedule.conference)! };
}

/** The zone a pretalx file names in `schedule.conference.time_zone_name`. */
export function pretalxFileZone(doc: PretalxDocument): FileZone | undefined {
  const zone = str(doc.conference.time_zone_name)?.trim();
  return zone ? { zone, path: 'schedule.conference.time_zone_name' } : undefined;
}

function personName(value: unknown): string {
  if (typeof value === 'string') return value;
  const person = object(value);
  return str(person?.public_name) ?? str(person?.full_public_name) ?? str(person?.name) ?? '';
}

/** A text in one or more languages: pretalx's plain string, or its multi-language `{ "en": "…", "de": "…" }`. */
interface LanguageText {
  text?: string;
  /** The other languages' texts, by language tag. */
  others?: Record<string, string>;
}

/**
 * Reads a field that is a string or a multi-language object (pretalx writes names of tracks and session types,
 * and some generators titles, as `{ "en": "…", "de": "…" }`): the text in `language` (the talk's own), else the
 * first one; the other languages' texts beside it.
 */
function languageText(value: unknown, language: string | undefined): LanguageText {
  const plain = str(value);
  if (plain !== undefined) return { text: plain };
  const entries = Object.entries(object(value) ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
  );
  if (entries.length === 0) return {};
  const primary = language?.trim().toLowerCase();
  const chosen = entries.find(([tag]) => tag.toLowerCase() === primary) ?? entries[0]!;
  const others = Object.fromEntries(entries.filter((entry) => entry !== chosen));
  return { text: chosen[1], ...(Object.keys(others).length > 0 ? { others } : {}) };
}

function eventOf(json: JsonObject): ScheduleEvent {
  // frab JSON and pretalx's schedule write `language`; pretalx's talk API writes `content_locale`.
  const language = str(json.language) ?? str(json.content_locale);
  const title = languageText(json.title, language);
  const subtitle = languageText(json.subtitle, language);
  return {
    id: str(json.id),
    guid: str(json.guid),
    date: str(json.date),
    start: str(json.start),
    duration: str(json.duration),
    title: title.text,
    ...(title.others ? { titles: title.others } : {}),
    subtitle: subtitle.text,
    ...(subtitle.others ? { subtitles: subtitle.others } : {}),
    track: languageText(json.track, language).text ?? languageText(object(json.track)?.name, language).text,
    type: languageText(json.type, language).text,
    language,
    // Lectern keeps one abstract: the talk's language's.
    abstract: languageText(json.abstract, language).text,
    description: languageText(json.description, language).text,
    persons: Array.isArray(json.persons) ? json.persons.map(personName) : [],
    doNotRecord: json.do_not_record === true || json.do_not_record === 'true',
  };
}

const quoteKey = (key: string) => `["${key.replace(/"/g, '\\"')}"]`;

/**
 * The draft program of a pretalx/c3voc schedule.json: `schedule.conference.days[].rooms{name: events[]}`.
 * Rooms become halls in the order they first appear (the conference's `rooms` list first, when given).
 */
export function draftFromPretalx(doc: PretalxDocument, zone: string, warnings: InputProblem[]): DraftProgram {
  const problems = new Problems();
  const { conference, schedule } = doc;
  const program = new ScheduleProgram(zone, problems, warnings);
  const halls = program.halls;
  if (Array.isArray(conference.rooms)) {
    conference.rooms.forEach((room, r) => {
      const name = str(object(room)?.name)?.trim();
      if (name) ensureHall(halls, { name, source: `schedule.conference.rooms[${r}]` });
    });
  }
  if (!Array.isArray(conference.days)) {
    problems.add('schedule.conference.days', 'missing: expected a list of days, each with "rooms": {"Room name": [events]}');
  }
  (Array.isArray(conference.days) ? conference.days : []).forEach((dayValue, d) => {
    const dayPath = `schedule.conference.days[${d}]`;
    const day = object(dayValue);
    const rooms = object(day?.rooms);
    if (!day || !rooms) {
      problems.add(`${dayPath}.rooms`, 'missing: expected {"Room name": [events]}');
      return;
    }
    const dayStartText = str(day.day_start);
    const dayStart = dayStartText ? parseOffsetDateTime(dayStartText) : undefined;
    const date = str(day.date);
    for (const [roomName, events] of Object.entries(rooms)) {
      const roomPath = `${dayPath}.rooms${quoteKey(roomName)}`;
      const name = roomName.trim();
      if (!name) {
        problems.add(roomPath, 'a room without a name');
        continue;
      }
      if (!Array.isArray(events)) {
        problems.add(roomPath, 'expected a list of events');
        continue;
      }
      ensureHall(halls, { name, source: roomPath });
      events.forEach((eventValue, e) => {
        const path = `${roomPath}[${e}]`;
        const json = object(eventValue);
        if (!json) {
          problems.add(path, 'expected an event object');
          return;
        }
        const event = eventOf(json);
        program.addEvent(event, { date, start: dayStart }, name, path);
      });
    }
  });
  problems.throwIfAny(`cannot import the ${FORMAT}`);
  // Rooms listed by the conference but without events are not halls.
  return program.draft(str(conference.title)?.trim(), (str(schedule.base_url) ?? str(conference.url))?.trim());
}
