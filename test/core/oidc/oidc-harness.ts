/**
 * A real identity provider (`oidc-provider` on 127.0.0.1), a temporary data dir with the real
 * file vault, and small fakes for the person: a browser that signs in on the provider's pages
 * when the app opens the authorization URL, and a prompter that remembers device codes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceCodePrompt, Opener, Prompter } from '../../../main/core/ports.ts';
import { OidcProviderStore } from '../../../main/core/oidc/provider-store.ts';
import { OidcSessionService } from '../../../main/core/oidc/oidc-session-service.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import {
  startOidcProvider,
  type TestOidcProvider,
  type TestOidcProviderOptions,
} from '../../support/oidc-provider.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

export interface OidcHarness {
  op: TestOidcProvider;
  dataDir: string;
  vault: FileVault;
  providers: OidcProviderStore;
  service: OidcSessionService;
  clock: { offset: number; now(): number };
  /** URLs the app opened in "the system browser". */
  opened: string[];
  prompts: DeviceCodePrompt[];
  /** What the browser does with an opened URL (default: signs in on the provider's pages). */
  browser: (url: string) => Promise<void>;
  /** Errors the fake browser met (a test should find none unless it expects them). */
  browserErrors: unknown[];
  /** What the person does while the device flow waits (index of the wait). */
  onWait: (index: number) => Promise<void>;
  waits: number[];
  close(): Promise<void>;
}

export async function makeOidcHarness(
  options: TestOidcProviderOptions & { refreshMarginMs?: number } = {},
): Promise<OidcHarness> {
  const op = await startOidcProvider(options);
  const dataDir = await makeTempDir('oidc');
  const vault = new FileVault(dataDir);
  const providers = new OidcProviderStore(dataDir, vault);
  const clock = { offset: 0, now: () => Date.now() + clock.offset };
  const harness: OidcHarness = {
    op,
    dataDir,
    vault,
    providers,
    clock,
    opened: [],
    prompts: [],
    browserErrors: [],
    waits: [],
    browser: async (url) => {
      await op.completeLogin(url);
    },
    onWait: async () => undefined,
    service: undefined as unknown as OidcSessionService,
    close: () => op.close(),
  };
  const opener: Opener = {
    open: async (url) => {
      harness.opened.push(url);
      // The browser acts on its own time, as a real one would: the app does not wait for it.
      harness.browser(url).catch((error: unknown) => harness.browserErrors.push(error));
    },
  };
  const prompter: Prompter = {
    mfaCode: () => Promise.reject(new Error('no MFA in OIDC tests')),
    confirm: () => Promise.resolve(true),
    showDeviceCode: (prompt) => {
      harness.prompts.push(prompt);
    },
  };
  harness.service = new OidcSessionService({
    providers,
    vault,
    opener,
    prompter,
    clock,
    ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs }),
    wait: async (ms, signal) => {
      harness.waits.push(ms);
      signal?.throwIfAborted();
      await harness.onWait(harness.waits.length - 1);
    },
  });
  return harness;
}

/** Adds the test provider's public client under `name`. */
export async function addTestProvider(
  harness: OidcHarness,
  name = 'local',
  extra: { scopes?: string[]; authorizationParams?: Record<string, string> } = {},
): Promise<void> {
  await harness.providers.add({
    name,
    issuer: harness.op.issuer,
    clientId: harness.op.clientId,
    scopes: extra.scopes ?? ['openid', 'offline_access', 'profile', 'email'],
    ...(extra.authorizationParams ? { authorizationParams: extra.authorizationParams } : {}),
  });
}

/** The tokens the vault holds for a provider (tests only: the app never reads them out). */
export async function vaultTokens(
  harness: OidcHarness,
  name = 'local',
): Promise<{ idToken: string; accessToken: string; refreshToken: string | null }> {
  const text = await harness.vault.get(`oidc:${name}:tokens`);
  if (!text) throw new Error(`no tokens for ${name}`);
  return JSON.parse(text) as { idToken: string; accessToken: string; refreshToken: string | null };
}

/** Every file under the data dir except the vault's, with its text. */
export async function dataFilesOutsideVault(dataDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.startsWith(join(dataDir, 'vault'))) continue;
    files.set(path, await readFile(path, 'utf8'));
  }
  return files;
}

export async function whoamiWith(
  graphqlUrl: string,
  token: string,
): Promise<{
  status: number;
  body: { data?: { whoami?: Record<string, unknown> }; errors?: unknown[] };
}> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: 'query { whoami { authMode sub issuer } }' }),
  });
  return { status: response.status, body: (await response.json()) as never };
}
