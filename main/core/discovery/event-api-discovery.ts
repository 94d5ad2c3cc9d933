/**
 * The Event APIs (AppSync Events) of one region: every page of `ListApis`, and for each API
 * every page of `ListChannelNamespaces`, with the modes each namespace lets publish and
 * subscribe (a namespace without its own list takes the API's defaults, as AppSync does).
 */
import {
  ListApisCommand,
  ListChannelNamespacesCommand,
  type Api,
  type AppSyncClient,
  type AuthMode,
} from '@aws-sdk/client-appsync';
import { isAuthModeType } from '../../../shared/discovery.ts';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import type { ChannelNamespaceDTO, DiscoveredEventApiDTO } from '../../../shared/events.ts';

type Page<T> = { items: T[]; nextToken: string | undefined };

/** Every page of a listing; a control plane handing back a token it gave before stops it. */
async function allPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken || undefined;
    if (nextToken && seen.has(nextToken)) break;
    if (nextToken) seen.add(nextToken);
  } while (nextToken);
  return items;
}

function modes(list: AuthMode[] | undefined): AuthModeType[] {
  const out: AuthModeType[] = [];
  for (const mode of list ?? []) {
    if (mode.authType && isAuthModeType(mode.authType) && !out.includes(mode.authType)) {
      out.push(mode.authType);
    }
  }
  return out;
}

export async function listEventApis(
  client: AppSyncClient,
  region: string,
  signal: AbortSignal | undefined,
): Promise<DiscoveredEventApiDTO[]> {
  const options = signal ? { abortSignal: signal } : {};
  const apis = await allPages<Api>(async (nextToken) => {
    const page = await client.send(new ListApisCommand(nextToken ? { nextToken } : {}), options);
    return { items: page.apis ?? [], nextToken: page.nextToken };
  });
  return Promise.all(
    apis.map(async (api): Promise<DiscoveredEventApiDTO> => {
      const config = api.eventConfig;
      const namespaces = api.apiId
        ? await allPages(async (nextToken) => {
            const page = await client.send(
              new ListChannelNamespacesCommand({
                apiId: api.apiId,
                ...(nextToken ? { nextToken } : {}),
              }),
              options,
            );
            return { items: page.channelNamespaces ?? [], nextToken: page.nextToken };
          })
        : [];
      const publishDefault = modes(config?.defaultPublishAuthModes);
      const subscribeDefault = modes(config?.defaultSubscribeAuthModes);
      return {
        name: api.name ?? api.apiId ?? '(unnamed)',
        apiId: api.apiId ?? '',
        region,
        arn: api.apiArn ?? null,
        httpUrl: api.dns?.HTTP ? `https://${api.dns.HTTP}/event` : null,
        realtimeUrl: api.dns?.REALTIME ? `wss://${api.dns.REALTIME}/event/realtime` : null,
        connectionAuthModes: modes(config?.connectionAuthModes),
        namespaces: namespaces.map((ns): ChannelNamespaceDTO => ({
          name: ns.name ?? '',
          publishAuthModes: ns.publishAuthModes?.length
            ? modes(ns.publishAuthModes)
            : publishDefault,
          subscribeAuthModes: ns.subscribeAuthModes?.length
            ? modes(ns.subscribeAuthModes)
            : subscribeDefault,
        })),
      };
    }),
  );
}
