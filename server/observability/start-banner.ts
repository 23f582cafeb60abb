import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { RunningLectern } from '../app.js';
import { chairPanelUrl } from '../auth/auth.routes.js';
import { describeZoneSource } from '../program/import/index.js';
import type { Logger } from './logger.js';

/** Where a generated director token is written when stdout is not a terminal (0600). */
export const DIRECTOR_TOKEN_FILE = 'director-token';

export interface StartFacts {
  server: RunningLectern;
  dataDir: string;
  programFile?: string;
  /** Set in a worker of `--workers N`: how many share the port (only worker 1's output reaches the terminal). */
  workers?: number;
  /** The live state is in Redis (`--redis`), not in the data directory. */
  redis?: boolean;
  /** `--clock-rate`: the rehearsal clock runs this many times as fast as real time. */
  clockRate?: number;
  /** The origin for printed links (`--public-url`, else the listening URL), without a trailing slash. */
  base: string;
  /** stdout is a terminal: a generated token is shown there, else written to a file. */
  terminal: boolean;
  /** Writes to stdout without the logger (the one place a token may appear). */
  print: (text: string) => void;
}

/**
 * Tells the operator what started: where Lectern listens, how the program was read, the rehearsal clock, OBS
 * and the screens' links, as log lines. A generated director token never goes to the log: on a terminal it is
 * printed once with its links; otherwise it is written to DATA/director-token (0600) and the log says where.
 */
export function announceStart(log: Logger, facts: StartFacts): void {
  const { server, base } = facts;
  const program = server.live.getProgram();
  const serving = facts.workers ? `Lectern worker 1 of ${facts.workers} serving` : 'Lectern listening on';
  const where = facts.redis ? 'state in Redis' : `data in ${facts.dataDir}`;
  log.info(
    { url: server.url, halls: program.halls.length, dataDir: facts.dataDir },
    `${serving} ${server.url}  (${program.event.title}, ${program.halls.length} halls, ${where})`,
  );
  const read = server.programImport;
  if (read) {
    log.info(`Program from ${facts.programFile} (${read.format}): zone ${describeZoneSource(read.zone, read.zoneSource)}`);
    for (const warning of read.warnings) log.info(`  ${warning.path}: ${warning.message}`);
    if (read.zoneSource === 'machine') {
      log.info(`  Another zone: lectern import ${facts.programFile} --zone IANA --out program.json, then serve that`);
    }
  }
  if (server.clock.offsetMs !== 0) {
    const at = DateTime.fromMillis(server.clock.now(), { zone: program.event.timeZone });
    log.info(
      `Rehearsal clock: server time is ${at.toFormat('ccc d LLL yyyy HH:mm:ss ZZZZ')}${facts.clockRate ? `, running ${facts.clockRate}× as fast as real time` : ''} (start with --clock real to end it)`,
    );
  }
  for (const warning of server.warnings) log.warn(`Warning: ${warning}`);
  if (server.generatedDirectorToken) showDirectorToken(log, facts, server.generatedDirectorToken);
  for (const hallId of server.obs.hallIds()) {
    const status = server.obs.hallStatus(hallId);
    const known = program.halls.some((hall) => hall.id === hallId) ? '' : '  (not a hall of the program)';
    log.info({ hall: hallId }, `OBS for ${hallId}: ${status.url}${known}`);
  }
  log.info('Screens (no token needed):');
  log.info(`  Public live page: ${base}/live   Lobby: ${base}/display/lobby`);
  for (const hall of program.halls) {
    log.info(
      `  ${hall.name}: signage ${base}/display/hall/${hall.id}   timer ${base}/display/timer/${hall.id}   overlay ${base}/display/overlay/${hall.id}`,
    );
  }
}

function showDirectorToken(log: Logger, facts: StartFacts, token: string): void {
  if (!facts.terminal) {
    const file = join(facts.dataDir, DIRECTOR_TOKEN_FILE);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log.warn(
      { file },
      `A director token was generated: written to ${file} (mode 0600). Read it, keep it safe, then delete the file.`,
    );
    return;
  }
  const { base, server } = facts;
  const lines = [
    '',
    'A director token was generated. It is shown only this once; keep it safe:',
    `  ${token}`,
    `  Director console: ${base}/control/director#token=${encodeURIComponent(token)}`,
    ...server.live
      .getProgram()
      .halls.map((hall) => `  Chair panel, ${hall.name} (as director): ${chairPanelUrl(base, hall.id, token)}`),
    '  These links carry the director token: never hand them to a chair. Mint each chair its own link',
    '  in the director console (Chair links), scoped to one hall.',
    '',
  ];
  facts.print(`${lines.join('\n')}\n`);
}
