/**
 * The web host survives whatever bytes arrive on its WebSocket: each malformed frame closes that
 * one connection with the protocol's status code and one log line, and the host keeps answering
 * contract calls on new connections.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { WebHost } from '../../main/web/web-host.ts';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/common.ts';
import { closePayload, frame, openRawWebSocket, resetDuringUpgrade } from './raw-websocket.ts';
import { callOnce, enter, startTestWebHost } from './web-host-client.ts';

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const CONTINUATION = 0x0;

const BAD_FRAMES: Array<{ kind: string; bytes: Buffer; closeCode: number }> = [
  {
    kind: 'invalid UTF-8 in a text frame',
    bytes: frame({ opcode: TEXT, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
    closeCode: 1007,
  },
  { kind: 'a reserved data opcode', bytes: frame({ opcode: 0x3 }), closeCode: 1002 },
  { kind: 'a reserved control opcode', bytes: frame({ opcode: 0xb }), closeCode: 1002 },
  {
    kind: 'RSV1 set without a negotiated extension',
    bytes: frame({ opcode: TEXT, rsv: 0b100, payload: Buffer.from('{}') }),
    closeCode: 1002,
  },
  {
    kind: 'RSV2 and RSV3 set',
    bytes: frame({ opcode: TEXT, rsv: 0b011, payload: Buffer.from('{}') }),
    closeCode: 1002,
  },
  {
    kind: 'an unmasked client frame',
    bytes: frame({ opcode: TEXT, masked: false, payload: Buffer.from('{}') }),
    closeCode: 1002,
  },
  {
    kind: 'a close frame with a reserved status code',
    bytes: frame({ opcode: CLOSE, payload: closePayload(1005) }),
    closeCode: 1002,
  },
  {
    kind: 'a close frame with an out-of-range status code',
    bytes: frame({ opcode: CLOSE, payload: closePayload(999) }),
    closeCode: 1002,
  },
  {
    kind: 'a close reason that is not UTF-8',
    bytes: frame({ opcode: CLOSE, payload: closePayload(1000, Buffer.from([0xc3, 0x28])) }),
    closeCode: 1007,
  },
  {
    kind: 'a fragmented control frame',
    bytes: frame({ opcode: PING, fin: false }),
    closeCode: 1002,
  },
  {
    kind: 'a control frame over 125 bytes',
    bytes: frame({ opcode: PING, payload: Buffer.alloc(126) }),
    closeCode: 1002,
  },
  {
    kind: 'a continuation with nothing to continue',
    bytes: frame({ opcode: CONTINUATION, payload: Buffer.from('{}') }),
    closeCode: 1002,
  },
  {
    kind: 'a frame one byte over the limit',
    bytes: frame({ opcode: TEXT, announcedLength: BigInt(MAX_MESSAGE_BYTES + 1) }),
    closeCode: 1009,
  },
  {
    kind: 'a fragment that takes the message over the limit',
    bytes: Buffer.concat([
      frame({ opcode: TEXT, fin: false, payload: Buffer.from('{"type":') }),
      frame({ opcode: CONTINUATION, announcedLength: BigInt(MAX_MESSAGE_BYTES) }),
    ]),
    closeCode: 1009,
  },
  {
    kind: 'a length over 2^53 - 1',
    bytes: frame({ opcode: BINARY, announcedLength: 2n ** 63n }),
    closeCode: 1009,
  },
];

describe('web host under malformed WebSocket frames', () => {
  let host: WebHost;
  let cookie: string;
  let stop: () => Promise<void>;
  const logged: string[] = [];
  let onLog: (() => void) | null = null;
  /** The next log line; an error that escapes to the process instead (ending a real host) fails. */
  async function nextLogOrCrash(): Promise<void> {
    let escape: (error: unknown) => void = () => undefined;
    const escaped = new Promise<never>((_, reject) => (escape = reject));
    process.on('uncaughtException', escape);
    try {
      await Promise.race([new Promise<void>((resolve) => (onLog = resolve)), escaped]);
    } finally {
      process.off('uncaughtException', escape);
    }
  }

  before(async () => {
    ({ host, close: stop } = await startTestWebHost((line) => {
      logged.push(line);
      onLog?.();
    }));
    cookie = await enter(host);
  });

  after(async () => {
    await stop();
  });

  for (const bad of BAD_FRAMES) {
    test(`${bad.kind}: that connection is closed with ${bad.closeCode}, the host answers on`, async () => {
      const before = logged.length;
      const raw = await openRawWebSocket(host.port, { Origin: host.origin, Cookie: cookie });
      raw.write(bad.bytes);
      const { closeCode } = await raw.closed;
      assert.equal(closeCode, bad.closeCode);
      const lines = logged.slice(before);
      assert.equal(lines.length, 1, `one log line, got ${JSON.stringify(lines)}`);
      assert.match(lines[0] ?? '', /^\[web\] closed a WebSocket connection: .*\(WS_ERR_\w+\)$/);

      const info = (await callOnce(host, cookie, 'app.info', {})) as { ok: boolean };
      assert.equal(info.ok, true);
    });
  }

  test('a peer that resets a refused upgrade does not take the host down', async () => {
    const logLine = nextLogOrCrash();
    await resetDuringUpgrade(host.port, { Origin: host.origin, Cookie: 'wrong=1' });
    await logLine;
    assert.match(logged.at(-1) ?? '', /^\[web\] WebSocket upgrade socket failed: .*ECONNRESET/);
    assert.equal(((await callOnce(host, cookie, 'app.info', {})) as { ok: boolean }).ok, true);
  });

  test('a message that is not a contract call closes that connection with 1003', async () => {
    for (const bytes of [
      frame({ opcode: TEXT, payload: Buffer.from('not json') }),
      frame({ opcode: BINARY, payload: Buffer.from('{}') }),
      frame({ opcode: TEXT, payload: Buffer.from('{"type":"invoke","id":"1"}') }),
    ]) {
      const raw = await openRawWebSocket(host.port, { Origin: host.origin, Cookie: cookie });
      raw.write(bytes);
      assert.equal((await raw.closed).closeCode, 1003);
    }
    assert.equal(((await callOnce(host, cookie, 'app.info', {})) as { ok: boolean }).ok, true);
  });
});
