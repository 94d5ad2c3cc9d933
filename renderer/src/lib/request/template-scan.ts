/**
 * `{{name}}` as main resolves it (the same pattern): where a text uses variables, and what a
 * collection environment makes of each. Pure, for the editors (query, variables, headers) and
 * the tab state alike. A secret's value never reaches the renderer: it stays null here.
 */
import type { CollectionEnvironmentsDTO } from '../../../../shared/contract/collection-methods.ts';

export interface TemplateUse {
  from: number;
  to: number;
  name: string;
}

/** What `{{name}}` resolves against: a collection's base variables overlaid by an environment. */
export interface TemplateScope {
  /** The environment's name, or null for the base variables only. */
  environment: string | null;
  /** name → its value; null for a secret (its value stays in main's vault). */
  values: Map<string, string | null>;
}

export type TemplateMeaning =
  { known: true; value: string | null } | { known: false; message: string };

const TEMPLATE = /\{\{\s*([\w.-]+)\s*\}\}/g;

export function scanTemplates(text: string): TemplateUse[] {
  return [...text.matchAll(TEMPLATE)].map((match) => ({
    from: match.index,
    to: match.index + match[0].length,
    name: match[1]!,
  }));
}

export function templateScope(
  environments: CollectionEnvironmentsDTO,
  environment: string | null,
): TemplateScope {
  const chosen = environments.environments.find((e) => e.name === environment);
  const values = new Map<string, string | null>();
  for (const variable of [...environments.variables, ...(chosen?.variables ?? [])]) {
    values.set(variable.name, variable.secret ? null : variable.value);
  }
  return { environment: chosen ? chosen.name : null, values };
}

export function meaningOf(scope: TemplateScope, name: string): TemplateMeaning {
  if (scope.values.has(name)) return { known: true, value: scope.values.get(name) ?? null };
  const where =
    scope.environment === null ? 'the base variables' : `environment ${scope.environment}`;
  return { known: false, message: `unknown variable {{${name}}} — not in ${where}` };
}

/** What a hover says about `{{name}}`; with no scope (no collection) it is sent as written. */
export function describeUse(
  scope: TemplateScope | null,
  name: string,
): { known: boolean; text: string } {
  if (!scope) return { known: true, text: `{{${name}}} is sent as written: no collection here` };
  const meaning = meaningOf(scope, name);
  if (!meaning.known) return { known: false, text: meaning.message };
  return { known: true, text: `{{${name}}} = ${meaning.value ?? 'secret (from the vault)'}` };
}
