/**
 * "Copy as code" for a saved endpoint: picks the auth mode the request would use, the profile
 * and region it would sign with, and hands them to copyAsCode. No secret goes into the snippet:
 * of the credentials it learns only whether they carry a session token.
 */
import type { CodeLanguage } from '../../../shared/requests.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import { endpointMode } from '../endpoints/endpoint-mode.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import { copyAsCode } from './copy-as-code.ts';
import { iamProfile, iamTarget } from './request-auth.ts';
import type { RunRequest } from './request-service.ts';

/** A request to a saved endpoint, as the requests engine takes it. */
export type CodeExportRequest = Omit<RunRequest, 'endpointId' | 'url' | 'auth'> & {
  endpointId: string;
};

export async function exportAsCode(
  language: CodeLanguage,
  request: CodeExportRequest,
  deps: {
    endpoints: EndpointStore;
    credentials: CredentialSource;
    activeProfile: () => Promise<string | null>;
  },
): Promise<string> {
  const endpoint = await deps.endpoints.get(request.endpointId);
  const auth = endpointMode(endpoint, request.authMode);
  let profile: string | null = null;
  let region: string | undefined;
  let sessionToken: boolean | undefined;
  if (auth.type === 'AWS_IAM') {
    profile = await iamProfile(auth, request.profile, deps.activeProfile);
    region = (await iamTarget(auth, new URL(endpoint.url), profile, deps.credentials)).region;
    // Usually cached from the run just made; a profile that cannot resolve now keeps the line.
    sessionToken = await deps.credentials.resolve(profile).then(
      (credentials) => Boolean(credentials.sessionToken),
      () => undefined,
    );
  }
  return copyAsCode(language, {
    url: endpoint.url,
    query: request.query,
    variables: request.variables,
    operationName: request.operationName,
    headers: { ...endpoint.headers, ...request.headers },
    auth,
    profile,
    region,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    connectTo: request.connectTo || endpoint.connectTo || null,
  });
}
