/**
 * `appsync-workbench whoami --profile P [--json]`: account, ARN, user id and expiry — no secret.
 * `whoami --oidc NAME [--json]`: who is signed in to an OIDC provider (subject, issuer, expiry) —
 * no token.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

async function oidcWhoami(name: string, json: boolean, cli: CliContext): Promise<number> {
  const identity = await (await cli.oidc()).sessions.identity(name);
  if (!identity) {
    throw new AppError(
      'UNAUTHORIZED',
      `You are not signed in to OIDC provider "${name}". Sign in: appsync-workbench login ${name}`,
    );
  }
  const expiresAt = identity.expiresAt === null ? null : new Date(identity.expiresAt).toISOString();
  if (json) {
    cli.out(
      JSON.stringify({
        provider: identity.provider,
        issuer: identity.issuer,
        subject: identity.subject,
        name: identity.name,
        email: identity.email,
        expiresAt,
        refreshable: identity.refreshable,
        tokenUse: identity.tokenUse,
      }),
    );
  } else {
    cli.out(
      [
        `provider    ${identity.provider}`,
        `issuer      ${identity.issuer}`,
        `subject     ${identity.subject}`,
        ...(identity.email ? [`email       ${identity.email}`] : []),
        `expires     ${expiresAt ?? 'unknown'}${identity.refreshable ? ' (renewed automatically)' : ''}`,
      ].join('\n'),
    );
  }
  return EXIT.ok;
}

export async function whoamiCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, oidc: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (values.oidc !== undefined) {
    if (values.profile !== undefined) throw new UsageError('use only one of --profile and --oidc.');
    return oidcWhoami(values.oidc, values.json === true, cli);
  }
  const profile = values.profile ?? (await (await cli.profiles()).list()).active;
  if (!profile) throw new UsageError('no profile: pass --profile NAME (or set AWS_PROFILE).');
  const who = await (await cli.credentials()).identity(profile, { signal: cli.io.signal });
  const expiration = who.expiresAt === null ? null : new Date(who.expiresAt).toISOString();
  if (values.json) {
    cli.out(
      JSON.stringify({
        profile,
        account: who.account,
        arn: who.arn,
        userId: who.userId,
        expiration,
      }),
    );
  } else {
    cli.out(
      [
        `profile     ${profile}`,
        `account     ${who.account}`,
        `arn         ${who.arn}`,
        `userId      ${who.userId}`,
        `expiration  ${expiration ?? 'never (long-term keys)'}`,
      ].join('\n'),
    );
  }
  return EXIT.ok;
}
