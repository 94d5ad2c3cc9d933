/**
 * The profiles use case: list the user's AWS profiles, choose the active one (remembered in the
 * app's settings), and tell listeners when `~/.aws` changes on disk.
 */
import { AppError } from '../../../shared/errors.ts';
import type {
  EnvironmentPatterns,
  EnvironmentTag,
  ProfileDTO,
  ProfileListDTO,
  ProfilePageDTO,
} from '../../../shared/profiles.ts';
import { PROFILE_PAGE } from '../../../shared/profiles.ts';
import type { CoreEnvironment } from '../environment.ts';
import type { Settings, SettingsStore } from '../settings/settings-store.ts';
import {
  awsFilePaths,
  parseAwsFiles,
  readAwsTexts,
  type AwsFiles,
  type AwsFileTexts,
} from './aws-files.ts';
import { createEnvironmentTagger } from '../../../shared/environment-tags.ts';
import { parseVirtualProfileName } from './virtual-profile.ts';
import { watchAwsFiles, type AwsFilesWatcher } from './aws-files-watcher.ts';
import { buildProfiles } from './profile-model.ts';

const MAX_RECENT = 10;

// One count for every service in the process (a workspace swapped in never repeats a revision),
// after the process's start time (nor does a host started again). Not node:crypto: the CLI's
// `profiles` never loads it.
const REVISION_PREFIX = Date.now().toString(36);
let revisions = 0;
const nextRevision = () => `${REVISION_PREFIX}.${++revisions}`;

/** The profiles built from one version of the files (and tag patterns), kept until they change. */
interface BuiltProfiles {
  texts: AwsFileTexts;
  patterns: string;
  files: AwsFiles;
  profiles: ProfileDTO[];
  names: ReadonlySet<string>;
}

/** The profiles the last listing showed, under the revision that names them. */
interface Shown {
  built: BuiltProfiles;
  /** The session-picked profiles added to the built ones, one name per line. */
  picked: string;
  profiles: ProfileDTO[];
  names: ReadonlySet<string>;
  revision: string;
}

export class ProfileService {
  readonly #environment: CoreEnvironment;
  readonly #settings: SettingsStore;
  #built: BuiltProfiles | undefined;
  #shown: Shown | undefined;
  /** The files' digest as the last refresh reported them (undefined: none has yet). */
  #reported: Promise<string | undefined> = Promise.resolve(undefined);

  #files: AwsFilesWatcher | undefined;

  /** `files`: the core's one watcher of ~/.aws (a service without one watches on its own). */
  constructor(environment: CoreEnvironment, settings: SettingsStore, files?: AwsFilesWatcher) {
    this.#environment = environment;
    this.#settings = settings;
    this.#files = files;
  }

  /** Reads the files and rebuilds the profiles only when their contents or the tags changed. */
  async #build(settings: Settings): Promise<BuiltProfiles> {
    const paths = awsFilePaths(this.#environment);
    const texts = await readAwsTexts(paths);
    const patterns = JSON.stringify(settings.environmentPatterns);
    const built = this.#built;
    // The first build compares nothing, so the digest is not worked out (see readAwsTexts).
    if (built && built.patterns === patterns && built.texts.digest === texts.digest) return built;
    const files = await parseAwsFiles(paths, texts);
    const tagger = createEnvironmentTagger(settings.environmentPatterns);
    const profiles = buildProfiles(files.config, files.credentials, tagger);
    const names = new Set(profiles.map((p) => p.name));
    this.#built = { texts, patterns, files, profiles, names };
    return this.#built;
  }

  async list(): Promise<ProfileListDTO> {
    const settings = await this.#settings.get();
    return this.#listOf(await this.#build(settings), settings);
  }

