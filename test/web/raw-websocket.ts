/**
 * A WebSocket client that writes whatever bytes it is told to after a real upgrade: how the
 * tests send the frames no well-behaved library would (bad UTF-8, reserved opcodes, RSV bits,
 * unmasked frames, lying lengths) and read how the host answered.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameOptions {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  /** The RSV1..3 bits, as the three high bits after FIN (0b100 is RSV1). */
  rsv?: number;
  masked?: boolean;
  /** A length to announce instead of the payload's own (the payload is then not sent). */
  announcedLength?: bigint;
}

export function frame(options: FrameOptions): Buffer {
  const payload = options.payload ?? Buffer.alloc(0);
  const masked = options.masked ?? true;
  const length = options.announcedLength ?? BigInt(payload.length);
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) {
    header = Buffer.from([first, maskBit | Number(length)]);
  } else if (length < 65_536n) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(length, 2);
  }
  if (options.announcedLength !== undefined) return header;
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, body]);
}

/** A close frame's payload: the status code, then the reason. */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  const codeBytes = Buffer.alloc(2);
  codeBytes.writeUInt16BE(code);
  return Buffer.concat([codeBytes, reason]);
}

export interface RawConnection {
  write(bytes: Buffer): void;
  /** Resolves when the host has closed the TCP connection, with the close code it sent. */
  closed: Promise<{ closeCode: number | null }>;
}

/**
 * The status code of the first close frame the server sent (server frames are unmasked): null
 * for a close frame without one, undefined while none has arrived.
 */
function closeCodeIn(received: Buffer): number | null | undefined {
  let at = 0;
  while (at + 2 <= received.length) {
    const opcode = (received[at] ?? 0) & 0x0f;
    let length = (received[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = received.readUInt16BE(at + 2);
      start = at + 4;
    } else if (length === 127) {
      length = Number(received.readBigUInt64BE(at + 2));
      start = at + 10;
    }
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(start) : null;
    at = start + length;
  }
  return undefined;
}

function upgradeRequest(port: number, headers: Record<string, string>): string {
  const lines = [
    'GET /ipc HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export function openRawWebSocket(
  port: number,
  headers: Record<string, string>,
): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    const closed = new Promise<{ closeCode: number | null }>((done) => {
      socket.on('close', () => done({ closeCode: closeCodeIn(buffered) ?? null }));
    });
    socket.on('error', (error) => {
      if (!upgraded) reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (upgraded) {
        // Answer the server's close frame as a well-behaved client does, so it need not wait.
        const code = closeCodeIn(buffered);
        if (code !== undefined && !socket.writableEnded) {
          socket.end(
            frame({ opcode: 0x8, payload: code === null ? undefined : closePayload(code) }),
          );
        }
        return;
      }
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString('latin1');
      buffered = buffered.subarray(end + 4);
      if (!head.startsWith('HTTP/1.1 101')) {
        reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        socket.destroy();
        return;
      }
      upgraded = true;
      resolve({ write: (bytes) => socket.write(bytes), closed });
    });
    socket.on('connect', () => socket.write(upgradeRequest(port, headers)));
  });
}

/** Sends an upgrade request and resets the connection at once, before the host answers. */
export function resetDuringUpgrade(port: number, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(upgradeRequest(port, headers), () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on('error', () => undefined);
  });
}
