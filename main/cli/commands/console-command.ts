/**
 * `appsync-workbench console --profile P [--service S] [--api-id ID] [--region R] [--print]`:
 * signs in to the AWS console as the profile and opens it in the browser. The sign-in URL is
 * a credential for 15 minutes, so it is printed only with `--print`, and said to be one.
 */
import { parseArgs } from 'node:util';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export async function consoleCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      service: { type: 'string' },
      'api-id': { type: 'string' },
      region: { type: 'string' },
      print: { type: 'boolean' },
    },
    strict: true,
  });
  const profile = values.profile ?? (await (await cli.profiles()).list()).active;
  if (!profile) throw new UsageError('no profile: pass --profile NAME (or set AWS_PROFILE).');
  const [{ ConsoleService }, { launchBrowser }, { CONSOLE_PAGE, writeLaunchPage }, credentials] =
    await Promise.all([
      import('../../core/console/console-signin.ts'),
      import('../browser-opener.ts'),
      import('../../hosting/launch-page.ts'),
      cli.credentials(),
    ]);
  const env = cli.environment.env;
  let launched = false;
  const consoles = new ConsoleService({
    credentials,
    env,
    // The browser gets a private page that forwards to the URL, so `ps` never shows it. The
    // page outlives this process (the browser reads it after we exit); its URL expires anyway.
    opener: {
      open: async (url) => {
        const page = await writeLaunchPage(url, CONSOLE_PAGE);
        launched = await launchBrowser(env, page.url);
      },
    },
  });
  const request = {
    profile,
    service: values.service,
    apiId: values['api-id'],
    region: values.region,
  };
  if (values.print) {
    const signin = await consoles.signin(request, cli.io.signal);
    cli.note(
      `This URL signs anyone who has it in to the AWS console as "${profile}" until ${new Date(signin.signinExpiresAt).toISOString()}: treat it as a password.`,
    );
    cli.out(signin.url);
    return EXIT.ok;
  }
  const opened = await consoles.open(request, cli.io.signal);
  if (!launched) {
    cli.note(
      'No browser could be started (set BROWSER, or install xdg-open). Run again with --print to get the sign-in URL; it is a credential for 15 minutes.',
    );
    return EXIT.graphqlErrors;
  }
  cli.note(`Opened the AWS console as "${profile}" at ${opened.destination}`);
  return EXIT.ok;
}
