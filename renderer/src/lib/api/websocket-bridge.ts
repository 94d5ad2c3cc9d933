/** The web host's side of the bridge: `{type:'invoke'}` out, `{type:'result'|'event'}` back. */
import type { Bridge } from '../../../../shared/contract.ts';
import type { IpcResult } from '../../../../shared/errors.ts';

const CLOSED: IpcResult<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message:
      'The connection to the workbench host is closed. Restart the host and reload this page.',
  },
};

type Pending = { resolve: (value: IpcResult<unknown>) => void };

export function createWebSocketBridge(url: URL): Bridge {
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const ready = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as
      | { type: 'result'; id: number; result: IpcResult<unknown> }
      | { type: 'event'; event: string; payload: unknown };
    if (message.type === 'result') {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const { resolve } of pending.values()) resolve(CLOSED);
    pending.clear();
  });

  return {
    async invoke(method, input) {
      if (!(await ready) || socket.readyState !== WebSocket.OPEN) return CLOSED;
      const id = nextId++;
      const answer = new Promise<IpcResult<unknown>>((resolve) => pending.set(id, { resolve }));
      socket.send(JSON.stringify({ type: 'invoke', id, method, input }));
      return answer;
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
