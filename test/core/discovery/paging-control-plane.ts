/**
 * A small AppSync control plane speaking the real REST-JSON wire format of `ListGraphqlApis`
 * (`GET /v1/apis?maxResults&nextToken`) with real pagination, which moto does not implement.
 * It reads the region from the request's SigV4 credential scope, as AWS routes by host, and can
 * refuse a region the way AppSync does (403 + `x-amzn-errortype`).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PagingApi {
  name: string;
  apiId: string;
  authenticationType: string;
}

export interface PagingControlPlane {
  url: string;
  /** Every ListGraphqlApis call: region, maxResults, nextToken. */
  calls: { region: string | null; maxResults: string | null; nextToken: string | null }[];
  close(): Promise<void>;
}

function regionOf(req: IncomingMessage): string | null {
  return (
    /Credential=[^/]+\/\d{8}\/([^/]+)\/appsync\//.exec(req.headers.authorization ?? '')?.[1] ?? null
  );
}

export async function startPagingControlPlane(options: {
  apis: Record<string, PagingApi[]>;
  deniedRegions?: string[];
}): Promise<PagingControlPlane> {
  const calls: PagingControlPlane['calls'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const region = regionOf(req);
    if (req.method !== 'GET' || url.pathname !== '/v1/apis') {
      res
        .writeHead(404, { 'x-amzn-errortype': 'NotFoundException' })
        .end('{"message":"no such path"}');
      return;
    }
    const maxResults = url.searchParams.get('maxResults');
    const nextToken = url.searchParams.get('nextToken');
    calls.push({ region, maxResults, nextToken });
    if (region && options.deniedRegions?.includes(region)) {
      res
        .writeHead(403, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'AccessDeniedException',
        })
        .end(
          JSON.stringify({ message: 'User is not authorized to perform: appsync:ListGraphqlApis' }),
        );
      return;
    }
    const all = options.apis[region ?? ''] ?? [];
    const size = Number(maxResults ?? 25);
    const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
    const page = all.slice(start, start + size);
    const next =
      start + size < all.length
        ? Buffer.from(String(start + size)).toString('base64url')
        : undefined;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        graphqlApis: page.map((api) => ({
          ...api,
          arn: `arn:aws:appsync:${region}:123456789012:apis/${api.apiId}`,
          uris: {
            GRAPHQL: `https://${api.apiId}.appsync-api.${region}.amazonaws.com/graphql`,
            REALTIME: `wss://${api.apiId}.appsync-realtime-api.${region}.amazonaws.com/graphql`,
          },
          apiType: 'GRAPHQL',
          introspectionConfig: 'ENABLED',
        })),
        ...(next ? { nextToken: next } : {}),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
