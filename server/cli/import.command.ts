import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  IMPORT_FORMATS,
  decodeProgramBytes,
  describeZoneSource,
  importProgram,
  type ImportFormat,
} from '../program/import/index.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { writeOutput } from './write-output.js';

async function readInput(file: string): Promise<Uint8Array> {
  if (file !== '-') return readFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `lectern import`: a program file in any supported format to Lectern's program JSON. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'read a program file (frab, pretalx, CSV, printed text) into Lectern JSON',
  usage: `lectern import FILE [--format auto|frab|pretalx|csv|text|json] [--zone IANA] [--out program.json]
               [--fill-breaks] [--hall-map "Room name=id,..."] [--title TEXT]

  FILE              the program file; - reads standard input
  --format F        frab (schedule.xml), pretalx (schedule.json), csv, text
                    (a printed program), json (Lectern's own)   default: auto
  --zone IANA       zone the file's clock times are in, e.g. Asia/Tokyo
                    default: the file's own (time_zone_name), else this machine's
  --out FILE        write the program JSON there (whole or not at all)
                    instead of standard output
  --fill-breaks     add a Break item for each gap of 5 min to 3 h in a hall
  --hall-map MAP    hall ids for rooms: "I-site Namba=namba,Conference Hall=nakamozu"
                    (default: slugged from the room names)
  --title TEXT      the event's title (the file's own otherwise)

  Prints the normalised program (the same JSON as GET /api/v1/program); says on
  stderr which zone it used and why, and what it decided on its own. Load the
  result with: lectern serve --program program.json. Exit 1 on a bad file (every
  problem named by line or path; nothing is written).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'auto' },
        zone: { type: 'string' },
        out: { type: 'string' },
        'fill-breaks': { type: 'boolean', default: false },
        'hall-map': { type: 'string' },
        title: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'which file? (lectern import FILE)' : 'one file at a time');
    const format = values.format!;
    if (format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format: "${format}" is not one of auto, ${IMPORT_FORMATS.join(', ')}`);
    }
    const file = positionals[0]!;
    const result = importProgram(decodeProgramBytes(await readInput(file)), {
      format: format as ImportFormat | 'auto',
      fillBreaks: values['fill-breaks'] ?? false,
      ...(values.zone ? { zone: values.zone } : {}),
      ...(values['hall-map'] ? { hallMap: values['hall-map'] } : {}),
      ...(values.title ? { title: values.title } : {}),
    });
    const { program } = result;
    await writeOutput(`${JSON.stringify(program, null, 2)}\n`, values.out);
    const detected = format === 'auto' ? ' (detected)' : '';
    console.error(
      `Imported ${program.items.length} items in ${program.halls.length} halls from ${file} as ${result.format}${detected}: ${program.event.title}`,
    );
    console.error(`Halls: ${program.halls.map((hall) => `${hall.id} (${hall.name})`).join(', ')}`);
    console.error(`Zone: ${describeZoneSource(result.zone, result.zoneSource)}`);
    if (result.warnings.length > 0) {
      console.error(`Decided on its own (${result.warnings.length}):`);
      for (const warning of result.warnings) console.error(`  ${warning.path}: ${warning.message}`);
    }
    if (values.out) console.error(`Wrote ${values.out}`);
  },
};
