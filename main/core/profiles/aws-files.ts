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

/** Mirrors the loader's own comment rule, so we flag exactly the lines it would ignore. */
function stripComment(line: string): string {
  return (line.split(/(^|\s)[;#]/)[0] ?? '').trim();
}

const CONFIG_SECTION = /^(default|profile \S+|sso-session \S+|services \S+)$/;

/** Lines of an AWS file that the SDK's loader would skip or reject, with their line numbers. */
export function findIgnoredLines(
  text: string,
  file: string,
  kind: 'config' | 'credentials',
): ConfigFileProblem[] {
  const problems: ConfigFileProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  let inSection = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw);
    if (content === '') return;
    if (content.startsWith('[')) {
      if (!content.endsWith(']')) {
        inSection = false;
        report(line, `"${content}" is not a section header (no closing "]"); it is ignored.`);
        return;
      }
      const name = content.slice(1, -1).trim();
      inSection = true;
      if (name === '__proto__' || name === 'profile __proto__') {
        report(
          line,
          `"${name}" is not an allowed profile name: the AWS SDK ignores this whole file.`,
        );
      } else if (kind === 'config' && !CONFIG_SECTION.test(name)) {
        report(line, `[${name}] is ignored in the config file: write it as [profile ${name}].`);
      } else if (kind === 'credentials' && name.startsWith('profile ')) {
        report(
          line,
          `[${name}] is ignored in the credentials file: write it as [${name.slice(8)}].`,
        );
      }
      return;
    }
    if (!inSection) {
      report(line, 'This line is outside any [section]; it is ignored.');
      return;
    }
    const equals = content.indexOf('=');
    if (equals <= 0) {
      report(line, `"${content.slice(0, 40)}" is not a "key = value" line; it is ignored.`);
    }
  });
  return problems;
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
