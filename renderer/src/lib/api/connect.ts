/**
 * Picks the transport: the desktop preload's frozen bridge when present, otherwise the web
 * host's WebSocket. Either way the app sees the same typed `Api`.
 */
import type { Bridge } from '../../../../shared/contract.ts';
import { createApi, type Api } from '../../../../shared/client.ts';
import { createWebSocketBridge } from './websocket-bridge.ts';

declare global {
  interface Window {
    workbench?: Bridge;
  }
}

export function connectApi(): Api {
  const bridge = window.workbench ?? createWebSocketBridge(new URL('/ipc', location.href));
  return createApi(bridge);
}
