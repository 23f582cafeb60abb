import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { eventFrame } from '../../../../server/broadcast/frame-writer.js';

/** Reads one unmasked server text frame: answers its payload. */
function payloadOf(frame: Buffer): string {
  expect(frame[0]).toBe(0x81); // FIN, text
  const short = frame[1]! & 0x7f;
  expect(frame[1]! & 0x80).toBe(0); // a server's frames are not masked
  const [length, start] =
    short === 126 ? [frame.readUInt16BE(2), 4] : short === 127 ? [Number(frame.readBigUInt64BE(2)), 10] : [short, 2];
  expect(frame.length).toBe(start + length);
  return frame.subarray(start).toString('utf8');
}

describe('eventFrame', () => {
  it('is a socket.io EVENT in an engine.io message, as `io.emit` frames it (socket.io-parser, main namespace)', () => {
    const payload = { hallId: 'namba', revision: 7, title: '開会 “Opening”' };
    const [encoded] = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['hall:changed', payload] });
    // "4": engine.io's message packet, around socket.io's encoded EVENT.
    expect(payloadOf(eventFrame('hall:changed', payload))).toBe(`4${encoded as string}`);
  });

  it('uses the 16-bit and 64-bit lengths of large snapshots', () => {
    const medium = { text: 'x'.repeat(1000) };
    const large = { text: 'y'.repeat(70_000) };
    expect(JSON.parse(payloadOf(eventFrame('hall:changed', medium)).slice(2))).toEqual(['hall:changed', medium]);
    expect(JSON.parse(payloadOf(eventFrame('hall:changed', large)).slice(2))).toEqual(['hall:changed', large]);
  });
});
