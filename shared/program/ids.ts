import { DateTime } from 'luxon';

/** A URL-safe slug of a name: "Saal 1" → "saal-1", "Conférence" → "conference". */
export function slugify(name: string, maxLength = 40): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'hall';
}

/**
 * The id Lectern gives an item that has none of its own: hall, local date and start time,
 * e.g. "namba-2025-10-02-0940". Unique because items of one hall never overlap.
 */
export function scheduleItemId(hallId: string, start: number, timeZone: string): string {
  return `${hallId}-${DateTime.fromMillis(start, { zone: timeZone }).toFormat('yyyy-MM-dd-HHmm')}`;
}
