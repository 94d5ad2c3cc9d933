/**
 * Reading `~/.aws/config` and `~/.aws/credentials` with the AWS SDK's own loader, plus a check
 * of what that loader silently drops: it swallows unreadable files and skips lines it does not
 * understand, and the user deserves to know both (the AWS CLI refuses such files outright).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/core/config';
import type { ConfigFileProblem } from '../../../shared/profiles.ts';
import type { CoreEnvironment } from '../environment.ts';
import { findIgnoredLines } from './ignored-lines.ts';

export type IniSection = Record<string, string | undefined>;
export type IniData = Record<string, IniSection>;

export interface AwsFilePaths {
  configFile: string;
  credentialsFile: string;
}

export interface AwsFiles extends AwsFilePaths {
  config: IniData;
  credentials: IniData;
  ssoSessions: IniData;
  problems: ConfigFileProblem[];
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

export function awsFilePaths({
  env,
  homeDir,
}: Pick<CoreEnvironment, 'env' | 'homeDir'>): AwsFilePaths {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || join(homeDir, '.aws', 'config'), homeDir),
    credentialsFile: expandHome(
      env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir, '.aws', 'credentials'),
      homeDir,
    ),
  };
}

export async function loadAwsFiles(paths: AwsFilePaths): Promise<AwsFiles> {
  const [loaded, ssoSessions, configProblems, credentialsProblems] = await Promise.all([
    loadSharedConfigFiles({
      configFilepath: paths.configFile,
      filepath: paths.credentialsFile,
      ignoreCache: true,
    }),
    loadSsoSessionData({ configFilepath: paths.configFile }),
    checkAwsFile(paths.configFile, 'config'),
    checkAwsFile(paths.credentialsFile, 'credentials'),
  ]);
  return {
    ...paths,
    config: profilesOnly(loaded.configFile as IniData),
    credentials: loaded.credentialsFile as IniData,
    ssoSessions: ssoSessions as IniData,
    problems: [...configProblems, ...credentialsProblems],
  };
}

/** The loader keeps `[sso-session x]` and `[services x]` beside profiles, under dotted keys. */
function profilesOnly(config: IniData): IniData {
  return Object.fromEntries(
    Object.entries(config).filter(
      ([name]) => !name.startsWith('sso-session.') && !name.startsWith('services.'),
    ),
  );
}

async function checkAwsFile(
  file: string,
  kind: 'config' | 'credentials',
): Promise<ConfigFileProblem[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    const why =
      code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
    return [
      {
        file,
        line: null,
        message: `Cannot read this file (${why}); profiles defined in it are not shown.`,
      },
    ];
  }
  return findIgnoredLines(text, file, kind);
}
