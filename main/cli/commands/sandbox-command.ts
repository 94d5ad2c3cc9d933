/**
 * `appsync-workbench sandbox [--port N]`: the local AppSync sandbox in the foreground, with demo
 * AWS profiles written to the app's data dir (never ~/.aws) so a signed query works at once.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoAwsFiles, DEMO_PROFILES } from '../../sandbox/demo-fixture.ts';
import { startSandbox } from '../../sandbox/sandbox-server.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export async function sandboxCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port is a number from 0 to 65535.');
  const sandbox = await startSandbox({ port });
  const files = await writeDemoAwsFiles(join(cli.environment.dataDir, 'sandbox'), {
    endpointUrl: sandbox.url,
    fixture: sandbox.demo,
  });
  cli.out(
    [
      `Sandbox running: ${sandbox.graphqlUrl}`,
      `Demo profiles:   ${files.configFile} and ${files.credentialsFile} (${files.profiles.map((p) => p.name).join(', ')})`,
      `Demo API key:    ${sandbox.apiKey} (fake; works only against this sandbox)`,
      `Try:             AWS_CONFIG_FILE=${files.configFile} AWS_SHARED_CREDENTIALS_FILE=${files.credentialsFile} appsync-workbench query ${sandbox.graphqlUrl} --profile ${DEMO_PROFILES.keys} --query '{ whoami { arn } }'`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (cli.io.signal.aborted) resolve();
    cli.io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  return EXIT.ok;
}
