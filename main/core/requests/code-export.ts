/**
 * "Copy as code" for a saved endpoint: picks the auth mode the request would use, the profile
 * and region it would sign with, and hands them to copyAsCode. No secret is read for this.
 */
import { AppError } from '../../../shared/errors.ts';
import type { CodeLanguage } from '../../../shared/requests.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
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
  const auth = request.authMode
    ? endpoint.authModes.find((mode) => mode.type === request.authMode)
    : endpoint.authModes[0];
  if (!auth) {
    throw new AppError(
      'INVALID_INPUT',
      `Endpoint "${endpoint.name}" does not enable ${request.authMode}; choose one of ${endpoint.authModes.map((m) => m.type).join(', ')}.`,
    );
  }
  let profile: string | null = null;
  let region: string | undefined;
  if (auth.type === 'AWS_IAM') {
    profile = await iamProfile(auth, request.profile, deps.activeProfile);
    region = (await iamTarget(auth, new URL(endpoint.url), profile, deps.credentials)).region;
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
    connectTo: request.connectTo || endpoint.connectTo || null,
  });
}
