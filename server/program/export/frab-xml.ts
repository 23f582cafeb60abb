import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { slugify, type Item, type Program } from '../../../shared/index.js';
import { formatDuration } from '../import/clock-time.js';
import { eventTypeOfKind } from '../import/kinds.js';
import { conferenceDays } from './program-days.js';

/** XML text: the five entities escaped, characters XML 1.0 forbids dropped. */
function xml(text: string | number | undefined): string {
  // XML 1.0 cannot carry these control characters at all, not even escaped.
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
  return String(text ?? '')
    .replace(forbidden, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * The other-language texts of an item as Lectern's own elements, `<lectern_title xml:lang='ja'>…`: frab has no
 * per-language text, and frab readers skip elements they do not know; Lectern's frab import reads them back.
 */
function translationElements(name: string, texts: Record<string, string> | undefined): string[] {
  return Object.entries(texts ?? {}).map(([language, text]) => `<${name} xml:lang='${xml(language)}'>${xml(text)}</${name}>`);
}

/**
 * The speakers' names in other languages, `<lectern_name person='1' xml:lang='ja'>山田 太郎</lectern_name>`, with
 * `person` the speaker's place in `<persons>` (from 1). Kept outside `<persons>` so readers that list persons
 * see only frab's own.
 */
function nameElements(item: Item): string[] {
  return item.speakers.flatMap((speaker, index) =>
    Object.entries(speaker.names ?? {}).map(
      ([language, name]) => `<lectern_name person='${index + 1}' xml:lang='${xml(language)}'>${xml(name)}</lectern_name>`,
    ),
  );
}

/** A stable UUID for an item (name-based, SHA-1, as UUID version 5), so re-exports keep their guids. */
export function itemGuid(program: Program, itemId: string): string {
  const hex = createHash('sha1').update(`lectern:${program.event.title}:${itemId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * frab's numeric event ids: an item imported from frab or pretalx ("frab-6561") keeps its number; others get
 * numbers after the highest one in use, in program order.
 */
function eventNumbers(items: readonly Item[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const item of items) {
    const own = /^frab-(\d+)$/.exec(item.id);
    if (own && Number(own[1]) > 0) numbers.set(item.id, Number(own[1]));
  }
  let next = Math.max(0, ...numbers.values()) + 1;
  for (const item of items) if (!numbers.has(item.id)) numbers.set(item.id, next++);
  return numbers;
}

/**
 * The program as a frab schedule.xml (the c3voc schema): conference, days (a day that runs past midnight
 * stays one day), rooms = halls, events with `<date>` carrying the UTC offset, `HH:MM` start and duration,
 * persons, `recording/optout` from doNotRecord, and the zone in `time_zone_name`. Importing it again gives the
 * same program for everything frab can carry (see docs/import-export.md).
 */
export function exportFrabXml(program: Program): string {
  const zone = program.event.timeZone;
  const iso = (instant: number) => DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
  const days = conferenceDays(program);
  const numbers = eventNumbers(program.items);
  const acronym = slugify(program.event.title, 30);
  const halls = program.halls.filter((hall) => program.items.some((item) => item.hallId === hall.id));
  const out: string[] = [
    "<?xml version='1.0' encoding='utf-8' ?>",
    '<schedule>',
    `<version>${xml(`lectern-${program.revision ?? 0}`)}</version>`,
    '<conference>',
    `<acronym>${xml(acronym)}</acronym>`,
    `<title>${xml(program.event.title)}</title>`,
  ];
  if (days.length > 0) {
    out.push(
      `<start>${days[0]!.date}</start>`,
      `<end>${DateTime.fromMillis(days[days.length - 1]!.end - 1, { zone }).toISODate()}</end>`,
    );
  }
  out.push(
    `<days>${days.length}</days>`,
    '<timeslot_duration>00:05</timeslot_duration>',
    `<time_zone_name>${xml(zone)}</time_zone_name>`,
  );
  if (program.event.url) out.push(`<base_url>${xml(program.event.url)}</base_url>`);
  out.push('</conference>');
  days.forEach((day, index) => {
    out.push(`<day date='${day.date}' end='${iso(day.end)}' index='${index + 1}' start='${iso(day.start)}'>`);
    // Every hall with items is listed on every day (empty when it has none that day), as frab does: an
    // import then finds the halls in the program's order.
    for (const hall of halls) {
      const items = day.items.filter((item) => item.hallId === hall.id);
      out.push(`<room name='${xml(hall.name)}'>`);
      for (const item of items) {
        const number = numbers.get(item.id)!;
        out.push(
          `<event guid='${itemGuid(program, item.id)}' id='${number}'>`,
          `<date>${iso(item.start)}</date>`,
          `<start>${DateTime.fromMillis(item.start, { zone }).toFormat('HH:mm')}</start>`,
          `<duration>${formatDuration(item.end - item.start)}</duration>`,
          `<room>${xml(hall.name)}</room>`,
          `<slug>${xml(`${acronym}-${number}-${slugify(item.title, 60)}`)}</slug>`,
          '<recording>',
          '<license></license>',
          `<optout>${item.doNotRecord ? 'true' : 'false'}</optout>`,
          '</recording>',
          `<title>${xml(item.title)}</title>`,
          `<subtitle>${xml(item.subtitle)}</subtitle>`,
          ...translationElements('lectern_title', item.titles),
          ...translationElements('lectern_subtitle', item.subtitles),
          `<track>${xml(item.track)}</track>`,
          `<type>${eventTypeOfKind(item.kind)}</type>`,
          `<language>${xml(item.language)}</language>`,
          `<abstract>${xml(item.abstract)}</abstract>`,
          '<description></description>',
          '<persons>',
          ...item.speakers.map((speaker) => `<person>${xml(speaker.name)}</person>`),
          '</persons>',
          ...nameElements(item),
          '<links>',
          '</links>',
          '</event>',
        );
      }
      out.push('</room>');
    }
    out.push('</day>');
  });
  out.push('</schedule>', '');
  return out.join('\n');
}
