/** `appsync-workbench profiles [--json]`: every profile with its kind, region and chain. */
import { parseArgs } from 'node:util';
import { chainText } from '../../../shared/profiles.ts';
import type { CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

export async function profilesCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const list = await (await cli.profiles()).list();
  if (values.json) {
    cli.out(
      JSON.stringify({
        active: list.active,
        profiles: list.profiles.map((p) => ({
          name: p.name,
          kind: p.kind,
          region: p.region,
          chain: p.chain,
          // Only a long chain is cut short; its first hops and its last are in `chain`.
          ...(p.chainOmitted ? { chainOmitted: p.chainOmitted } : {}),
          problem: p.chainProblem,
        })),
        problems: list.problems,
      }),
    );
    return EXIT.ok;
  }
  for (const problem of list.problems) {
    cli.err(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
  }
  if (list.profiles.length === 0) {
    cli.out(`No profiles in ${list.configFile} or ${list.credentialsFile}.`);
    return EXIT.ok;
  }
  const width = Math.max(...list.profiles.map((p) => p.name.length)) + 2;
  const kindWidth = Math.max(...list.profiles.map((p) => p.kind.length)) + 2;
  // One write for the whole table: a write per row is a system call per profile.
  const rows = list.profiles.map((p) => {
    const mark = p.name === list.active ? '*' : ' ';
    const chain = p.chain.length > 1 ? chainText(p.chain, p.chainOmitted) : '';
    const base = p.chainBase ? `${chain ? `${chain} → ` : ''}${p.chainBase}` : chain;
    const problem = p.chainProblem ? `  ! ${p.chainProblem}` : '';
    return `${mark} ${p.name.padEnd(width)}${p.kind.padEnd(kindWidth)}${(p.region ?? '-').padEnd(16)}${base}${problem}`.trimEnd();
  });
  cli.out(rows.join('\n'));
  return EXIT.ok;
}
