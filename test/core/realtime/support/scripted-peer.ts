/**
 * A scripted AppSync real-time peer for the client's failure paths: a real `ws` server on
 * 127.0.0.1 that accepts the `graphql-ws` handshake and then does only what the test's script
 * says (acknowledge or stay silent, answer a start or not, send keep-alives or stop, drop the
 * socket), recording every frame it hears. The sandbox is the peer that behaves; this one
 * misbehaves on cue. Frames are built with the sandbox's wire helpers, so both speak alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  connectionAck,
  connectionError,
  keepAlive,
  readConnectHeader,
  startAck,
  startError,
  SUBPROTOCOL,
  type RealtimeError,
} from '../../../../main/sandbox/realtime/realtime-wire.ts';
import { Changes } from './changes.ts';

export interface PeerFrame {
  type: string;
  id?: string;
  payload?: { data?: string; extensions?: { authorization?: Record<string, string> } };
}

export class PeerConnection {
  /** 1 for the first connection the peer accepted, 2 for the next… */
  readonly number: number;
  /** The connect step's auth header object, names in lower case. */
  readonly header: IncomingHttpHeaders;
  readonly frames: PeerFrame[] = [];
  closed = false;
  keepAlivesSent = 0;
  readonly #socket: WebSocket;
  readonly #changes: Changes;
  #keepAlives: NodeJS.Timeout | undefined;

  constructor(number: number, header: IncomingHttpHeaders, socket: WebSocket, changes: Changes) {
    this.number = number;
    this.header = header;
    this.#socket = socket;
    this.#changes = changes;
    socket.on('close', () => {
      this.closed = true;
      this.stopKeepAlives();
      changes.notify();
    });
  }

  /** `connection_ack` announcing `connectionTimeoutMs`; then a `ka` every `keepAliveMs`, if set. */
  ack(connectionTimeoutMs: number, keepAliveMs?: number): void {
    this.#send(connectionAck(connectionTimeoutMs));
    if (keepAliveMs === undefined) return;
    this.#keepAlives = setInterval(() => {
      this.keepAlivesSent += 1;
      this.#send(keepAlive());
      this.#changes.notify();
    }, keepAliveMs);
  }

  stopKeepAlives(): void {
    clearInterval(this.#keepAlives);
  }

  /** Resolves once the frame is handed to the kernel, so a drop after it cannot swallow it. */
  startAck(id: string): Promise<void> {
    return new Promise((resolve) => this.#send(startAck(id), () => resolve()));
  }

  refuseStart(id: string, error: RealtimeError): void {
    this.#send(startError(id, [error]));
  }

  /** `connection_error`, then a clean close, as AppSync refuses a connect step. */
  refuse(error: RealtimeError): void {
    this.#send(connectionError(error));
    this.#socket.close(1000);
  }

  /** The link dies without a word (no close frame). */
  drop(): void {
    this.#socket.terminate();
  }

  /** The starts this connection received, in order. */
  starts(): PeerFrame[] {
    return this.frames.filter((frame) => frame.type === 'start');
  }

  #send(text: string, sent?: () => void): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(text, sent);
  }
}

/** What the peer does; every hook is optional, and a missing one means silence. */
export interface PeerScript {
  onInit?(connection: PeerConnection): void;
  onStart?(connection: PeerConnection, start: PeerFrame & { id: string }): void;
}

export interface ScriptedPeer {
  /** `http://127.0.0.1:PORT/graphql`: the client derives `ws://…/graphql/realtime` from it. */
  graphqlUrl: string;
  connections: PeerConnection[];
  /** Notified on every connection, frame and close; tests wait on it. */
  changes: Changes;
  close(): Promise<void>;
}

export async function startScriptedPeer(script: PeerScript): Promise<ScriptedPeer> {
  const changes = new Changes();
  const connections: PeerConnection[] = [];
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  wss.on('connection', (socket, req) => {
    const requested = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const read = readConnectHeader(
      requested,
      new URL(req.url ?? '/', 'http://peer.invalid').searchParams,
    );
    const connection = new PeerConnection(
      connections.length + 1,
      read.ok ? read.headers : {},
      socket,
      changes,
    );
    connections.push(connection);
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as PeerFrame;
      connection.frames.push(frame);
      if (frame.type === 'connection_init') script.onInit?.(connection);
      if (frame.type === 'start' && frame.id !== undefined)
        script.onStart?.(connection, { ...frame, id: frame.id });
      changes.notify();
    });
    changes.notify();
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    connections,
    changes,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The access key id a SigV4 `Authorization` header names, e.g. from a connect header. */
export function signingKeyOf(authorization: unknown): string | null {
  return typeof authorization === 'string'
    ? (/Credential=([^/]+)\//.exec(authorization)?.[1] ?? null)
    : null;
}
