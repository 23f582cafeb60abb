import { io, type Socket } from 'socket.io-client';

// A child process of tests/bench/soak.ts: N screens watching both halls over websockets, each dropping its
// connection and coming back now and then (as a venue's screens do), syncing its clock every 10 s. Prints one JSON
// line of counts every 2 s; stops on SIGTERM.

const [url = '', countText = '500', reconnectText = '30000'] = process.argv.slice(2);
const COUNT = Number(countText);
/** Mean time between a screen's drops (real ms). */
const MEAN_DROP_MS = Number(reconnectText);
const HALLS = ['namba', 'nakamozu'];

const counts = { connected: 0, connects: 0, drops: 0, changes: 0, errors: 0 };
const sockets: Socket[] = [];

function openScreen(slot: number): void {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  sockets[slot] = socket;
  let ping: ReturnType<typeof setInterval> | undefined;
  let drop: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    counts.connected++;
    counts.connects++;
    for (const hallId of HALLS) socket.emit('hall:watch', { hallId });
    ping = setInterval(() => socket.emit('clock:ping', Date.now(), () => undefined), 10_000);
    drop = setTimeout(() => socket.disconnect(), MEAN_DROP_MS * (0.5 + Math.random()));
  });
  socket.on('hall:changed', () => counts.changes++);
  socket.on('connect_error', () => {
    counts.errors++;
    setTimeout(() => openScreen(slot), 1000);
  });
  socket.on('disconnect', () => {
    counts.connected--;
    counts.drops++;
    clearInterval(ping);
    clearTimeout(drop);
    socket.removeAllListeners();
    // Back after a short while, as a new connection (a reloaded page, a re-joined wifi).
    setTimeout(() => openScreen(slot), 200 + Math.random() * 2000);
  });
}

for (let i = 0; i < COUNT; i++) setTimeout(() => openScreen(i), i * 10);
const report = setInterval(() => console.log(JSON.stringify(counts)), 2000);
process.once('SIGTERM', () => {
  clearInterval(report);
  for (const socket of sockets) {
    socket?.removeAllListeners();
    socket?.close();
  }
  process.exit(0);
});
