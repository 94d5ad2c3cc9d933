/**
 * `appsync-workbench schema <graphql-url> [auth options] [--sdl | --json]`: the API's schema,
 * by the introspection query (authorized as `query` would be) or, with
 * `--source control-plane`, by AppSync's GetIntrospectionSchema (SDL with `@aws_*` directives).
 * Default output: SDL. `--json`: the introspection result (`{"__schema": …}`).
 */
import { parseArgs } from 'node:util';
import { buildClientSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { AUTH_OPTIONS, authModeOf, headersOf, refuseSecretArguments } from '../auth-options.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export async function schemaCommand(args: string[], cli: CliContext): Promise<number> {
  refuseSecretArguments(args);
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...AUTH_OPTIONS,
      sdl: { type: 'boolean' },
      json: { type: 'boolean' },
      source: { type: 'string' },
      'api-id': { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError('schema takes exactly one GraphQL URL.');
  if (values.sdl && values.json) throw new UsageError('use only one of --sdl and --json.');
  const source = values.source ?? 'introspection';
  if (source !== 'introspection' && source !== 'control-plane') {
    throw new UsageError('--source is introspection or control-plane.');
  }
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout-ms is a positive number of milliseconds.');
  const auth = authModeOf(values);
  const headers = headersOf(values);
  const requests = await cli.requests();
  try {
    const schemas = await cli.schema(requests);
    const schema = await schemas.fetch(
      { url, auth, headers, ...(values.profile ? { profile: values.profile } : {}) },
      {
        source,
        signal: cli.io.signal,
        ...(values['api-id'] ? { apiId: values['api-id'] } : {}),
        ...(values.region ? { region: values.region } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      },
    );
    if (values.json) {
      cli.out(JSON.stringify(schema.introspection));
    } else {
      cli.out(
        schema.sdl ??
          printSchema(buildClientSchema(schema.introspection as unknown as IntrospectionQuery)),
      );
    }
  } finally {
    await requests.transport.close();
  }
  return EXIT.ok;
}
