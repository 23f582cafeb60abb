import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InputProblem } from '../../../shared/index.js';
import { parseOffsetDateTime } from './clock-time.js';
import { ensureHall, type DraftProgram } from './draft.js';
import { Problems, fail } from './problems.js';
import type { ScheduleEvent } from './schedule-event.js';
import { ScheduleProgram } from './schedule-program.js';
import type { FileZone } from './zone.js';

const FORMAT = 'frab schedule';

type XmlNode = Record<string, unknown>;

const LISTS = new Set([
  'schedule.day',
  'schedule.day.room',
  'schedule.day.room.event',
  'schedule.day.room.event.persons.person',
  'schedule.day.room.event.lectern_title',
  'schedule.day.room.event.lectern_subtitle',
  'schedule.day.room.event.lectern_name',
]);

/** The text of an element, whether fast-xml-parser gave a string or an object with attributes. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && '#text' in (value as XmlNode)) return text((value as XmlNode)['#text']);
  return '';
}

function node(value: unknown): XmlNode {
  return value && typeof value === 'object' ? (value as XmlNode) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
}

/** A parsed frab schedule.xml: its `<schedule>` element. */
export interface FrabDocument {
  schedule: XmlNode;
}

/**
 * The elements still open at the end of the file, from the validator's message for a file that ends too early
 * (`Unclosed tag 'schedule'.`, or `Invalid '["schedule", "day", …]' found.`, which it reports at line 1).
 */
function unclosedElements(message: string): string[] | undefined {
  const one = /^Unclosed tag '(.+)'\.$/.exec(message);
  if (one) return [one[1]!];
  const many = /^Invalid '(\[.*\])' found\.$/s.exec(message);
  if (!many) return undefined;
  try {
    const names: unknown = JSON.parse(many[1]!);
    return Array.isArray(names) && names.every((n) => typeof n === 'string') ? names : undefined;
  } catch {
    return undefined;
  }
}

/** The number of the file's last line that has text. */
function lastLine(text: string): number {
  return text.replace(/\s+$/, '').split(/\r\n|\r|\n/).length;
}

/** The line (1-based) of a character offset. */
function lineAt(xml: string, offset: number): number {
  return xml.slice(0, Math.max(0, offset)).split('\n').length;
}

/** The first `open` that no `close` follows (skipping quoted values when `quoted`, as the parser does), or -1. */
function unclosedAt(xml: string, open: string, close: string, quoted: boolean): number {
  for (let start = xml.indexOf(open); start >= 0; start = xml.indexOf(open, start + 1)) {
    let i = start + open.length;
    for (; i < xml.length; i++) {
      if (quoted && (xml[i] === '"' || xml[i] === "'")) {
        i = xml.indexOf(xml[i]!, i + 1);
        if (i < 0) return start;
      } else if (xml.startsWith(close, i)) break;
    }
    if (i >= xml.length) return start;
  }
  return -1;
}

const UNCLOSED: Record<string, [open: string, close: string, quoted: boolean]> = {
  'Pi Tag is not closed.': ['<?', '?>', true],
  'Comment is not closed.': ['<!--', '-->', false],
  'CDATA is not closed.': ['<![CDATA[', ']]>', false],
  'Closing Tag is not closed.': ['</', '>', false],
};

/**
 * Where a parser error (a broken `<?…?>`, comment or CDATA the validator let through) is: the line of the
 * construct that is not closed, of the position it names, else the first line.
 */
function parserErrorLine(xml: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(xml, Number(position[1]));
  const construct = UNCLOSED[message];
  const at = construct ? unclosedAt(xml, ...construct) : -1;
  return at >= 0 ? lineAt(xml, at) : 1;
}

/** Parses the XML; a syntax error (a truncated file) names its line. */
export function readFrab(xml: string): FrabDocument {
  // No schedule declares entities; refusing them keeps an upload from expanding into gigabytes.
  const entity = xml.search(/<!ENTITY/i);
  if (entity >= 0)
    fail(
      `cannot import the ${FORMAT}`,
      `line ${xml.slice(0, entity).split('\n').length}`,
      'entity declarations (<!ENTITY>) are not allowed',
    );
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const open = unclosedElements(valid.err.msg);
    if (open) {
      fail(
        `cannot import the ${FORMAT}: the XML is broken`,
        `line ${lastLine(xml)}`,
        `the file ends inside <${open.at(-1)}> (still open: ${open.join(' > ')}): is it cut short?`,
      );
    }
    fail(
      `cannot import the ${FORMAT}: the XML is broken`,
      `line ${valid.err.line}`,
      `${valid.err.msg} (column ${valid.err.col})`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (_name, jpath) => LISTS.has(String(jpath)),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(`cannot import the ${FORMAT}: the XML is broken`, `line ${parserErrorLine(xml, message)}`, message);
  }
  const root = node(parsed);
  if (!('schedule' in root)) {
    const found = Object.keys(root).filter((k) => !k.startsWith('?'));
    fail(
      `cannot import the ${FORMAT}`,
      '(root)',
      `expected a <schedule> element, found ${found.length ? `<${found[0]}>` : 'nothing'}`,
    );
  }
  return { schedule: node(root.schedule) };
}

