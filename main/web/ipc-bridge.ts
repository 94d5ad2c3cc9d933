/**
 * One WebSocket connection of the web host, carrying the IPC contract: `{type:'invoke'}` in,
 * `{type:'result'|'event'}` out. Whatever a peer sends, only its own connection pays for it.
 */
import type { WebSocket } from 'ws';
import type { Router } from '../ipc/router.ts';

interface InvokeMessage {
  type: 'invoke';
  id: number;
  method: unknown;
  input: unknown;
}

function isInvoke(value: unknown): value is InvokeMessage {
  const v = value as Partial<InvokeMessage> | null;
  return typeof v === 'object' && v !== null && v.type === 'invoke' && Number.isSafeInteger(v.id);
}

export function bridge(ws: WebSocket, router: Router, log: (line: string) => void): void {
  // A protocol error (bad UTF-8, reserved opcode or RSV bits, unmasked frame, bad close code,
  // oversize frame) is emitted here after ws has already closed the connection with the
  // matching status; without this listener it would be thrown and take the whole host down.
  ws.on('error', (error: Error & { code?: string }) => {
    log(`[web] closed a WebSocket connection: ${error.message} (${error.code ?? 'no code'})`);
  });
  const send = (message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = router.onEvent((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      message = undefined;
    }
    if (!isInvoke(message)) {
      ws.close(1003, 'Expected {type:"invoke",id,method,input}');
      return;
    }
    const { id, method, input } = message;
    router
      .dispatch(method, input)
      .then((result) => send({ type: 'result', id, result }))
      .catch((error: unknown) => {
        log(`[web] could not answer ${String(method).slice(0, 80)}: ${String(error)}`);
        ws.close(1011, 'The host could not send its answer');
      });
  });
}
