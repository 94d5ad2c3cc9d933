/**
 * An Event API as AppSync Events configures one: the modes that may open a connection, and per
 * channel namespace the modes that may publish and those that may subscribe (a namespace without
 * its own list takes the API's default). Each list is checked on its own, so a namespace whose
 * publishers sign with IAM can let browsers subscribe with an API key.
 */
import type { AppSyncApiConfig, AppSyncAuthMode, AuthProvider } from '../appsync/auth-config.ts';

export interface ChannelNamespace {
  name: string;
  publishAuthModes?: AppSyncAuthMode[];
  subscribeAuthModes?: AppSyncAuthMode[];
}

export interface EventApiConfig {
  apiId: string;
  accountId: string;
  region: string;
  connectionAuthModes: AppSyncAuthMode[];
  defaultPublishAuthModes: AppSyncAuthMode[];
  defaultSubscribeAuthModes: AppSyncAuthMode[];
  namespaces: ChannelNamespace[];
  /** Reached only through an address, naming its host in `x-appsync-domain` (private-api.ts). */
  privateApi?: boolean;
}

export type EventAction = 'connect' | 'publish' | 'subscribe';

export function modesFor(
  config: EventApiConfig,
  action: EventAction,
  namespace: ChannelNamespace | null,
): AppSyncAuthMode[] {
  if (action === 'connect') return config.connectionAuthModes;
  if (action === 'publish') return namespace?.publishAuthModes ?? config.defaultPublishAuthModes;
  return namespace?.subscribeAuthModes ?? config.defaultSubscribeAuthModes;
}

/**
 * The modes as the request authorizer takes them: an API config enabling exactly these, with
 * the sandbox's providers (its JWT issuers, its Lambda authorizer) behind the token modes. A
 * mode the sandbox has no provider for stays off.
 */
export function authorizerConfig(
  config: EventApiConfig,
  modes: readonly AppSyncAuthMode[],
  providers: readonly AuthProvider[],
): AppSyncApiConfig | null {
  const enabled = providers.filter((provider) => modes.includes(provider.mode));
  const [primary, ...additional] = enabled;
  if (!primary) return null;
  return {
    apiId: config.apiId,
    accountId: config.accountId,
    region: config.region,
    primary,
    additional,
  };
}
