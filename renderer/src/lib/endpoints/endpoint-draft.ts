/**
 * The endpoint form's model: editable drafts of an endpoint and its auth modes, converted to and
 * from the contract's EndpointInput. A typed secret stays in the draft only until it is sent.
 */
import type { CurlImportDTO } from '../../../../shared/curl-import.ts';
import type {
  AuthMode,
  AuthModeType,
  EndpointDTO,
  EndpointInput,
} from '../../../../shared/endpoints.ts';

export interface ModeDraft {
  type: AuthModeType;
  profile: string | null;
  region: string;
  service: string;
  from: 'vault' | 'env' | 'oidc';
  variable: string;
  /** OIDC / Cognito: the signed-in provider whose token is sent. */
  provider: string;
  /** A newly typed secret value; sent once with endpoints.setSecret, never read back. */
  secret: string;
  hasSecret: boolean;
}

export interface EndpointDraft {
  id: string | null;
  name: string;
  url: string;
  modes: ModeDraft[];
  headers: string;
  /** A private API's VPC endpoint (host or host:port); '' for none. */
  connectTo: string;
  /** The API id when the URL is a custom domain (for its logs); '' for none. */
  apiId: string;
  privateApi: boolean;
}

export function emptyMode(type: AuthModeType = 'AWS_IAM'): ModeDraft {
  return {
    type,
    profile: null,
    region: '',
    service: 'appsync',
    from: 'vault',
    variable: '',
    provider: '',
    secret: '',
    hasSecret: false,
  };
}

export function draftOf(endpoint: EndpointDTO | null): EndpointDraft {
  if (!endpoint) {
    return {
      id: null,
      name: '',
      url: '',
      modes: [emptyMode()],
      headers: '',
      connectTo: '',
      apiId: '',
      privateApi: false,
    };
  }
  return {
    id: endpoint.id,
    name: endpoint.name,
    url: endpoint.url,
    modes: endpoint.authModes.map(modeDraftOf),
    headers: Object.entries(endpoint.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    connectTo: endpoint.connectTo ?? '',
    apiId: endpoint.apiId ?? '',
    privateApi: endpoint.privateApi ?? false,
  };
}

/** A new endpoint for a pasted curl command's URL, with the auth mode the command used. */
export function draftFromCurl(imported: CurlImportDTO): EndpointDraft {
  const draft = draftOf(null);
  const host = URL.canParse(imported.url) ? new URL(imported.url).hostname : '';
  draft.name = (/^[\d.]+$|^\[/.test(host) ? host : host.split('.')[0]) || 'Pasted endpoint';
  draft.url = imported.url;
  draft.connectTo = imported.connectTo ?? '';
  draft.modes = [
    {
      ...emptyMode(imported.authMode ?? 'AWS_IAM'),
      region: imported.region ?? '',
      service: imported.service ?? 'appsync',
    },
  ];
  return draft;
}

function modeDraftOf(mode: AuthMode): ModeDraft {
  if (mode.type === 'AWS_IAM') {
    return {
      ...emptyMode(),
      profile: mode.profile,
      region: mode.region ?? '',
      service: mode.service,
    };
  }
  return {
    ...emptyMode(mode.type),
    from: mode.source.from,
    variable: mode.source.from === 'env' ? mode.source.variable : '',
    provider: mode.source.from === 'oidc' ? mode.source.provider : '',
    hasSecret: mode.source.from === 'vault',
  };
}

export function inputOf(draft: EndpointDraft): EndpointInput {
  const headers: Record<string, string> = {};
  for (const line of draft.headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return {
    name: draft.name.trim(),
    url: draft.url.trim(),
    headers,
    // Sent even when empty: '' clears what the endpoint had.
    connectTo: draft.connectTo.trim(),
    apiId: draft.apiId.trim(),
    ...(draft.privateApi ? { privateApi: true } : {}),
    authModes: draft.modes.map((mode) =>
      mode.type === 'AWS_IAM'
        ? {
            type: 'AWS_IAM',
            profile: mode.profile,
            service: mode.service.trim() || 'appsync',
            ...(mode.region.trim() ? { region: mode.region.trim() } : {}),
          }
        : {
            type: mode.type,
            source:
              mode.from === 'env'
                ? { from: 'env', variable: mode.variable.trim() }
                : mode.from === 'oidc'
                  ? { from: 'oidc', provider: mode.provider.trim() }
                  : // The store rewrites the reference to the endpoint's own vault key.
                    { from: 'vault', secretRef: 'pending' },
          },
    ),
  };
}
