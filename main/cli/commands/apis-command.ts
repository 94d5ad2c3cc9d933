/**
 * `appsync-workbench apis --profile P [--region R]... [--json]`: the AppSync GraphQL APIs the
 * profile's account has in each region asked for (every page), with auth modes and URLs.
 * A region that cannot be listed is named on stderr and makes the exit code non-zero; the
 * others are still printed.
 */
import { parseArgs } from 'node:util';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT, exitCodeFor } from '../exit-codes.ts';

export async function apisCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      region: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const profile = values.profile ?? (await (await cli.profiles()).list()).active;
  if (!profile) throw new UsageError('no profile: pass --profile NAME (or set AWS_PROFILE).');
  let regions = values.region ?? [];
  if (regions.length === 0) {
    const own = await cli.credentialSource().region(profile);
    if (!own) {
      throw new UsageError(
        `profile "${profile}" sets no region: pass --region R (several allowed, e.g. --region eu-west-1 --region us-east-1).`,
      );
    }
    regions = [own];
  }
  for (const region of regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw new UsageError(`"${region}" is not an AWS region (like eu-west-1).`);
    }
  }
  const discovery = await cli.discovery();
  const result = await discovery.listGraphqlApis(profile, regions, { signal: cli.io.signal });
  if (values.json) {
    cli.out(JSON.stringify(result));
  } else if (result.apis.length === 0) {
    cli.out(`No AppSync GraphQL APIs in ${result.regions.join(', ')} for profile "${profile}".`);
  } else {
    const width = (pick: (api: (typeof result.apis)[number]) => string) =>
      Math.max(...result.apis.map((api) => pick(api).length)) + 2;
    const nameW = width((api) => api.name);
    const regionW = width((api) => api.region);
    const idW = width((api) => api.apiId);
    for (const api of result.apis) {
      cli.out(
        `${api.name.padEnd(nameW)}${api.region.padEnd(regionW)}${api.apiId.padEnd(idW)}${api.authModes.join(',')}\n` +
          `  graphql   ${api.graphqlUrl ?? '-'}\n  realtime  ${api.realtimeUrl ?? '-'}`,
      );
    }
  }
  for (const failure of result.failures) cli.err(`${failure.code}: ${failure.message}`);
  const first = result.failures[0];
  return first ? exitCodeFor(first.code) : EXIT.ok;
}
