/** A temporary HOME with `.aws/config` and `.aws/credentials` written from test text. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoreEnvironment } from '../../main/core/environment.ts';
import { makeTempDir } from './web-host-process.ts';

export interface AwsHome {
  home: string;
  configFile: string;
  credentialsFile: string;
  environment(env?: Record<string, string>): CoreEnvironment;
}

export async function makeAwsHome(files: {
  config?: string;
  credentials?: string;
}): Promise<AwsHome> {
  const home = await makeTempDir('home');
  const awsDir = join(home, '.aws');
  await mkdir(awsDir, { recursive: true });
  const configFile = join(awsDir, 'config');
  const credentialsFile = join(awsDir, 'credentials');
  if (files.config !== undefined) await writeFile(configFile, files.config);
  if (files.credentials !== undefined) await writeFile(credentialsFile, files.credentials);
  return {
    home,
    configFile,
    credentialsFile,
    environment: (env = {}) => ({ env, homeDir: home, dataDir: join(home, 'app-data') }),
  };
}

/** `count` role profiles (credentials from the environment) for the benchmarks' large lists. */
export function manyProfilesConfig(
  count: number,
  name: (i: number) => string = (i) => `team-${i}`,
): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `[profile ${name(i)}]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n`,
  ).join('\n');
}