/** The zone a frab file names in `conference > time_zone_name` (pretalx writes it; old frab does not). */
export function frabFileZone(doc: FrabDocument): FileZone | undefined {
  const zone = text(node(doc.schedule.conference).time_zone_name)?.trim();
  return zone ? { zone, path: 'schedule.conference.time_zone_name' } : undefined;
}

/**
 * Lectern's own per-language elements of an event (`<lectern_title xml:lang='ja'>…</lectern_title>`, the same
 * for `lectern_subtitle`), by language tag. frab has no per-language text; Lectern's frab export adds these, and
 * other frab readers skip elements they do not know.
 */
function translations(values: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const value of list(values)) {
    const element = node(value);
    const language = text(element['@_xml:lang'] ?? element['@_lang'])?.trim();
    const content = text(value)?.trim();
    if (language && content) out[language] = content;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Lectern's `<lectern_name person='1' xml:lang='ja'>` elements: other-language names by place in `<persons>`. */
function personNames(values: unknown): Record<string, string>[] {
  const names: Record<string, string>[] = [];
  for (const value of list(values)) {
    const element = node(value);
    const place = Number(text(element['@_person']));
    const language = text(element['@_xml:lang'] ?? element['@_lang'])?.trim();
    const name = text(value)?.trim();
    if (!Number.isInteger(place) || place < 1 || place > 200 || !language || !name) continue;
    (names[place - 1] ??= {})[language] = name;
  }
  return names;
}

function eventOf(xml: XmlNode): ScheduleEvent {
  const persons = list(node(xml.persons).person).map((p) => text(p) ?? '');
  const names = personNames(xml.lectern_name);
  const titles = translations(xml.lectern_title);
  const subtitles = translations(xml.lectern_subtitle);
  return {
    ...(titles ? { titles } : {}),
    ...(subtitles ? { subtitles } : {}),
    id: text(xml['@_id']),
    guid: text(xml['@_guid']),
    date: text(xml.date),
    start: text(xml.start),
    duration: text(xml.duration),
    title: text(xml.title),
    subtitle: text(xml.subtitle),
    track: text(xml.track),
    type: text(xml.type),
    language: text(xml.language),
    abstract: text(xml.abstract),
    description: text(xml.description),
    persons,
    ...(names.length > 0 ? { personNames: names } : {}),
    doNotRecord: text(node(xml.recording).optout)?.trim().toLowerCase() === 'true',
  };
}

/**
 * The draft program of a frab schedule.xml: `schedule > conference`, `day@date@start > room@name > event`.
 * Rooms become halls in the order they first appear; events keep the exact instants of their `<date>`.
 */
export function draftFromFrab(doc: FrabDocument, zone: string, warnings: InputProblem[]): DraftProgram {
  const problems = new Problems();
  const conference = node(doc.schedule.conference);
  const program = new ScheduleProgram(zone, problems, warnings);
  const halls = program.halls;
  const days = list(doc.schedule.day);
  if (days.length === 0) problems.add('schedule', 'no <day> elements: expected schedule > day > room > event');
  days.forEach((dayValue, d) => {
    const day = node(dayValue);
    const dayPath = `schedule.day[${d}]`;
    const date = text(day['@_date']);
    const dayStartText = text(day['@_start']);
    const dayStart = dayStartText ? parseOffsetDateTime(dayStartText) : undefined;
    if (dayStartText && dayStart === undefined)
      problems.add(`${dayPath}@start`, `"${dayStartText}" is not a date-time with a UTC offset`);
    list(day.room).forEach((roomValue, r) => {
      const room = node(roomValue);
      const roomPath = `${dayPath}.room[${r}]`;
      const name = text(room['@_name'])?.trim();
      if (!name) {
        problems.add(`${roomPath}@name`, 'missing: every room needs a name');
        return;
      }
      ensureHall(halls, { name, source: roomPath });
      list(room.event).forEach((eventValue, e) => {
        const path = `${roomPath}.event[${e}]`;
        const event = eventOf(node(eventValue));
        program.addEvent(event, { date, start: dayStart }, name, path);
      });
    });
  });
  problems.throwIfAny(`cannot import the ${FORMAT}`);
  // A room that has no events on any day is not a hall.
  return program.draft(text(conference.title)?.trim(), text(conference.base_url)?.trim());
}
