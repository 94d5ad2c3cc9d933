/**
 * The sandboxed preload: exposes one frozen `{invoke, subscribe}` bridge, limited to the
 * contract's method and event names. No Node, no ipcRenderer, no channel reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isMethodName, type Bridge } from '../../shared/contract.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge: Bridge = Object.freeze({
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `"${String(method)}" is not in the contract.` },
      });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input);
  },
  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});

contextBridge.exposeInMainWorld('workbench', bridge);
