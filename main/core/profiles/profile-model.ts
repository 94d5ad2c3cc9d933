/**
 * Turns the parsed AWS files into the profiles the user sees: kind, region and source chain.
 * The classification and the walk mirror the AWS SDK's `fromIni` (same order, same cycle
 * rule), so what the list says is what resolution will do.
 */
import type { EnvironmentTag, ProfileDTO, ProfileFileKind } from '../../../shared/profiles.ts';
import type { IniData, IniSection } from './aws-files.ts';
import { profileKind } from './profile-kind.ts';
import { shownChain, SourceChains } from './source-chains.ts';
import { nameOrder } from './name-order.ts';

export function buildProfiles(
  config: IniData,
  credentials: IniData,
  environmentOf: (name: string) => EnvironmentTag | null = () => null,
): ProfileDTO[] {
  const merged: IniData = {};
  const files = new Map<string, ProfileFileKind[]>();
  for (const [kind, data] of [
    ['config', config],
    ['credentials', credentials],
  ] as const) {
    for (const [name, section] of Object.entries(data)) {
      merged[name] = { ...merged[name], ...section };
      files.set(name, [...(files.get(name) ?? []), kind]);
    }
  }
  const chains = new SourceChains(merged);
  const names = Object.keys(merged);
  const compare = nameOrder(names);
  return names
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : compare(a, b)))
    .map((name) => {
      const section = merged[name] as IniSection;
      const walk = chains.of(name);
      const { chain, omitted } = shownChain(walk);
      return {
        name,
        kind: profileKind(section),
        region: section.region ?? null,
        chain,
        chainOmitted: omitted,
        chainBase: walk.base,
        chainProblem: walk.problem,
        roleArn: section.role_arn ?? null,
        mfaSerial: section.mfa_serial ?? null,
        ssoStartUrl: section.sso_start_url ?? null,
        ssoSession: section.sso_session ?? null,
        files: files.get(name) ?? [],
        environment: environmentOf(name),
      };
    });
}
