/** Builds the core's services for one environment. Every host (desktop, web, CLI) starts here. */
import { ENDPOINT_ENV_PREFIX } from '../../shared/endpoints.ts';
import type { HistorySource } from '../../shared/history.ts';
import type { CodeLanguage, RequestResultDTO } from '../../shared/requests.ts';
import type { SavedRunOptions } from './collections/saved-request-runner.ts';
import { CollectionsService } from './collections/collections-service.ts';
import { RecentCollections } from './collections/recent-collections.ts';
import { ConsoleService } from './console/console-signin.ts';
import { ApiDiscovery } from './discovery/api-discovery.ts';
import { RequestLogs } from './logs/request-logs.ts';
import { OidcSessionService } from './oidc/oidc-session-service.ts';
import { OidcProviderStore } from './oidc/provider-store.ts';
import { CredentialsService } from './credentials/credentials-service.ts';
import { EndpointStore } from './endpoints/endpoint-store.ts';
import type { CoreEnvironment } from './environment.ts';
import { EventsService } from './events/events-service.ts';
import { HistoryRepository } from './history/history-repository.ts';
import { HistoryRetentionSetting } from './history/retention-setting.ts';
import { HistoryWiring } from './history/history-wiring.ts';
import { systemClock, type Clock, type Opener, type Prompter, type SecretVault } from './ports.ts';
import { ProfileService } from './profiles/profile-service.ts';
import { watchAwsFiles } from './profiles/aws-files-watcher.ts';
import { RealtimeService } from './realtime/realtime-service.ts';
import { exportAsCode, type CodeExportRequest } from './requests/code-export.ts';
import type { OidcTokenSource } from './requests/request-auth.ts';
import { RequestService } from './requests/request-service.ts';
import { SchemaService } from './schema/schema-service.ts';
import { SettingsStore } from './settings/settings-store.ts';
import { TabsStore } from './settings/tabs-store.ts';
import { SsoService } from './sso/sso-service.ts';

/** The outside world as the host provides it. */
export interface CorePorts {
  prompter: Prompter;
  opener: Opener;
  vault: SecretVault;
  clock?: Clock;
}

export interface WorkbenchCore {
  environment: CoreEnvironment;
  ports: Required<CorePorts>;
  settings: SettingsStore;
  tabs: TabsStore;
  profiles: ProfileService;
  credentials: CredentialsService;
  /** Opens the AWS console as a profile (federation sign-in). */
  console: ConsoleService;
  sso: SsoService;
  endpoints: EndpointStore;
  requests: RequestService;
  /** "Copy as code" for a request to a saved endpoint (no secret in the snippet). */
  copyAsCode(language: CodeLanguage, request: CodeExportRequest): Promise<string>;
  realtime: RealtimeService;
  /** AppSync Events: publish to channels and subscribe to them. */
  events: EventsService;
  schemas: SchemaService;
  history: HistoryRepository;
  /** How much history to keep (a setting, applied to the database). */
  retention: HistoryRetentionSetting;
  /** The collections the user has opened (folders of saved requests). */
  collections: CollectionsService;
  /** Runs a saved request of an opened collection, its scripts told the account it signs as. */
  runSaved(folder: string, id: string, options: SavedRunOptions): Promise<RequestResultDTO>;
  oidcProviders: OidcProviderStore;
  oidc: OidcSessionService;
  discovery: ApiDiscovery;
  /** CloudWatch log lines of an answered request. */
  logs: RequestLogs;
  /** Stops watchers, open sockets and the history database. */
  close(): Promise<void>;
}

