/**
 * `appsync-workbench sso login [--sso-session S | --profile P] [--device]`, `sso logout …` and
 * `sso sessions [--json]`: IAM Identity Center sign-in from a terminal, as `aws sso login` does,
 * into the token cache the AWS CLI, the SDKs and the app share — so a terminal user never needs
 * the AWS CLI. The browser flow (PKCE, loopback redirect) is the default for an `[sso-session]`;
 * `--device` prints a verification URL and code instead (for a machine without a browser).
 * No token is ever printed.
 */
import { parseArgs } from 'node:util';
import type { SsoSessionDTO, SsoTarget } from '../../../shared/sso.ts';
import type { SsoService } from '../../core/sso/sso-service.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

const SSO_USAGE = `sso login [--sso-session S | --profile P] [--device]
sso logout [--sso-session S | --profile P]
sso sessions [--json]`;

async function ssoService(cli: CliContext): Promise<SsoService> {
  const [{ SsoService }, { TtyPrompter }, { BrowserOpener }] = await Promise.all([
    import('../../core/sso/sso-service.ts'),
    import('../tty-prompter.ts'),
    import('../browser-opener.ts'),
  ]);
  return new SsoService({
    environment: cli.environment,
    opener: new BrowserOpener(cli.environment.env, (line) => cli.note(line)),
    prompter: new TtyPrompter(cli.io),
  });
}

/** The session named, the profile's, AWS_PROFILE's, or the only one there is. */
async function targetOf(
  values: { 'sso-session'?: string | undefined; profile?: string | undefined },
  sso: SsoService,
  cli: CliContext,
): Promise<SsoTarget> {
  if (values['sso-session'] !== undefined && values.profile !== undefined) {
    throw new UsageError('use only one of --sso-session and --profile.');
  }
  if (values['sso-session'] !== undefined) return { session: values['sso-session'] };
  if (values.profile !== undefined) return { profile: values.profile };
  const active = cli.environment.env.AWS_PROFILE;
  if (active) return { profile: active };
  const sessions = await sso.sessions();
  if (sessions.length === 1) return { session: sessions[0]!.name };
  throw new UsageError(
    sessions.length === 0
      ? 'no IAM Identity Center session in your AWS config: add an [sso-session] (aws configure sso).'
      : `name the session: --sso-session ${sessions.map((s) => s.name).join(' | ')}.`,
  );
}

function describe(session: SsoSessionDTO): string {
  const until = session.expiresAt ? ` until ${session.expiresAt}` : '';
  return `${session.name}  ${session.status}${until}  ${session.startUrl}  (${session.region})`;
}

export async function ssoCommand(args: string[], cli: CliContext): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'login' && verb !== 'logout' && verb !== 'sessions') {
    throw new UsageError(`sso takes login, logout or sessions:\n${SSO_USAGE}`);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'sso-session': { type: 'string' },
      profile: { type: 'string' },
      device: { type: 'boolean' },
      'use-device-code': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const sso = await ssoService(cli);
  if (verb === 'sessions') {
    const sessions = await sso.sessions();
    if (values.json) cli.out(JSON.stringify(sessions));
    else if (sessions.length === 0) cli.out('No IAM Identity Center sessions in your AWS config.');
    else for (const session of sessions) cli.out(describe(session));
    return EXIT.ok;
  }
  const target = await targetOf(values, sso, cli);
  if (verb === 'logout') {
    await sso.logout(target);
    cli.out('Signed out: the cached IAM Identity Center token is gone.');
    return EXIT.ok;
  }
  const device = values.device === true || values['use-device-code'] === true;
  const session = await sso.login(target, {
    flow: device ? 'device' : 'pkce',
    signal: cli.io.signal,
  });
  cli.out(`Signed in to ${describe(session)}.`);
  return EXIT.ok;
}
