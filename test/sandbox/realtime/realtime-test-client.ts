/**
 * A raw WebSocket peer for the sandbox's real-time endpoint: sends exactly the frames a test
 * writes and queues what the server answers, so the server is checked without the workbench's
 * own client in the way.
 */
import WebSocket from 'ws';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = any;

export interface RawPeer {
  socket: WebSocket;
  send(frame: unknown): void;
  /** The next frame that is not a keep-alive (or of `type`, when given). */
  next(type?: string, timeoutMs?: number): Promise<Frame>;
  closed: Promise<number>;
  close(): Promise<void>;
}

export function headerProtocol(header: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`;
}

export function realtimeUrlOf(graphqlUrl: string): string {
  return `${graphqlUrl.replace(/^http/, 'ws')}/realtime`;
}

export async function openPeer(url: string, protocols: string[]): Promise<RawPeer> {
  const socket = new WebSocket(url, protocols);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    frames.push(JSON.parse(raw.toString()));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: async (type, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = frames.findIndex((f) => (type ? f.type === type : f.type !== 'ka'));
        if (index >= 0) return frames.splice(index, 1)[0];
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no ${type ?? 'frame'} within ${timeoutMs} ms; got ${JSON.stringify(frames)}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    closed,
    close: async () => {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.close();
        await closed;
      }
    },
  };
}
