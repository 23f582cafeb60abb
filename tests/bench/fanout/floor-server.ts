// The floor: a bare express + socket.io server with Lectern's routes for screens and commands and nothing else.
// `hall:watch` joins the hall's room and answers the snapshot; a command bumps the hall's revision, writes the
// state to a file (no fsync) and does one `io.to(room).emit` per change. Run by tests/bench/fanout/launch.ts:
//   FLOOR_SNAPSHOT=file.json node --import tsx tests/bench/fanout/floor-server.ts
// prints "listening on http://127.0.0.1:PORT".
import express from 'express';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { answerScreens } from './floor-handlers.js';

/** A real Lectern snapshot, so the floor sends frames of the same size. */
const template = JSON.parse(readFileSync(process.env.FLOOR_SNAPSHOT!, 'utf8')) as Record<string, unknown>;
const stateFile = join(tmpdir(), `lectern-floor-${process.pid}.json`);
const halls = new Map<string, Record<string, unknown>>();

function snapshot(hallId: string): Record<string, unknown> {
  let known = halls.get(hallId);
  if (!known) halls.set(hallId, (known = { ...template, hallId, revision: 0 }));
  return known;
}

const app = express();
const http = createServer(app);
const io = new Server(http, { serveClient: false });
app.use(express.json());
app.get('/healthz', (_req, res) => res.json({ ok: true }));
// The longest event-loop delay since the last ask (ms), as Lectern's /metrics gives nodejs_eventloop_lag_max_seconds.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
app.get('/bench/loop', (_req, res) => {
  res.json({ maxMs: loopDelay.max / 1e6 });
  loopDelay.reset();
});
app.get('/api/v1/halls/:hallId/live', (req, res) => res.json(snapshot(req.params.hallId)));
app.post('/api/v1/halls/:hallId/commands', (req, res) => {
  const hallId = req.params.hallId;
  const previous = snapshot(hallId);
  const next = {
    ...previous,
    revision: (previous.revision as number) + 1,
    message: req.body?.text ?? null,
    updatedAt: Date.now(),
  };
  halls.set(hallId, next);
  writeFileSync(stateFile, JSON.stringify(next));
  io.to(`hall:${hallId}`).emit('hall:changed', next);
  res.json(next);
});
answerScreens(io, snapshot);
http.listen(0, '127.0.0.1', () => {
  console.log(`floor listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
