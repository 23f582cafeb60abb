import { DateTime } from 'luxon';
import { slugify, type Hall, type Item, type Program } from '../../../shared/index.js';

const DAY_MS = 86_400_000;

/** ICS text: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utcStamp = (instant: number) => DateTime.fromMillis(instant, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const localStamp = (instant: number, zone: string) => DateTime.fromMillis(instant, { zone }).toFormat("yyyyMMdd'T'HHmmss");

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const offsetAt = (instant: number, zone: string) => DateTime.fromMillis(instant, { zone }).offset;

/**
 * A VTIMEZONE for `zone` that is exact over [from, to]: the offset in force at `from`, then every change
 * (daylight saving) inside the range, each found to the minute.
 */
function vtimezone(zone: string, from: number, to: number): string[] {
  const component = (instant: number, fromOffset: number, toOffset: number, onset: string) => {
    const at = DateTime.fromMillis(instant, { zone });
    const type = at.isInDST ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${type}`,
      `DTSTART:${onset}`,
      `TZOFFSETFROM:${offsetText(fromOffset)}`,
      `TZOFFSETTO:${offsetText(toOffset)}`,
      `TZNAME:${at.offsetNameShort ?? offsetText(toOffset)}`,
      `END:${type}`,
    ];
  };
  const first = offsetAt(from, zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...component(from, first, first, '19700101T000000')];
  let previous = first;
  for (let day = from; day < to; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, to);
    if (offsetAt(next, zone) === previous) continue;
    // Offsets change on a whole minute: search minutes for the first one under the new offset.
    let low = Math.floor(day / 60_000);
    let high = Math.ceil(next / 60_000);
    while (high - low > 1) {
      const mid = low + Math.floor((high - low) / 2);
      if (offsetAt(mid * 60_000, zone) === previous) low = mid;
      else high = mid;
    }
    const at = high * 60_000;
    const changed = offsetAt(at, zone);
    // The onset is written in local time under the offset that ends there.
    const onset = DateTime.fromMillis(at, { zone: 'utc' }).plus({ minutes: previous }).toFormat("yyyyMMdd'T'HHmmss");
    lines.push(...component(at, previous, changed, onset));
    previous = changed;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** Where an item happens, for a calendar: its own location, else the hall with its venue. */
function locationOf(item: Item, hall: Hall | undefined): string {
  if (item.location) return item.location;
  if (!hall) return '';
  if (!hall.venue) return hall.name;
  return hall.venue.includes(hall.name) ? hall.venue : `${hall.name}, ${hall.venue}`;
}

/** A text and its other-language versions, `"Opening / 開会"`. */
function withOthers(text: string, others: Record<string, string> | undefined): string {
  return [text, ...Object.values(others ?? {})].join(' / ');
}

/**
 * The description calendar apps show: the title in the other languages first (SUMMARY can carry one language
 * only), then the subtitle, the speakers with their names and affiliations in every language, the abstract page.
 */
function descriptionOf(item: Item): string {
  const lines: string[] = [...Object.values(item.titles ?? {})];
  if (item.subtitle) lines.push(withOthers(item.subtitle, item.subtitles));
  else lines.push(...Object.values(item.subtitles ?? {}));
  if (item.speakers.length > 0) {
    lines.push(
      item.speakers
        .map((s) => {
          const name = withOthers(s.name, s.names);
          return s.affiliation ? `${name} (${withOthers(s.affiliation, s.affiliations)})` : name;
        })
        .join('; '),
    );
  }
  if (item.abstractRef) lines.push(`Abstract: ${item.abstractRef}`);
  return lines.join('\n');
}

/**
 * The title lines of an item. RFC 5545 allows one SUMMARY, so it carries the default title, with `LANGUAGE=` the
 * program's language unless the item names that language among its other titles; each other-language title and
 * subtitle follows as `X-LECTERN-TITLE;LANGUAGE=ja:…` / `X-LECTERN-SUBTITLE;LANGUAGE=ja:…`, which calendar apps
 * ignore (they see the other titles in DESCRIPTION).
 */
function titleLines(item: Item, language: string): string[] {
  const languageParam = item.titles && language in item.titles ? '' : `;LANGUAGE=${language}`;
  const others = (name: string, texts: Record<string, string> | undefined) =>
    Object.entries(texts ?? {}).map(([tag, text]) => `${name};LANGUAGE=${tag}:${escapeText(text)}`);
  return [
    `SUMMARY${languageParam}:${escapeText(item.title)}`,
    ...others('X-LECTERN-TITLE', item.titles),
    ...others('X-LECTERN-SUBTITLE', item.subtitles),
  ];
}

export interface IcsOptions {
  /** Only this hall's items. */
  hallId?: string;
  /** DTSTAMP: when the calendar was made (epoch ms). */
  now: number;
  /** Product version for PRODID. */
  version: string;
}

/**
 * The program as an iCalendar feed attendees can subscribe to: one VEVENT per item with SUMMARY = title,
 * LOCATION = the hall (or the item's own location), DTSTART/DTEND in the event's zone with a VTIMEZONE
 * exact for the program's dates (UTC programs use UTC times), and a UID that stays the item's across exports.
 */
export function exportIcs(program: Program, options: IcsOptions): string {
  const zone = program.event.timeZone;
  const items = program.items.filter((item) => !options.hallId || item.hallId === options.hallId);
  const halls = new Map(program.halls.map((hall) => [hall.id, hall]));
  const utc = ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'].includes(zone);
  const domain = `${slugify(program.event.title)}.lectern`;
  const hallName = options.hallId ? halls.get(options.hallId)?.name : undefined;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Lectern//Lectern ${options.version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(hallName ? `${program.event.title}: ${hallName}` : program.event.title)}`,
    `X-WR-TIMEZONE:${zone}`,
  ];
  if (!utc && items.length > 0) {
    const from = Math.min(...items.map((i) => i.start)) - DAY_MS;
    const to = Math.max(...items.map((i) => i.end)) + DAY_MS;
    lines.push(...vtimezone(zone, from, to));
  }
  const when = (name: string, instant: number) =>
    utc ? `${name}:${utcStamp(instant)}` : `${name};TZID=${zone}:${localStamp(instant, zone)}`;
  for (const item of items) {
    const description = descriptionOf(item);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.id}@${domain}`,
      `DTSTAMP:${utcStamp(options.now)}`,
      when('DTSTART', item.start),
      when('DTEND', item.end),
      ...titleLines(item, program.event.language),
      `LOCATION:${escapeText(locationOf(item, halls.get(item.hallId)))}`,
      ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
      `CATEGORIES:${item.kind.toUpperCase()}`,
      ...(program.event.url ? [`URL:${program.event.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
