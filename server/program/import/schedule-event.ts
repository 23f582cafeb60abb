import { DateTime } from 'luxon';
import type { InputProblem } from '../../../shared/index.js';
import { localInstant, parseClock, parseDuration, parseIsoDate, parseOffsetDateTime } from './clock-time.js';
import type { DraftItem } from './draft.js';
import { optionalText } from './draft.js';
import { kindFromEventType } from './kinds.js';
import type { Problems } from './problems.js';

/** An event of a frab schedule.xml or a pretalx/c3voc schedule.json, with its fields as text. */
export interface ScheduleEvent {
  id?: string;
  guid?: string;
  /** ISO date-time with offset: the exact start instant. */
  date?: string;
  /** "HH:MM" on the day, when `date` is missing. */
  start?: string;
  /** "HH:MM" or "H:MM:SS". */
  duration?: string;
  title?: string;
  /** The title in other languages, by language tag, when the file carries them. */
  titles?: Record<string, string>;
  subtitle?: string;
  subtitles?: Record<string, string>;
  track?: string;
  type?: string;
  language?: string;
  abstract?: string;
  description?: string;
  persons: string[];
  /** The persons' names in other languages, by their place in `persons`. */
  personNames?: (Record<string, string> | undefined)[];
  doNotRecord: boolean;
}

/**
 * Other-language texts kept as the program model wants them: tags written `de_DE` become `de-DE` (primary
 * subtag lowercase), empty texts and a copy of the default text are dropped; undefined when none is left.
 */
export function otherLanguages(
  texts: Record<string, string> | undefined,
  defaultText: string | undefined,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [tag, value] of Object.entries(texts ?? {})) {
    const text = value.trim();
    const [primary, ...rest] = tag.trim().replace(/_/g, '-').split('-');
    const language = [primary!.toLowerCase(), ...rest].join('-');
    if (text && text !== defaultText?.trim() && !(language in out)) out[language] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The day an event is listed under: its date and, when known, the instant the day starts. */
export interface ScheduleDay {
  date?: string;
  start?: number;
}

/** The Lectern id of a frab/pretalx event: "frab-<id>" (both formats share frab's event ids), else from the guid. */
export function scheduleEventId(event: ScheduleEvent): string | undefined {
  const own = event.id?.trim() || event.guid?.trim();
  return own ? `frab-${own.replace(/[^A-Za-z0-9._:-]/g, '-')}` : undefined;
}

/** Offset written in an ISO date-time ("+01:00"), or undefined. */
function writtenOffset(iso: string): string | undefined {
  return /(Z|[+-]\d{2}:?\d{2})$/.exec(iso.trim())?.[1];
}

/** Checks once per import that the file's offsets match the zone, warning when screens will show other clock times. */
export function offsetWarning(iso: string, zone: string, path: string): InputProblem | undefined {
  const written = writtenOffset(iso);
  const instant = parseOffsetDateTime(iso);
  if (!written || instant === undefined) return undefined;
  const inZone = DateTime.fromMillis(instant, { zone }).toFormat('ZZ');
  const normalised = written === 'Z' ? '+00:00' : written.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  if (normalised === inZone) return undefined;
  return {
    path,
    message: `the file's times carry ${normalised} but ${zone} is ${inZone} then: the instants are kept exactly, and screens show them in ${zone}`,
  };
}

/**
 * A draft item from a schedule event. Its start is `date` (an instant with offset) or the day's date plus
 * `start` in `zone` (after midnight when before the day's start). A missing or zero duration is an error:
 * these formats must carry one.
 */
export function draftFromEvent(
  event: ScheduleEvent,
  day: ScheduleDay,
  hallKey: string,
  zone: string,
  path: string,
  problems: Problems,
  warnings: InputProblem[],
): DraftItem | undefined {
  const before = problems.list.length;
  let start: number | undefined;
  if (event.date?.trim()) {
    start = parseOffsetDateTime(event.date);
    if (start === undefined)
      problems.add(
        `${path}.date`,
        `"${event.date}" is not a date-time with a UTC offset (expected e.g. 2014-12-27T11:00:00+01:00)`,
      );
  } else if (event.start?.trim()) {
    const clock = parseClock(event.start);
    const date = day.date ? parseIsoDate(day.date) : undefined;
    if (!clock) problems.add(`${path}.start`, `"${event.start}" is not a time of day (expected HH:MM)`);
    else if (!date) problems.add(`${path}.date`, 'missing, and the day has no date to read the start time on');
    else {
      start = localInstant(date, clock, zone);
      if (day.start !== undefined && start < day.start) start = localInstant(date, clock, zone, 1);
    }
  } else {
    problems.add(`${path}.date`, 'missing: every event needs a start (date with offset, or start HH:MM)');
  }
  const durationText = event.duration?.trim() ?? '';
  const durationMs = durationText ? parseDuration(durationText) : undefined;
  if (!durationText) problems.add(`${path}.duration`, 'missing: every event needs a duration (HH:MM)');
  else if (durationMs === undefined)
    problems.add(`${path}.duration`, `"${durationText}" is not a duration (expected HH:MM, e.g. 00:45)`);
  else if (durationMs <= 0) problems.add(`${path}.duration`, `"${durationText}" must be longer than zero`);
  const title = event.title?.trim();
  if (!title) problems.add(`${path}.title`, 'missing: every event needs a title');
  if (problems.list.length > before || start === undefined || durationMs === undefined || !title) return undefined;

  const nameless = event.persons.filter((name) => !name.trim()).length;
  if (nameless > 0) {
    warnings.push({
      path: `${path}.persons`,
      message: `${nameless === 1 ? 'a person' : `${nameless} persons`} without a name left out of the speakers`,
    });
  }
  const abstract = [optionalText(event.abstract), optionalText(event.description)]
    .filter((text, index, all): text is string => !!text && all.indexOf(text) === index)
    .join('\n\n');
  const id = scheduleEventId(event);
  const subtitle = optionalText(event.subtitle);
  const titles = otherLanguages(event.titles, title);
  const subtitles = otherLanguages(event.subtitles, subtitle);
  const track = optionalText(event.track);
  const language = optionalText(event.language);
  return {
    ...(id ? { id } : {}),
    hallKey,
    kind: kindFromEventType(event.type ?? ''),
    title,
    ...(titles ? { titles } : {}),
    ...(subtitle ? { subtitle } : {}),
    ...(subtitles ? { subtitles } : {}),
    speakers: event.persons.flatMap((written, index) => {
      const name = written.trim();
      const names = otherLanguages(event.personNames?.[index], name);
      return name ? [{ name, affiliation: '', ...(names ? { names } : {}) }] : [];
    }),
    start,
    end: start + durationMs,
    ...(abstract ? { abstract } : {}),
    ...(event.doNotRecord ? { doNotRecord: true } : {}),
    ...(track ? { track } : {}),
    ...(language ? { language } : {}),
    source: path,
  };
}
