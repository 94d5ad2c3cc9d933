/**
 * Whether a run is a mutation against production — a production-tagged profile (the one an IAM
 * request signs with) or a production-tagged endpoint name — and the one question it asks then.
 * It lives in main, where every run passes (a tab, the collection tree, a collection run, the
 * CLI's `query` and `run`), so no way of starting a run skips it.
 */
import { createEnvironmentTagger } from '../../../shared/environment-tags.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EnvironmentPatterns } from '../../../shared/profiles.ts';
import type { Prompter } from '../ports.ts';
import type { RunConsent } from './run-consent.ts';

export interface ProductionCheck {
  query: string;
  operationName: string | undefined;
  /** The profile an IAM request signs with; null for the other modes. */
  profile: string | null;
  /** The saved endpoint's name, null for a URL of its own. */
  endpointName: string | null;
  /** Read only for a document that may hold a mutation: a query never opens the settings. */
  patterns: () => Promise<EnvironmentPatterns>;
}

/** "profile X" / "endpoint Y" when the run lands on production, else null. */
export function productionTarget(
  check: Pick<ProductionCheck, 'profile' | 'endpointName'>,
  patterns: EnvironmentPatterns,
): string | null {
  const tag = createEnvironmentTagger(patterns);
  if (check.profile && tag(check.profile) === 'production') return `profile ${check.profile}`;
  if (check.endpointName && tag(check.endpointName) === 'production') {
    return `endpoint ${check.endpointName}`;
  }
  return null;
}

/**
 * Whether the operation that runs is a mutation. A document that does not parse (the endpoint
 * will refuse it) or does not say which of its operations runs counts as one if any is.
 */
export async function runsMutation(query: string, operationName?: string): Promise<boolean> {
  // Loaded only for runs that land on production: a one-shot CLI query does not pay for it.
  const { getOperationAST, parse } = await import('graphql');
  let document;
  try {
    document = parse(query);
  } catch {
    return /\bmutation\b/.test(query);
  }
  const operation = getOperationAST(document, operationName);
  if (operation) return operation.operation === 'mutation';
  return document.definitions.some(
    (d) => d.kind === 'OperationDefinition' && d.operation === 'mutation',
  );
}

/** Asks once per run (the consent remembers), and refuses the run unless the answer is yes. */
export async function confirmProduction(
  check: ProductionCheck,
  consent: RunConsent,
  prompter: Prompter | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (consent.assumeYes || !/\bmutation\b/.test(check.query)) return;
  if (check.profile === null && check.endpointName === null) return;
  const target = productionTarget(check, await check.patterns());
  if (!target) return;
  if (!(await runsMutation(check.query, check.operationName))) return;
  if (consent.production === null) {
    consent.production = prompter
      ? await prompter.confirm(
          `Run a mutation on production? It runs with ${target}, tagged production, and changes data there.`,
          signal,
        )
      : false;
  }
  if (consent.production) return;
  throw new AppError(
    'PRODUCTION_DECLINED',
    `This mutation runs with ${target}, tagged production, and was not confirmed, so nothing was sent. Confirm it when asked (on the command line: answer on a terminal, or pass --yes).`,
    { target },
  );
}
