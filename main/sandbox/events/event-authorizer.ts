/**
 * Authorizes one Events action (connect, publish to a namespace, subscribe to one) the way
 * AppSync does: the action's own list of modes, the same RequestAuthorizer as GraphQL (SigV4
 * verified by the sandbox's own verifier as a `POST /event` over the exact signed body, API
 * keys, JWTs of the configured issuers, the Lambda authorizer). A mode outside the list is
 * refused with 401 UnauthorizedException, whatever the credential.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyRing } from '../appsync/api-key-ring.ts';
import { newRequestId, unauthorized } from '../appsync/appsync-response.ts';
import type { AuthProvider } from '../appsync/auth-config.ts';
import { RequestAuthorizer, type AuthOutcome } from '../appsync/request-authorizer.ts';
import type { IdentityStore } from '../identity-store.ts';
import {
  authorizerConfig,
  modesFor,
  type EventAction,
  type EventApiConfig,
} from './event-api-config.ts';
import { EVENT_PATH } from './events-wire.ts';

export interface EventAuthorizerDeps {
  config: EventApiConfig;
  providers: readonly AuthProvider[];
  identities: Pick<IdentityStore, 'lookup'>;
  apiKeys: ApiKeyRing;
  clock: { now(): number };
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
}

export class EventAuthorizer {
  readonly #deps: EventAuthorizerDeps;
  readonly #authorizers = new Map<string, RequestAuthorizer | null>();

  constructor(deps: EventAuthorizerDeps) {
    this.#deps = deps;
  }

  namespace(name: string) {
    return this.#deps.config.namespaces.find((ns) => ns.name === name) ?? null;
  }

  authorize(
    action: EventAction,
    namespace: string | null,
    headers: IncomingHttpHeaders,
    body: string,
  ): Promise<AuthOutcome> {
    const authorizer = this.#authorizer(action, namespace);
    if (!authorizer) return Promise.resolve({ ok: false, refusal: unauthorized() });
    return authorizer.authorize({
      method: 'POST',
      rawPath: EVENT_PATH,
      headers,
      body: Buffer.from(body),
      requestId: newRequestId(),
      operation: { query: body, operationName: action, variables: {} },
    });
  }

  #authorizer(action: EventAction, namespace: string | null): RequestAuthorizer | null {
    const key = `${action}:${namespace ?? ''}`;
    if (!this.#authorizers.has(key)) {
      const { config, providers } = this.#deps;
      const modes = modesFor(config, action, namespace === null ? null : this.namespace(namespace));
      const api = authorizerConfig(config, modes, providers);
      this.#authorizers.set(
        key,
        api &&
          new RequestAuthorizer(api, {
            identities: this.#deps.identities,
            apiKeys: this.#deps.apiKeys,
            clock: this.#deps.clock,
            ...(this.#deps.iamAllows ? { iamAllows: this.#deps.iamAllows } : {}),
          }),
      );
    }
    return this.#authorizers.get(key) ?? null;
  }
}
