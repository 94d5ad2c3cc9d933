/**
 * The command line's entry: `appsync-workbench <command> …`. The same core as the desktop app,
 * without Electron. Exit codes: 0 ok, 1 GraphQL errors, 2 usage, 3 credentials or auth
 * refused, 4 network or timeout (130 when interrupted). Errors: one line on stderr.
 */
import { AppError } from '../../shared/errors.ts';
import { processEnvironment, type CoreEnvironment } from '../core/environment.ts';
import { CliContext, UsageError, type CliIo } from './cli-context.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';

export const USAGE = `Usage: appsync-workbench <command> [options]

  profiles [--json]                      list AWS profiles: name, kind, region, chain
  whoami --profile P [--json]            account, ARN, user id and expiry of a profile
  whoami --oidc NAME [--json]            who is signed in to an OIDC provider (no token)
  export-credentials [--profile P] [--format process|env|powershell|fish]
                                         print a profile's live credentials for another tool
  query <url> [--profile P | --api-key-env VAR | --token-env VAR | --oidc NAME [--auth-mode MODE]]
        [--query Q | --query-file F] [--variables JSON | --variables-file F]
        [--operation NAME] [--region R] [--service S] [--header 'K: V']...
        [--connect-to HOST[:PORT]] [--timeout-ms N] [--json]
                                         send one GraphQL request (--connect-to: a private
                                         API's VPC endpoint; signed for the URL's host)
  console --profile P [--service S] [--api-id ID] [--region R] [--print]
                                         open the AWS console as the profile (--print: the
                                         sign-in URL instead, a credential for 15 minutes)
  sandbox [--port N]                     run the local AppSync sandbox
  apis [--profile P] [--region R]... [--json]
                                         list the account's AppSync APIs, auth modes and URLs
  schema <url> [auth options as for query] [--sdl | --json] [--source introspection|control-plane]
        [--api-id ID]                    print the API's schema (SDL by default)
  subscribe <url> [auth options] --query-file F [--variables JSON] [--count N] [--timeout S]
        [--connect-to HOST[:PORT]] [--json]
                                         print subscription events, one per line
  events publish <url> --channel C --event JSON [--event JSON]... [--websocket] [auth options]
        [--connect-to HOST[:PORT]] [--json]
                                         publish to an AppSync Events channel (at most 5 events)
  events subscribe <url> --channel C [--count N] [--timeout S] [auth options]
        [--connect-to HOST[:PORT]] [--json]
                                         print a channel's events (/ns/* for all below), one per line
  oidc add <name> --issuer URL --client-id ID [--client-secret-env VAR] [--scope S]...
        [--param K=V]... [--token id|access] [--redirect-uri URI]
  oidc list [--json] | oidc remove <name>
                                         OIDC providers (shared with the desktop app)
  login <name> [--device]                sign in to an OIDC provider ($BROWSER or the OS browser)
  sso login [--sso-session S | --profile P] [--device]
  sso logout [--sso-session S | --profile P] | sso sessions [--json]
                                         IAM Identity Center sign-in, shared with the AWS CLI
  logout <name>                          sign out of an OIDC provider
  import <export.json|bruno-dir> <collection-dir> [--environment F]... [--json]
                                         import a Postman v2.1 / Insomnia v4 export or a
                                         Bruno collection folder (.bru or YAML)
  logs <request-id> --api-id ID [--profile P] [--region R] [--since 15m] [--json]
                                         CloudWatch log lines of one request (x-amzn-RequestId)
  run <collection-dir>[/<request>] [--env NAME] [--profile P] [--timeout-ms N] [--json]
        [--var K=V]... [--data rows.csv] [--bail] [--reporter junit|json|html FILE]...
                                         run saved requests and their checks; non-zero if any failed

Exit codes: 0 ok, 1 GraphQL errors or a failed check, 2 usage, 3 credentials or auth refused, 4 network or timeout.`;

type Command = (args: string[], cli: CliContext) => Promise<number>;

// Loaded on demand: a command pays only for the modules it uses (process start is most of a
// one-shot command's time; the sandbox alone pulls in graphql-js).
const COMMANDS: Record<string, () => Promise<Command>> = {
  profiles: async () => (await import('./commands/profiles-command.ts')).profilesCommand,
  whoami: async () => (await import('./commands/whoami-command.ts')).whoamiCommand,
  'export-credentials': async () =>
    (await import('./commands/export-credentials-command.ts')).exportCredentialsCommand,
  query: async () => (await import('./commands/query-command.ts')).queryCommand,
  console: async () => (await import('./commands/console-command.ts')).consoleCommand,
  sandbox: async () => (await import('./commands/sandbox-command.ts')).sandboxCommand,
  apis: async () => (await import('./commands/apis-command.ts')).apisCommand,
  schema: async () => (await import('./commands/schema-command.ts')).schemaCommand,
  subscribe: async () => (await import('./commands/subscribe-command.ts')).subscribeCommand,
  events: async () => (await import('./commands/events-command.ts')).eventsCommand,
  oidc: async () => (await import('./commands/oidc-command.ts')).oidcCommand,
  sso: async () => (await import('./commands/sso-command.ts')).ssoCommand,
  login: async () => (await import('./commands/login-command.ts')).loginCommand,
  logout: async () => (await import('./commands/login-command.ts')).logoutCommand,
  import: async () => (await import('./commands/import-command.ts')).importCommand,
  logs: async () => (await import('./commands/logs-command.ts')).logsCommand,
  run: async () => (await import('./commands/run-command.ts')).runCommand,
};

export async function main(
  argv: string[],
  environment: CoreEnvironment = processEnvironment(),
  io?: Partial<CliIo>,
): Promise<number> {
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  if (!io?.signal) process.once('SIGINT', onSigint).once('SIGTERM', onSigint);
  const cli = new CliContext(environment, {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    // Read only when a command prompts: process.stdin builds a stream (~5 ms) on first read.
    get stdin() {
      return io?.stdin ?? process.stdin;
    },
    signal: io?.signal ?? interrupt.signal,
  });
  const [name, ...args] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      cli.out(USAGE);
      return name ? EXIT.ok : EXIT.usage;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load)
      throw new UsageError(
        `unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`,
      );
    return await (
      await load()
    )(args, cli);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      cli.err(`${(error as Error).message} See "appsync-workbench --help".`);
      return EXIT.usage;
    }
    if (error instanceof AppError) {
      // What happened, then what to do, once: some messages already end with their advice.
      const next = (error.details as { next?: unknown } | undefined)?.next;
      const advice = typeof next === 'string' && !error.message.includes(next) ? ` ${next}` : '';
      cli.err(`${error.code}: ${error.message}${advice}`);
      return exitCodeFor(error.code);
    }
    cli.err(`unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT.graphqlErrors;
  } finally {
    await cli.close();
    process.off('SIGINT', onSigint).off('SIGTERM', onSigint);
  }
}
