/** `appsync-workbench whoami --profile P [--json]`: account, ARN, user id and expiry — no secret. */
import { parseArgs } from 'node:util';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export async function whoamiCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
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
