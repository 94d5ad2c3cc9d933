/**
 * The socket side both sandbox real-time endpoints share (GraphQL's `graphql-ws`, Events'
 * `aws-appsync-event-ws`): the upgrade with its one subprotocol (another is refused with
 * `NoProtocolError`), the connect step's auth header read from the handshake (a private API's
 * must name its own host), `connection_ack` once that auth holds (else `connection_error` and a
 * close), keep-alives every `keepAliveIntervalMs`, each socket's frames handled one after
 * another, and the hooks tests use (keep-alives off, drop every socket, counts). What a frame
 * means is the protocol's `onMessage`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppSyncRefusal } from '../appsync/appsync-response.ts';
import { refusedUpgrade, type PrivateApiShape } from '../appsync/private-api.ts';
import { signedForApi } from './private-connect.ts';
import { readConnectHeader, type HeaderRead, type RealtimeError } from './realtime-wire.ts';

/** The connect step's outcome (an authorizer's). */
export type ConnectAuth = { ok: true } | { ok: false; refusal: AppSyncRefusal };

export interface PeerSocket<S> {
  socket: WebSocket;
  acked: boolean;
  subscriptions: Map<string, S>;
  /** The connect step (an explicit `connection_init`, or the first frame): true once acked. */
  acknowledge(): Promise<boolean>;
}

interface Connection<S> extends PeerSocket<S> {
  auth: Promise<ConnectAuth | { ok: false; error: RealtimeError }>;
  keepAliveTimer: NodeJS.Timeout | undefined;
  /** Frames are handled in order, so a `stop` or `unsubscribe` never overtakes its start. */
  queue: Promise<void>;
}

export interface PeerTiming {
  /** How often `ka` is sent. AppSync: about a minute. Tests set a few ms. */
  keepAliveIntervalMs?: number;
  /** Announced in `connection_ack`: how long a client waits for a `ka`. AppSync: 300000. */
  connectionTimeoutMs?: number;
}

export interface SocketPeerOptions<S> {
  api: PrivateApiShape;
  subprotocol: string;
  /** Logged when a frame fails inside the sandbox: `real-time`, `Events`. */
  name: string;
  maxPayload?: number;
  timing?: PeerTiming | undefined;
  /** Whether a `ka` follows the ack at once (AppSync's GraphQL endpoint does). */
  keepAliveOnAck: boolean;
  frames: {
    connectionAck(connectionTimeoutMs: number): string;
    connectionError(error: RealtimeError): string;
    keepAlive(): string;
  };
  /** The connect step's auth, from the header it sent (already checked for a private API). */
  connectAuth(header: Extract<HeaderRead, { ok: true }>, url: URL): Promise<ConnectAuth>;
  /** A refusal as the `errors` entry the protocol sends. */
  wireError(refusal: AppSyncRefusal): RealtimeError;
  /** One text frame. */
  onMessage(connection: PeerSocket<S>, text: string): Promise<void>;
}

export function createSocketPeer<S>(options: SocketPeerOptions<S>) {
  const keepAliveIntervalMs = options.timing?.keepAliveIntervalMs ?? 60_000;
  const connectionTimeoutMs = options.timing?.connectionTimeoutMs ?? 300_000;
  const connections = new Set<Connection<S>>();
  let keepAlivesOn = true;
  const wss = new WebSocketServer({
    noServer: true,
    ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
    handleProtocols: (protocols) =>
      protocols.has(options.subprotocol) ? options.subprotocol : false,
  });

  const send = (connection: PeerSocket<S>, text: string) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(text);
  };

  const refuse = (connection: PeerSocket<S>, error: RealtimeError) => {
    send(connection, options.frames.connectionError(error));
    connection.socket.close(1000);
  };

  function open(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const requested = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const header = signedForApi(options.api, readConnectHeader(requested, url.searchParams));
    const connection: Connection<S> = {
      socket,
      auth: header.ok
        ? options.connectAuth(header, url)
        : Promise.resolve({ ok: false, error: header.error }),
      acked: false,
      subscriptions: new Map(),
      acknowledge: () => acknowledged(connection),
      keepAliveTimer: undefined,
      queue: Promise.resolve(),
    };
    connections.add(connection);
    socket.on('close', () => {
      clearInterval(connection.keepAliveTimer);
      connections.delete(connection);
    });
    socket.on('error', () => socket.terminate());
    if (socket.protocol !== options.subprotocol) {
      refuse(connection, {
        errorType: 'NoProtocolError',
        message: 'NoProtocolError',
        errorCode: 400,
      });
      return;
    }
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const text = raw.toString();
      connection.queue = connection.queue
        .then(() => options.onMessage(connection, text))
        .catch((error: unknown) => {
          console.error(
            `AppSync sandbox ${options.name}: a message failed inside the sandbox:`,
            error,
          );
          socket.terminate();
        });
    });
  }

  async function acknowledged(connection: Connection<S>): Promise<boolean> {
    if (connection.acked) return true;
    const outcome = await connection.auth;
    if (!outcome.ok) {
      refuse(connection, 'error' in outcome ? outcome.error : options.wireError(outcome.refusal));
      return false;
    }
    if (connection.acked) return true;
    connection.acked = true;
    send(connection, options.frames.connectionAck(connectionTimeoutMs));
    if (options.keepAliveOnAck) send(connection, options.frames.keepAlive());
    connection.keepAliveTimer = setInterval(() => {
      if (keepAlivesOn) send(connection, options.frames.keepAlive());
    }, keepAliveIntervalMs);
    return true;
  }

  return {
    send,
    /** Every open socket, for broadcasts. */
    connections: (): Iterable<PeerSocket<S>> => connections,
    /** Takes over an HTTP upgrade for `path`; false (socket untouched) otherwise. */
    handleUpgrade(path: string, req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname !== path) return false;
      if (refusedUpgrade(options.api, req, socket)) return true;
      wss.handleUpgrade(req, socket, head, (ws) => open(ws, req));
      return true;
    },
    /** Test hook: stop (false) or resume (true) keep-alives, to play a dead link. */
    setKeepAlives(on: boolean) {
      keepAlivesOn = on;
    },
    /** Test hook: the server drops every socket, as a deploy or a network cut would. */
    dropConnections() {
      for (const connection of connections) connection.socket.terminate();
    },
    /** Open WebSocket connections, as the server sees them. */
    connectionCount: () => connections.size,
    subscriptionCount: () => [...connections].reduce((n, c) => n + c.subscriptions.size, 0),
    async close() {
      for (const connection of connections) {
        clearInterval(connection.keepAliveTimer);
        connection.socket.terminate();
      }
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
