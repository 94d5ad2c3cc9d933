/**
 * Reading `~/.aws/config` and `~/.aws/credentials` with the AWS SDK's own loader, plus a check
 * of what that loader silently drops: it swallows unreadable files and skips lines it does not
 * understand, and the user deserves to know both (the AWS CLI refuses such files outright).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
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

/** The CLI and the SDKs always use this folder, whatever AWS_CONFIG_FILE says. */
export function ssoCacheDir(homeDir: string): string {
  return join(homeDir, '.aws', 'sso', 'cache');
}

/** What reading one AWS file gave: its text, or why there is none. */
export type AwsFileText = { text: string } | { missing: true } | { unreadable: string };

/** The texts of both files: what a listing is computed from, and what says it must be redone. */
export interface AwsFileTexts {
  config: AwsFileText;
  credentials: AwsFileText;
  /** A digest of both, equal exactly when their contents (or reasons to be absent) are. */
  readonly digest: string;
}

async function readAwsFile(file: string): Promise<AwsFileText> {
  try {
    return { text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    const why =
      code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
    return { unreadable: why ?? 'unknown error' };
  }
}

export async function readAwsTexts(paths: AwsFilePaths): Promise<AwsFileTexts> {
  const [config, credentials] = await Promise.all([
    readAwsFile(paths.configFile),
    readAwsFile(paths.credentialsFile),
  ]);
  // Worked out when first compared: a one-shot listing (the CLI's) never loads node:crypto.
  let digest: string | undefined;
  return {
    config,
    credentials,
    get digest() {
      return (digest ??= createHash('sha256')
        .update(JSON.stringify([config, credentials]))
        .digest('hex'));
    },
  };
}

function problemsOf(read: AwsFileText, file: string, kind: 'config' | 'credentials') {
  if ('text' in read) return findIgnoredLines(read.text, file, kind);
  if ('missing' in read) return [];
  const message = `Cannot read this file (${read.unreadable}); profiles defined in it are not shown.`;
  return [{ file, line: null, message }];
}

/** Parses the files with the SDK's own loader; the problems come from the texts read before. */
export async function parseAwsFiles(paths: AwsFilePaths, texts: AwsFileTexts): Promise<AwsFiles> {
  const loaded = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  const config = loaded.configFile as IniData;
  return {
    ...paths,
    config: profilesOnly(config),
    credentials: loaded.credentialsFile as IniData,
    ssoSessions: ssoSessionsOf(config),
    problems: [
      ...problemsOf(texts.config, paths.configFile, 'config'),
      ...problemsOf(texts.credentials, paths.credentialsFile, 'credentials'),
    ],
  };
}

export async function loadAwsFiles(paths: AwsFilePaths): Promise<AwsFiles> {
  return parseAwsFiles(paths, await readAwsTexts(paths));
}

/**
 * `[sso-session x]` sections, as the SDK's loadSsoSessionData gives them (it would parse the
 * config file a second time to find what the first parse already holds under `sso-session.x`).
 */
function ssoSessionsOf(config: IniData): IniData {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([name]) => name.startsWith('sso-session.'))
      .map(([name, section]) => [name.slice('sso-session.'.length), section]),
  );
}

/** The loader keeps `[sso-session x]` and `[services x]` beside profiles, under dotted keys. */
function profilesOnly(config: IniData): IniData {
  return Object.fromEntries(
    Object.entries(config).filter(
      ([name]) => !name.startsWith('sso-session.') && !name.startsWith('services.'),
    ),
  );
}
