import { IANAZone } from 'luxon';
import { fail } from './problems.js';

/** Where the zone of an import came from: `--zone`, the file itself, or the machine running the import. */
export type ZoneSource = 'flag' | 'file' | 'machine';

/** A zone a file names, with where it says so. */
export interface FileZone {
  zone: string;
  path: string;
}

/** The zone of this machine (the server's, for an upload). */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a zone luxon knows (IANA names such as Asia/Tokyo, and UTC). */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical IANA name of a valid zone: "asia/tokyo" and "Japan" are Asia/Tokyo. */
export function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone || zone;
  } catch {
    return zone;
  }
}

/**
 * The zone an import uses: the flag, else the file's own, else the machine's. A zone that is not an IANA
 * zone is an error naming where it came from.
 */
export function resolveZone(
  flag: string | undefined,
  file: FileZone | undefined,
  machine: string,
): { zone: string; zoneSource: ZoneSource } {
  if (flag !== undefined) {
    if (!isValidZone(flag))
      fail('unknown time zone', 'zone', `"${flag}" is not an IANA time zone (e.g. Asia/Tokyo, Europe/Berlin)`);
    return { zone: canonicalZone(flag), zoneSource: 'flag' };
  }
  if (file) {
    if (!isValidZone(file.zone))
      fail('unknown time zone', file.path, `"${file.zone}" is not an IANA time zone (e.g. Asia/Tokyo, Europe/Berlin)`);
    return { zone: canonicalZone(file.zone), zoneSource: 'file' };
  }
  if (!isValidZone(machine)) fail('unknown time zone', 'zone', `this machine's zone "${machine}" is not an IANA zone: pass one`);
  return { zone: canonicalZone(machine), zoneSource: 'machine' };
}

/** How to say where the zone came from, for a person. */
export function describeZoneSource(zone: string, source: ZoneSource): string {
  if (source === 'flag') return `${zone} (given with --zone / zone=)`;
  if (source === 'file') return `${zone} (named in the file)`;
  return `${zone} (this machine's zone: the file names none; pass --zone / zone= to choose another)`;
}
