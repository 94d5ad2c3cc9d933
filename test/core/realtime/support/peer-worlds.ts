/**
 * One scripted peer and one client of it per test, remembered so that a single `closeAll()` in
 * `after()` stops every subscription and every peer the file started.
 */
import type {
  RealtimeOptions,
  RealtimeServiceDeps,
} from '../../../../main/core/realtime/realtime-service.ts';
import { startScriptedPeer, type PeerScript, type ScriptedPeer } from './scripted-peer.ts';
import { WatchedClient } from './watched-client.ts';

export interface PeerWorld {
  peer: ScriptedPeer;
  client: WatchedClient;
  /** Waits on the peer's and the client's changes alike. */
  until: ScriptedPeer['changes']['until'];
}

export class PeerWorlds {
  readonly #peers: ScriptedPeer[] = [];
  readonly #clients: WatchedClient[] = [];

  async open(
    script: PeerScript,
    options: RealtimeOptions,
    deps: Partial<RealtimeServiceDeps> = {},
  ): Promise<PeerWorld> {
    const peer = await startScriptedPeer(script);
    this.#peers.push(peer);
    const client = new WatchedClient(peer.changes, options, deps);
    this.#clients.push(client);
    return { peer, client, until: peer.changes.until.bind(peer.changes) };
  }

  /** Remembers a client made elsewhere (e.g. for the sandbox), to stop it with the rest. */
  keep(client: WatchedClient): WatchedClient {
    this.#clients.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#clients.map((client) => client.stopAll()));
    await Promise.all(this.#peers.map((peer) => peer.close()));
  }
}
