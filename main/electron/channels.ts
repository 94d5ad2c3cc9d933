/**
 * The Electron transport's two channels. They carry contract calls and events; the contract's
 * own method and event names travel inside them, so no other channel exists.
 */
export const INVOKE_CHANNEL = 'workbench:invoke';
export const EVENT_CHANNEL = 'workbench:event';
export const APP_ORIGIN = 'app://workbench';