  /**
   * The list again if the AWS files' contents changed since the last refresh, else null: an
   * editor's save of the same text, a touch or another file in the folder is no change.
   */
  refresh(): Promise<ProfileListDTO | null> {
    const run = this.#reported.then(async (reported) => {
      // Until a refresh has reported anything, what the last list showed is what is known.
      const known = reported ?? this.#built?.texts.digest;
      const settings = await this.#settings.get();
      const built = await this.#build(settings);
      return {
        digest: built.texts.digest,
        list: built.texts.digest === known ? null : this.#listOf(built, settings),
      };
    });
    this.#reported = run.then(
      (result) => result.digest,
      () => undefined,
    );
    return run.then((result) => result.list);
  }

  #listOf(built: BuiltProfiles, settings: Settings): ProfileListDTO {
    const { env } = this.#environment;
    const { files } = built;
    const { profiles, names, revision } = this.#show(built, settings);
    const problems = [...files.problems];
    const chosen = settings.activeProfile;
    const fromEnv = env.AWS_PROFILE || null;
    if (fromEnv && !names.has(fromEnv)) {
      problems.push({
        file: files.configFile,
        line: null,
        message: `AWS_PROFILE is "${fromEnv}", but no profile of that name exists in either file.`,
      });
    }
    let active: string | null = null;
    let activeSource: ProfileListDTO['activeSource'] = null;
    if (chosen && names.has(chosen)) [active, activeSource] = [chosen, 'chosen'];
    else if (fromEnv && names.has(fromEnv)) [active, activeSource] = [fromEnv, 'environment'];
    else if (names.has('default')) [active, activeSource] = ['default', 'default'];
    return {
      profiles,
      revision,
      active,
      activeSource,
      configFile: files.configFile,
      credentialsFile: files.credentialsFile,
      environmentRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || null,
      problems,
      pinned: settings.pinnedProfiles.filter((name) => names.has(name)),
      recent: settings.recentProfiles.filter((name) => names.has(name)),
      environmentPatterns: settings.environmentPatterns,
    };
  }

  /**
   * The built profiles plus the accounts/roles picked from an SSO session (once the user has used
   * one): the same array and revision as last time when neither changed.
   */
  #show(built: BuiltProfiles, settings: Settings): Shown {
    const picked = [
      ...new Set([settings.activeProfile, ...settings.recentProfiles, ...settings.pinnedProfiles]),
    ].filter(
      (name): name is string => !!name && !built.names.has(name) && !!parseVirtualProfileName(name),
    );
    const key = picked.join('\n');
    const shown = this.#shown;
    if (shown && shown.built === built && shown.picked === key) return shown;
    const tagger = createEnvironmentTagger(settings.environmentPatterns);
    const profiles = [...built.profiles];
    for (const name of picked) {
      profiles.push(virtualProfileDTO(name, parseVirtualProfileName(name)!.session, tagger(name)));
    }
    const names = picked.length === 0 ? built.names : new Set([...built.names, ...picked]);
    this.#shown = { built, picked: key, profiles, names, revision: nextRevision() };
    return this.#shown;
  }

  /**
   * The listing `revision` names, from `offset` on (`PROFILE_PAGE` profiles at most); no
   * profiles, and the revision now, when that listing is no longer the latest.
   */
  page(revision: string, offset: number): ProfilePageDTO {
    const shown = this.#shown;
    if (!shown || shown.revision !== revision)
      return { revision: shown?.revision ?? '', profiles: [] };
    return { revision, profiles: shown.profiles.slice(offset, offset + PROFILE_PAGE) };
  }

  async select(name: string): Promise<ProfileListDTO> {
    const current = await this.list();
    if (!current.profiles.some((p) => p.name === name) && !parseVirtualProfileName(name)) {
      throw new AppError(
        'PROFILE_NOT_FOUND',
        `There is no profile "${name}" in ${current.configFile} or ${current.credentialsFile}.`,
        { name },
      );
    }
    const { recentProfiles } = await this.#settings.get();
    await this.#settings.update({
      activeProfile: name,
      recentProfiles: [name, ...recentProfiles.filter((n) => n !== name)].slice(0, MAX_RECENT),
    });
    return this.list();
  }

  /** Pins a profile as a favourite, or unpins it. */
  async pin(name: string, pinned: boolean): Promise<ProfileListDTO> {
    const { pinnedProfiles } = await this.#settings.get();
    const others = pinnedProfiles.filter((n) => n !== name);
    await this.#settings.update({ pinnedProfiles: pinned ? [...others, name] : others });
    return this.list();
  }

  async setEnvironmentPatterns(patterns: EnvironmentPatterns): Promise<ProfileListDTO> {
    await this.#settings.update({ environmentPatterns: patterns });
    return this.list();
  }

  /** Calls `onChange` with the new list after the AWS files change on disk. */
  watch(onChange: (list: ProfileListDTO) => void): () => void {
    this.#files ??= watchAwsFiles(this.#environment);
    return this.#files.subscribe((kinds) => {
      if (!kinds.has('profiles')) return;
      this.refresh().then(
        (list) => list && onChange(list),
        () => undefined,
      );
    });
  }
}

/** The list entry of an account/role used straight from an IAM Identity Center session. */
function virtualProfileDTO(
  name: string,
  session: string,
  environment: EnvironmentTag | null,
): ProfileDTO {
  return {
    name,
    kind: 'sso',
    region: null,
    chain: [name],
    chainOmitted: 0,
    chainBase: 'IAM Identity Center',
    chainProblem: null,
    roleArn: null,
    mfaSerial: null,
    ssoStartUrl: null,
    ssoSession: session,
    files: [],
    environment,
  };
}
