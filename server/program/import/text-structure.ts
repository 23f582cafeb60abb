import { DateTime } from 'luxon';
import type { DraftHall } from './draft.js';
import { normaliseCommas } from './text-speakers.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toISODate()! : undefined;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The date of a day heading, as ISO: "Thursday, October 2, 2025", "2 October 2025", "2025-10-02",
 * "2025年10月2日（木）". Undefined for any other line (and for a line with a tab: that is a row).
 */
export function parseDayHeading(line: string): string | undefined {
  const text = line.trim();
  if (!text || line.includes('\t') || text.length > 80) return undefined;
  let match = new RegExp(`^(?:[A-Za-z]+day,?\\s+)?${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (match) return isoDate(Number(match[3]), monthNumber(match[1]!), Number(match[2]));
  match = new RegExp(`^(?:[A-Za-z]+day,?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (match) return isoDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
  match = /^(?:Day\s*\d+\s*[-–:(]?\s*)?(\d{4})-(\d{2})-(\d{2})\b/i.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return undefined;
}

/** True for a line that looks like a day heading but names no real date ("February 30, 2025"). */
export function looksLikeBadDayHeading(line: string): boolean {
  const text = line.trim();
  if (line.includes('\t') || text.length > 80) return false;
  return (
    new RegExp(`^(?:[A-Za-z]+day,?\\s+)?${MONTH}\\s+\\d{1,2},?\\s+\\d{4}$`, 'i').test(text) ||
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(text) ||
    /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.test(text)
  );
}

/** The text of a venue line ("Venue : …", "Venue: …", "会場：…"), or undefined. */
export function parseVenueLine(line: string): string | undefined {
  const match = /^\s*(?:Venue|会場)\s*[:：]\s*(.+?)\s*$/i.exec(line);
  return match && !line.includes('\t') ? match[1] : undefined;
}

/**
 * A hall from a venue line. `**+online` at the end means the hall is streamed. The hall's name is the
 * venue's last comma-separated part; when that part is "Room / Building", the room names the hall and the
 * building joins the venue: "Osaka Metropolitan University, Nakamozu Campus, Conference Hall / Bldg. ia Smart
 * Energy" is hall "Conference Hall" in venue "Osaka Metropolitan University, Nakamozu Campus, Bldg. ia Smart
 * Energy"; "Osaka Metropolitan University, I-site Namba **+online" is hall "I-site Namba", streamed.
 */
export function hallFromVenue(text: string, source: string): DraftHall {
  const online = /\s*\*{0,2}\s*\+\s*online\s*\*{0,2}\s*$/i;
  const streamed = online.test(text);
  const venueText = normaliseCommas(text.replace(online, ''));
  const parts = venueText.split(', ');
  const last = parts[parts.length - 1]!;
  const slash = last.split(/\s+\/\s+/);
  if (slash.length >= 2) {
    const name = slash[0]!.trim();
    const venue = [...parts.slice(0, -1), slash.slice(1).join(' / ')].join(', ');
    return { name, venue, streamed, source };
  }
  return { name: last, ...(parts.length > 1 ? { venue: venueText } : {}), streamed, source };
}
