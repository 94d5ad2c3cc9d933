/**
 * The core's only view of the outside world. Composition roots (desktop, web host, CLI) wire
 * real implementations; tests use real ones where they exist (a temp dir, a file vault) and
 * small fakes only for people (a prompter that answers).
 */

/** Secrets at rest: Electron safeStorage on the desktop, a 0600 file for the CLI and web host. */
export interface SecretVault {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MfaPrompt {
  /** The profile being resolved, as the user named it. */
  profile: string;
  /** The hop's role that needs the code. */
  roleArn: string;
  /** The MFA device (`mfa_serial`). */
  serial: string;
}

export interface DeviceCodePrompt {
  verificationUri: string;
  verificationUriComplete: string | null;
  /** The code to check on the page; null when the flow has none (a browser sign-in with PKCE). */
  userCode: string | null;
  expiresAt: number;
  /** What the code is for, e.g. "IAM Identity Center session corp". */
  purpose: string;
}

/**
 * Questions for the person at the keyboard. A cancelled prompt rejects with
 * `AppError('PROMPT_CANCELLED')`; an aborted signal cancels the question.
 */
export interface Prompter {
  mfaCode(prompt: MfaPrompt, signal?: AbortSignal): Promise<string>;
  confirm(message: string, signal?: AbortSignal): Promise<boolean>;
  /** Shows a device-authorization code until `signal` aborts (login finished or cancelled). */
  showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void;
}

/** Opens a URL in the system browser (never an embedded window). */
export interface Opener {
  open(url: string, options?: OpenOptions): Promise<void>;
}

export interface OpenOptions {
  /** The URL is a credential (a console sign-in URL): never printed, kept off command lines. */
  secret?: boolean;
}

/**
 * The system clipboard, written by main on an explicit user action: the one way a secret (an
 * exported credential) leaves the app, and it never passes through the renderer.
 */
export interface Clipboard {
  writeText(text: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The host's own open dialog (Electron's); hosts without one (the web host) have none. */
export interface NativePicker {
  /** The chosen absolute path, or null when the person cancelled. */
  pick(kind: 'folder' | 'file', title: string): Promise<string | null>;
}
