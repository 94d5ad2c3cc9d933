/**
 * The demo workspace: the local sandbox's fake AWS profiles and its AppSync API, so a newcomer
 * runs a signed query in one click. It lives in its own data folder, apart from the user's
 * settings, endpoints and history, and points the core at demo AWS files instead of ~/.aws.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { blankTabDraft } from '../../../shared/tabs.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import type { EndpointInput } from '../../../shared/endpoints.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import type { TabsStore } from '../settings/tabs-store.ts';
import { FEDERATION_ENDPOINT_VARIABLE } from '../console/console-signin.ts';
import type { CoreEnvironment } from '../environment.ts';

/** What a host that can run the sandbox hands over when the demo opens. */
export interface DemoSandboxInfo {
  configFile: string;
  credentialsFile: string;
  graphqlUrl: string;
  region: string;
  /** The sandbox's API key: it goes straight into the demo endpoints' vault entries. */
  apiKey: string;
  /** The demo Event API (AppSync Events), `http://127.0.0.1:<port>/event`. */
  eventUrl: string;
  /** A token the sandbox's Lambda authorizer accepts (the Event API's `AWS_LAMBDA` mode). */
  lambdaToken: string;
  profiles: { name: string; purpose: string }[];
  /** The profile to make active first (static keys: no prompt, one click to a result). */
  firstProfile: string;
  /** The sandbox's console sign-in federation endpoint, so "Open AWS console" stays local. */
  federationEndpoint?: string;
}

/** Starts (or reuses) the local sandbox and writes its AWS files into `dir`. */
export interface DemoLauncher {
  start(dir: string): Promise<DemoSandboxInfo>;
  stop(): Promise<void>;
}

export const DEMO_ENDPOINT_NAME = 'Sandbox notes API (demo)';
export const DEMO_EVENT_ENDPOINT_NAME = 'Sandbox Event API (demo)';

/** The demo's first tab: a query of the sandbox's notes API that answers on the first Run. */
export const DEMO_SAMPLE_QUERY = `query ListNotes {
  listNotes(limit: 5) {
    items {
      id
      title
      priority
      done
    }
    nextToken
  }
}
`;

export function demoDataDir(dataDir: string): string {
  return join(dataDir, 'demo-workspace');
}

/** The user's environment, looking at the demo's AWS files and data folder instead. */
export function demoEnvironment(
  environment: CoreEnvironment,
  info: DemoSandboxInfo,
): CoreEnvironment {
  const env = { ...environment.env };
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
    delete env[name];
  }
  return {
    ...environment,
    env: {
      ...env,
      AWS_CONFIG_FILE: info.configFile,
      AWS_SHARED_CREDENTIALS_FILE: info.credentialsFile,
      ...(info.federationEndpoint
        ? { [FEDERATION_ENDPOINT_VARIABLE]: info.federationEndpoint }
        : {}),
    },
    dataDir: demoDataDir(environment.dataDir),
  };
}

/**
 * Makes sure the demo endpoint exists and points at this launch's sandbox (its port changes
 * every start), with IAM as the primary mode and the API key as an additional one.
 */
export async function ensureDemoEndpoint(
  endpoints: EndpointStore,
  info: DemoSandboxInfo,
): Promise<string> {
  const definition = {
    name: DEMO_ENDPOINT_NAME,
    url: info.graphqlUrl,
    authModes: [
      { type: 'AWS_IAM' as const, profile: null, region: info.region, service: 'appsync' },
      { type: 'API_KEY' as const, source: { from: 'vault' as const, secretRef: 'demo' } },
    ],
    headers: {},
  };
  const endpoint = await upsert(endpoints, definition);
  await endpoints.setSecret(endpoint.id, 'API_KEY', info.apiKey);
  return endpoint.id;
}

/**
 * Opens the demo on a tab holding the sample query against the demo endpoint, the first time
 * only: tabs the user already has in the demo workspace are theirs.
 */
export async function ensureDemoFirstTab(tabs: TabsStore, endpointId: string): Promise<void> {
  const saved = await tabs.load();
  if (saved.tabs.length > 0) return;
  const tab = blankTabDraft(randomUUID(), {
    title: 'ListNotes',
    endpointId,
    query: DEMO_SAMPLE_QUERY,
  });
  await tabs.save({ activeId: tab.id, tabs: [tab] }, saved.generation);
}

async function upsert(endpoints: EndpointStore, definition: EndpointInput) {
  const existing = (await endpoints.list()).find((e) => e.name === definition.name);
  return existing ? endpoints.update(existing.id, definition) : endpoints.create(definition);
}

/**
 * The demo Event API as an endpoint: an API key first (one click publishes and subscribes on
 * `default`), then IAM and the Lambda token, each with a namespace of its own on the sandbox
 * (`/iam/…`, `/apikey/…`, `/lambda/…`) so what a mode may do shows by trying.
 */
export async function ensureDemoEventEndpoint(
  endpoints: EndpointStore,
  info: DemoSandboxInfo,
): Promise<string> {
  const endpoint = await upsert(endpoints, {
    name: DEMO_EVENT_ENDPOINT_NAME,
    url: info.eventUrl,
    authModes: [
      { type: 'API_KEY', source: { from: 'vault', secretRef: 'demo' } },
      { type: 'AWS_IAM', profile: null, region: info.region, service: 'appsync' },
      { type: 'AWS_LAMBDA', source: { from: 'vault', secretRef: 'demo' } },
    ],
    headers: {},
  });
  await endpoints.setSecret(endpoint.id, 'API_KEY', info.apiKey);
  await endpoints.setSecret(endpoint.id, 'AWS_LAMBDA', info.lambdaToken);
  return endpoint.id;
}

export function demoWorkspaceDTO(
  info: DemoSandboxInfo,
  endpointId: string,
  eventEndpointId: string,
): WorkspaceDTO['demo'] {
  return {
    graphqlUrl: info.graphqlUrl,
    region: info.region,
    endpointId,
    eventUrl: info.eventUrl,
    eventEndpointId,
    profiles: info.profiles,
  };
}
