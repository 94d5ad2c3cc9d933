/**
 * A SchemaService wired as the app wires it, on a temp data folder with no AWS config files:
 * static credentials, an endpoint store, and the request engine, which counts what the schema
 * service sends through it. Shared by the schema tests against the sandbox and the
 * GetIntrospectionSchema cross-check against moto (test/cross-check/schema).
 */
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { RequestService, type RequestRunner } from '../../../main/core/requests/request-service.ts';
import { SchemaService } from '../../../main/core/schema/schema-service.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import {
  StaticCredentialSource,
  type StaticProfile,
} from '../requests/support/static-credential-source.ts';

export interface SchemaWorld {
  environment: CoreEnvironment;
  endpoints: EndpointStore;
  requests: RequestService;
  schemas: SchemaService;
  /** What the schema service sent through the engine: each request's URL or endpoint id. */
  sent: string[];
  /** The URL of each run the engine told history about (`completed`). */
  recorded: string[];
}

export async function schemaWorld(
  env: Record<string, string>,
  profiles: Record<string, StaticProfile>,
): Promise<SchemaWorld> {
  const dataDir = await makeTempDir('schema');
  const environment: CoreEnvironment = {
    env: {
      ...env,
      AWS_CONFIG_FILE: `${dataDir}/no-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${dataDir}/no-credentials`,
    },
    homeDir: dataDir,
    dataDir,
  };
  const vault = new FileVault(dataDir);
  const endpoints = new EndpointStore(dataDir, vault);
  const credentials = new StaticCredentialSource(profiles);
  const requests = new RequestService({ environment, credentials, vault, endpoints });
  const sent: string[] = [];
  const recorded: string[] = [];
  // Count what reaches the network through the engine; history (`completed`) is told nothing.
  requests.on('completed', (run) => recorded.push(run.url));
  const counted: RequestRunner = {
    run: (request, options) => {
      sent.push(request.url ?? request.endpointId ?? '');
      return requests.run(request, options);
    },
  };
  const schemas = new SchemaService({ environment, credentials, requests: counted, endpoints });
  return { environment, endpoints, requests, schemas, sent, recorded };
}
