/**
 * `appsync-workbench oidc add|list|remove`: the OIDC providers the user signs in with, shared
 * with the desktop app through the data dir. A client secret is read from an environment
 * variable (never the command line) and kept only in the vault.
 */
import { parseArgs } from 'node:util';
import type { OidcIdentityDTO, OidcProviderDTO } from '../../../shared/oidc.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export const OIDC_USAGE =
  'oidc add <name> --issuer URL --client-id ID [--client-secret-env VAR] [--scope S]... [--param K=V]... [--token id|access] [--redirect-uri URI] | oidc list [--json] | oidc remove <name>';

export async function oidcCommand(args: string[], cli: CliContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, cli);
  if (sub === 'list') return list(rest, cli);
  if (sub === 'remove') return remove(rest, cli);
  throw new UsageError(`oidc needs a subcommand: ${OIDC_USAGE}.`);
}

async function add(args: string[], cli: CliContext): Promise<number> {
  for (const arg of args) {
    if (/^--client-secret(=|$)/.test(arg)) {
      throw new UsageError(
        '--client-secret is not accepted: secrets never go on the command line. Use --client-secret-env VAR.',
      );
    }
  }
  const { values, positionals } = parseArgs({
    args,
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-env': { type: 'string' },
      scope: { type: 'string', multiple: true },
      param: { type: 'string', multiple: true },
      token: { type: 'string' },
      'redirect-uri': { type: 'string' },
      replace: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('oidc add takes exactly one provider name.');
  if (!values.issuer) throw new UsageError('oidc add needs --issuer URL.');
  if (!values['client-id']) throw new UsageError('oidc add needs --client-id ID.');
  if (values.token !== undefined && values.token !== 'id' && values.token !== 'access') {
    throw new UsageError('--token is id or access.');
  }
  let clientSecret: string | undefined;
  const secretVar = values['client-secret-env'];
  if (secretVar !== undefined) {
    clientSecret = cli.environment.env[secretVar];
    if (!clientSecret) throw new UsageError(`the environment variable ${secretVar} is not set.`);
  }
  const params: Record<string, string> = {};
  for (const pair of values.param ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--param "${pair}" should look like key=value.`);
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const { providers } = await cli.oidc();
  const added = await providers.add(
    {
      name,
      issuer: values.issuer,
      clientId: values['client-id'],
      ...(clientSecret ? { clientSecret } : {}),
      ...(values.scope
        ? { scopes: values.scope.flatMap((s) => s.split(/\s+/).filter(Boolean)) }
        : {}),
      ...(Object.keys(params).length ? { authorizationParams: params } : {}),
      ...(values.token ? { tokenUse: values.token as 'id' | 'access' } : {}),
      ...(values['redirect-uri'] ? { redirectUri: values['redirect-uri'] } : {}),
    },
    { replace: values.replace === true },
  );
  cli.out(
    `Added OIDC provider "${added.name}" (${added.issuer}). Sign in with: appsync-workbench login ${added.name}`,
  );
  return EXIT.ok;
}

async function list(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const { providers, sessions } = await cli.oidc();
  const all = await providers.list();
  const rows: { provider: OidcProviderDTO; identity: OidcIdentityDTO | null }[] = [];
  for (const provider of all) {
    rows.push({ provider, identity: await sessions.identity(provider.name).catch(() => null) });
  }
  if (values.json) {
    cli.out(
      JSON.stringify(
        rows.map(({ provider, identity }) => ({
          ...provider,
          signedIn: identity
            ? {
                subject: identity.subject,
                expiresAt:
                  identity.expiresAt === null ? null : new Date(identity.expiresAt).toISOString(),
              }
            : null,
        })),
      ),
    );
    return EXIT.ok;
  }
  if (rows.length === 0) {
    cli.out(
      'No OIDC providers. Add one: appsync-workbench oidc add <name> --issuer URL --client-id ID',
    );
    return EXIT.ok;
  }
  const width = Math.max(...rows.map((r) => r.provider.name.length)) + 2;
  for (const { provider, identity } of rows) {
    const who = identity ? `signed in as ${identity.subject}` : 'not signed in';
    cli.out(
      `${provider.name.padEnd(width)}${provider.issuer}  client ${provider.clientId}  ${provider.tokenUse} token  ${who}`,
    );
  }
  return EXIT.ok;
}

async function remove(args: string[], cli: CliContext): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('oidc remove takes exactly one provider name.');
  const { providers, sessions } = await cli.oidc();
  await providers.get(name);
  await sessions.removeProvider(name);
  cli.out(`Removed OIDC provider "${name}" and its sign-in.`);
  return EXIT.ok;
}
