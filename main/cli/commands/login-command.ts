/**
 * `appsync-workbench login <name> [--device]` and `logout <name>`: sign in to an OIDC provider
 * in the system browser (loopback redirect; the URL is printed and opened with $BROWSER or the
 * OS default) or with a device code (the verification URL and code are printed), and sign out.
 * Only the identity is printed, never a token.
 */
import { parseArgs } from 'node:util';
import type { OidcIdentityDTO } from '../../../shared/oidc.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export function describeIdentity(identity: OidcIdentityDTO): string {
  const who = [identity.subject, identity.email ? `<${identity.email}>` : null]
    .filter(Boolean)
    .join(' ');
  const until =
    identity.expiresAt === null
      ? ''
      : `, token valid until ${new Date(identity.expiresAt).toISOString()}`;
  return `${who} at ${identity.issuer}${until}${identity.refreshable ? ' (renewed automatically)' : ''}`;
}

function oneName(positionals: string[], command: string): string {
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError(`${command} takes exactly one provider name.`);
  return name;
}

export async function loginCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { device: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const name = oneName(positionals, 'login');
  const { sessions } = await cli.oidc();
  const identity = await sessions.login(name, {
    flow: values.device ? 'device' : 'browser',
    signal: cli.io.signal,
  });
  cli.out(`Signed in to "${name}" as ${describeIdentity(identity)}.`);
  return EXIT.ok;
}

export async function logoutCommand(args: string[], cli: CliContext): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const name = oneName(positionals, 'logout');
  const { sessions } = await cli.oidc();
  const result = await sessions.signOut(name);
  if (!result.wasSignedIn) cli.out(`You were not signed in to "${name}".`);
  else
    cli.out(
      `Signed out of "${name}"${result.revoked ? '; the provider revoked the tokens' : '; the tokens are forgotten here (the provider offers no revocation or could not be reached)'}.`,
    );
  return EXIT.ok;
}
