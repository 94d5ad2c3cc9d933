/**
 * A local IAM Identity Center (the sandbox's AWS peers over real sockets), a temporary HOME,
 * one shared fake clock, and small fakes for the person: a prompter that remembers the code it
 * was shown and a browser that approves what it is sent to.
 */
import type { DeviceCodePrompt, Opener, Prompter } from '../../../main/core/ports.ts';
import { SsoService } from '../../../main/core/sso/sso-service.ts';
import { startAwsPeers, type AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { SsoCall, SsoFixture } from '../../../main/sandbox/sso/sso-fixture.ts';
import { makeAwsHome, type AwsHome } from '../../support/aws-home.ts';

export const START_URL = 'https://corp.awsapps.com/start';

export function ssoConfig(extra = ''): string {
  return `[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
region = us-west-2

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
${extra}`;
}

/** The same config with the SSO endpoints in a `[services]` section, as the SDKs and botocore read it. */
export function ssoConfigWithServices(url: string): string {
  return ssoConfig(
    `\n[services local]\nsso_oidc =\n  endpoint_url = ${url}\nsso =\n  endpoint_url = ${url}\n`,
  ).replace('region = us-west-2', 'region = us-west-2\nservices = local');
}

export const ACCOUNTS: SsoFixture['accounts'] = [
  { accountId: '111111111111', accountName: 'ops', roles: ['Admin', 'ReadOnly'] },
  { accountId: '222222222222', accountName: 'dev', roles: ['Developer'] },
];

export interface Harness {
  peers: AwsPeers;
  home: AwsHome;
  clock: { t: number; now(): number };
  /** Every wait the service asked for, in ms. */
  waits: number[];
  prompts: DeviceCodePrompt[];
  promptSignals: AbortSignal[];
  opened: string[];
  service: SsoService;
  /** Runs before each wait ends: the person acting while the app waits. */
  onWait: (index: number, ms: number) => void | Promise<void>;
  /** How far each wait really moves the clock (default: exactly as asked). */
  advance: (index: number, ms: number) => number;
  /** What the browser does with an opened URL (default: nothing), on its own time. */
  browser: (url: string) => Promise<unknown>;
  /** The pages the browser ended on, in order. */
  pages: Promise<unknown>[];
  close(): Promise<void>;
}

export async function makeHarness(
  options: { sso?: SsoFixture; config?: string; env?: Record<string, string> } = {},
): Promise<Harness> {
  const clock = { t: Date.now(), now: () => clock.t };
  const peers = await startAwsPeers({
    fixture: { sso: { startUrl: START_URL, accounts: ACCOUNTS, ...options.sso } },
    clock,
  });
  const home = await makeAwsHome({ config: options.config ?? ssoConfig() });
  const h = {} as Harness;
  const prompter: Prompter = {
    mfaCode: () => Promise.reject(new Error('no MFA in SSO tests')),
    confirm: () => Promise.resolve(false),
    showDeviceCode(prompt, signal) {
      h.prompts.push(prompt);
      h.promptSignals.push(signal);
    },
  };
  const opener: Opener = {
    async open(url) {
      h.opened.push(url);
      // A real browser acts on its own time: the app does not wait for it.
      const page = h.browser(url);
      page.catch(() => undefined);
      h.pages.push(page);
    },
  };
  Object.assign(h, {
    peers,
    home,
    clock,
    waits: [],
    prompts: [],
    promptSignals: [],
    opened: [],
    pages: [],
    onWait: () => undefined,
    advance: (_: number, ms: number) => ms,
    browser: async () => undefined,
    close: () => peers.close(),
  });
  h.service = new SsoService({
    environment: home.environment({ AWS_ENDPOINT_URL: peers.url, ...options.env }),
    opener,
    prompter,
    clock,
    async wait(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      const index = h.waits.push(ms) - 1;
      await h.onWait(index, ms);
      clock.t += h.advance(index, ms);
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  });
  return h;
}

/**
 * What a person does in the browser on the local authorize page: press "Allow". Answers the
 * page the browser lands on at the loopback redirect.
 */
export async function approveInBrowser(url: string, decision = 'approve'): Promise<string> {
  const page = await fetch(url);
  if (page.status !== 200)
    throw new Error(`authorize page answered ${page.status}: ${await page.text()}`);
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('decision', decision);
  const answer = await fetch(new URL('/authorize', url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`authorize answered ${answer.status}`);
  return (await fetch(location)).text();
}

/** Signs in through the device flow; the person approves the code while the app waits. */
export async function signIn(h: Harness): Promise<void> {
  const shown = h.prompts.length;
  h.onWait = (index) => {
    if (index === h.waits.length - 1 && h.prompts.length > shown && !approved) {
      approved = true;
      h.peers.approveDeviceCode(h.prompts.at(-1)!.userCode!);
    }
  };
  let approved = false;
  await h.service.login({ session: 'corp' }, { flow: 'device' });
  h.onWait = () => undefined;
}

/** The calls the local IAM Identity Center answered (not STS), in order. */
export function ssoCalls(h: Harness): SsoCall[] {
  return h.peers.calls.filter((c): c is SsoCall => c.service !== 'sts');
}
