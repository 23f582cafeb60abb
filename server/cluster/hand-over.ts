import type { Server } from 'node:http';

/**
 * Closes a race in `@socket.io/sticky`'s primary (2.0.1). After the first chunk of a request without a body it
 * sends the connection's handle to a worker. Node keeps the primary's copy of the handle open until the worker
 * acknowledges it, still reading, and throws away what it reads (child_process sets its `onread` to a no-op).
 * When that acknowledgement is slow (a busy primary) the worker has already answered the websocket upgrade, the
 * client's first frame (socket.io's CONNECT) is read by the primary and lost, and the client waits forever: about
 * 1 connection in 25 on a busy 2-core machine. Stopping the primary's reads before the hand-over leaves every later
 * byte in the kernel for the worker. Requests with a body stay with the primary (it forwards their chunks).
 * Call after `setupMaster`: the listener is put in front of its own.
 */
export function stopReadingHandedOverSockets(httpServer: Server): void {
  httpServer.on('connection', (socket) => {
    socket.prependOnceListener('data', (chunk: Buffer) => {
      const end = chunk.indexOf('\r\n\r\n');
      const header = chunk
        .subarray(0, end === -1 ? chunk.length : end)
        .toString('latin1')
        .toLowerCase();
      if (header.includes('content-length:') || header.includes('transfer-encoding:')) return;
      (socket as unknown as { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
    });
  });
}
