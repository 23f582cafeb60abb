import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { actualTimesCsv, actualTimesReport } from '../program/export/actual-times.js';
import { exportFrabXml } from '../program/export/frab-xml.js';
import { exportIcs } from '../program/export/ics.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { VERSION } from '../version.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { writeOutput } from './write-output.js';

const WHAT = ['ics', 'frab', 'actual-times'] as const;

/** `lectern export`: the stored program as ICS or frab XML, or the actual times from the command log. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the program (ICS, frab XML) or the actual times from the data folder',
  usage: `lectern export ics|frab|actual-times [--data DIR] [--format csv|json] [--hall ID] [--out FILE]

  ics               the program as an iCalendar feed (one event per item)
  frab              the program as a frab schedule.xml
  actual-times      planned vs actual start and end of every item, from the
                    command log (rehearsal commands and anything before a
                    hall's last reset do not count)
  --data DIR        the data folder of the server (read while it runs, too)
                    env LECTERN_DATA, default ./data
  --format F        actual-times only: csv (default) or json
  --hall ID         ics and actual-times: one hall only
  --out FILE        write there (whole or not at all) instead of standard output`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        format: { type: 'string' },
        hall: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    const what = positionals[0];
    if (positionals.length !== 1 || !(WHAT as readonly string[]).includes(what!)) {
      throw new UsageError(`what to export? one of ${WHAT.join(', ')}`);
    }
    if (values.format !== undefined && what !== 'actual-times') throw new UsageError('--format is for actual-times only');
    if (values.format !== undefined && values.format !== 'csv' && values.format !== 'json') {
      throw new UsageError(`--format: "${values.format}" is not csv or json`);
    }
    if (values.hall !== undefined && what === 'frab') throw new UsageError('--hall is for ics and actual-times');
    const dataDir = values.data ?? process.env.LECTERN_DATA ?? './data';
    if (!existsSync(join(dataDir, 'lectern.sqlite')))
      throw new Error(`no Lectern data in ${dataDir} (expected ${join(dataDir, 'lectern.sqlite')}; pass --data DIR)`);
    const store = new SqliteStore(dataDir);
    try {
      const stored = await store.loadProgram();
      if (!stored) throw new Error(`no program stored in ${dataDir} yet`);
      const program = { ...stored.program, revision: stored.revision };
      if (values.hall !== undefined && !program.halls.some((hall) => hall.id === values.hall)) {
        throw new UsageError(`--hall: no hall "${values.hall}" (halls: ${program.halls.map((h) => h.id).join(', ')})`);
      }
      let text: string;
      if (what === 'ics')
        text = exportIcs(program, { now: Date.now(), version: VERSION, ...(values.hall ? { hallId: values.hall } : {}) });
      else if (what === 'frab') text = exportFrabXml(program);
      else {
        const report = await actualTimesReport(store, program, Date.now(), values.hall);
        text = values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : actualTimesCsv(report);
      }
      await writeOutput(text, values.out);
      if (values.out) console.error(`Wrote ${values.out}`);
    } finally {
      await store.close();
    }
  },
};
