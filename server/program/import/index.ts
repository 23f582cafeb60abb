import type { InputProblem, Program } from '../../../shared/index.js';
import { draftFromCsv } from './csv.js';
import { FORMAT_NAMES, detectFormat, type ImportFormat } from './detect.js';
import type { DraftProgram } from './draft.js';
import { finalizeProgram } from './finalize.js';
import { draftFromFrab, frabFileZone, readFrab } from './frab.js';
import { parseHallMap, type HallMap } from './hall-map.js';
import { draftFromLectern, lecternFileZone, readLecternJson } from './json.js';
import { draftFromPretalx, pretalxFileZone, readPretalx } from './pretalx.js';
import { parseTextProgram } from './text.js';
import { machineZone, resolveZone, type FileZone, type ZoneSource } from './zone.js';

export { IMPORT_FORMATS, FORMAT_NAMES, detectFormat, type ImportFormat } from './detect.js';
export { decodeProgramBytes } from './decode.js';
export { parseHallMap, type HallMap } from './hall-map.js';
export { describeZoneSource, type ZoneSource } from './zone.js';

/** How to import a program file. */
export interface ImportOptions {
  /** The file's format; 'auto' (the default) tells it by its content. */
  format?: ImportFormat | 'auto';
  /** IANA zone the file's clock times are in; overrides the file's own. */
  zone?: string;
  /** Derive break items from gaps in each hall (formats without breaks: frab, pretalx). */
  fillBreaks?: boolean;
  /** Room names to hall ids: a map, or the text "Room name=id,Other room=id2". */
  hallMap?: HallMap | string;
  /** The event's title, overriding the file's. */
  title?: string;
  /** The zone used when neither `zone` nor the file names one (default: this machine's). */
  machineZone?: string;
}

/** A program read from a file. */
export interface ImportResult {
  program: Program;
  format: ImportFormat;
  /** The zone the clock times were read in (and the program's `event.timeZone`). */
  zone: string;
  zoneSource: ZoneSource;
  /** What the import decided on its own (default lengths, repaired text, ignored columns), by line or path. */
  warnings: InputProblem[];
}

/** Reads a file in one format: its draft once the zone is known, and the zone it names itself. */
function reader(
  format: ImportFormat,
  text: string,
): { fileZone?: FileZone; draft(zone: string, warnings: InputProblem[]): DraftProgram } {
  switch (format) {
    case 'frab': {
      const doc = readFrab(text);
      return { fileZone: frabFileZone(doc), draft: (zone, warnings) => draftFromFrab(doc, zone, warnings) };
    }
    case 'pretalx': {
      const doc = readPretalx(text);
      return { fileZone: pretalxFileZone(doc), draft: (zone, warnings) => draftFromPretalx(doc, zone, warnings) };
    }
    case 'json': {
      const program = readLecternJson(text);
      return { fileZone: lecternFileZone(program), draft: () => draftFromLectern(program) };
    }
    case 'csv':
      return { draft: (zone, warnings) => draftFromCsv(text, zone, warnings) };
    case 'text':
      return { draft: (zone, warnings) => parseTextProgram(text, zone, warnings) };
  }
}

/**
 * Imports a program file (frab XML, pretalx JSON, CSV, printed-program text or Lectern JSON) into a validated
 * Lectern program. Pure: text in, program out. Any problem throws a ProgramError whose problems name the line
 * or path and what was expected; nothing is half imported.
 */
export function importProgram(text: string, options: ImportOptions = {}): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const format = !options.format || options.format === 'auto' ? detectFormat(body) : options.format;
  const hallMap = typeof options.hallMap === 'string' ? parseHallMap(options.hallMap) : options.hallMap;
  const read = reader(format, body);
  const { zone, zoneSource } = resolveZone(options.zone, read.fileZone, options.machineZone ?? machineZone());
  const warnings: InputProblem[] = [];
  const draft = read.draft(zone, warnings);
  const program = finalizeProgram(
    draft,
    {
      zone,
      formatName: FORMAT_NAMES[format],
      ...(hallMap ? { hallMap } : {}),
      ...(options.fillBreaks ? { fillBreaks: true } : {}),
      ...(options.title ? { title: options.title } : {}),
    },
    warnings,
  );
  return { program, format, zone, zoneSource, warnings };
}