export function createWorkbenchCore(
  environment: CoreEnvironment,
  ports: CorePorts,
  source: HistorySource,
): WorkbenchCore {
  const clock = ports.clock ?? systemClock;
  const settings = new SettingsStore(environment.dataDir);
  const credentials = new CredentialsService({ environment, prompter: ports.prompter, clock });
  const endpoints = new EndpointStore(environment.dataDir, ports.vault, clock);
  const activeProfile = async () => (await settings.get()).activeProfile;
  const oidcProviders = new OidcProviderStore(environment.dataDir, ports.vault);
  const oidc = new OidcSessionService({
    providers: oidcProviders,
    vault: ports.vault,
    opener: ports.opener,
    prompter: ports.prompter,
    clock,
  });
  // Endpoints bound to an OIDC provider send its live token (refreshed as needed).
  const oidcTokens: OidcTokenSource = (provider, options) => oidc.tokenFor(provider, options);
  const requests = new RequestService({
    environment,
    envPrefix: ENDPOINT_ENV_PREFIX,
    // Every run is confirmed here, wherever it starts (a tab, the tree, a collection run).
    prompter: ports.prompter,
    settings,
    credentials,
    vault: ports.vault,
    endpoints,
    activeProfile,
    clock,
    oidcTokens,
  });
  // GraphQL subscriptions and AppSync Events resolve auth, and ask, the same way.
  const realtimeDeps = {
    env: environment.env,
    envPrefix: ENDPOINT_ENV_PREFIX,
    prompter: ports.prompter,
    settings,
    credentials,
    vault: ports.vault,
    activeProfile,
    clock,
    oidcTokens,
  };
  const realtime = new RealtimeService({ ...realtimeDeps, endpoints });
  const events = new EventsService({
    ...realtimeDeps,
    // One HTTP transport (proxies, CAs, keep-alive) for GraphQL and Events, closed with the core.
    transport: requests.transport,
    endpoints,
  });
  const history = HistoryRepository.open(environment.dataDir, { clock });
  const retention = new HistoryRetentionSetting(settings, history);
  void retention.applySaved();
  const collections = new CollectionsService({
    dataDir: environment.dataDir,
    vault: ports.vault,
    recent: new RecentCollections(settings),
  });

  // Every run is recorded, whoever started it: the wiring the CLI uses too.
  const recorder = new HistoryWiring({
    source,
    history: () => history,
    endpoints,
    accountOf: (profile) => credentials.knownAccount(profile),
  });
  recorder.requests(requests);
  recorder.realtime(realtime);
  recorder.events(events);

  // One watcher of ~/.aws; credentials and the profile list subscribe to it.
  const awsFiles = watchAwsFiles(environment);
  const stopCredentials = credentials.watch(awsFiles);
  return {
    environment,
    ports: { ...ports, clock },
    settings,
    tabs: new TabsStore(environment.dataDir),
    profiles: new ProfileService(environment, settings, awsFiles),
    credentials,
    console: new ConsoleService({
      credentials,
      env: environment.env,
      opener: ports.opener,
      clock,
    }),
    sso: new SsoService({ environment, opener: ports.opener, prompter: ports.prompter, clock }),
    endpoints,
    requests,
    copyAsCode: (language, request) =>
      exportAsCode(language, request, { endpoints, credentials, activeProfile }),
    realtime,
    events,
    schemas: new SchemaService({
      environment,
      credentials,
      requests,
      endpoints,
      activeProfile,
      clock,
    }),
    history,
    retention,
    collections,
    runSaved: (folder, id, options) =>
      collections.run(
        folder,
        id,
        { accountOf: (name) => (name ? credentials.knownAccount(name) : null), ...options },
        requests,
      ),
    oidcProviders,
    oidc,
    discovery: new ApiDiscovery({ environment, credentials, activeProfile }),
    logs: new RequestLogs({ environment, credentials, clock, activeProfile }),
    async close() {
      stopCredentials();
      awsFiles.close();
      await Promise.all([realtime.stopAll(), events.stopAll()]);
      await requests.transport.close();
      // Records still waiting for a name or a test outcome are written before the database closes.
      await recorder.settled();
      history.close();
      collections.close();
    },
  };
}
