/**
 * Checks the variables JSON against the chosen operation's variable definitions the way the
 * server will (graphql-js's own coercion), and places each finding on the key it concerns.
 */
import type { Diagnostic } from '@codemirror/lint';
import { jsonLanguage } from '@codemirror/lang-json';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import { parseDocument } from './large-document.ts';
import { findOperation } from './operations.ts';

export interface JsonKey {
  name: string;
  /** The key's range (quotes included) and its value's range in the text. */
  from: number;
  to: number;
  valueFrom: number;
  valueTo: number;
}

export interface VariablesShape {
  keys: JsonKey[];
  /** Offset of the first syntax error, or null when the text is valid JSON (per the parser). */
  syntaxErrorAt: number | null;
}

/** Top-level keys of a JSON object text with their positions, read with the editor's parser. */
export function topLevelKeys(text: string): VariablesShape {
  const tree = jsonLanguage.parser.parse(text);
  const keys: JsonKey[] = [];
  let syntaxErrorAt: number | null = null;
  tree.iterate({
    enter(node) {
      if (node.type.isError && syntaxErrorAt === null) syntaxErrorAt = node.from;
      if (node.name !== 'Property' || node.node.parent?.parent?.name !== 'JsonText') return;
      const nameNode = node.node.getChild('PropertyName');
      const valueNode = nameNode?.nextSibling?.nextSibling;
      if (!nameNode) return;
      let name: string;
      try {
        name = JSON.parse(text.slice(nameNode.from, nameNode.to)) as string;
      } catch {
        return;
      }
      keys.push({
        name,
        from: nameNode.from,
        to: nameNode.to,
        valueFrom: valueNode?.from ?? nameNode.from,
        valueTo: valueNode?.to ?? nameNode.to,
      });
    },
  });
  return { keys, syntaxErrorAt };
}

/** Names of the variables the operation declares (without the `$`). */
export function declaredVariables(
  document: string,
  operationName: string | null | undefined,
): { name: string; type: string; required: boolean }[] {
  try {
    const op = findOperation(parseDocument(document), operationName);
    return (op?.variableDefinitions ?? []).map((def) => {
      const type = printType(def.type);
      return {
        name: def.variable.name.value,
        type,
        required: type.endsWith('!') && !def.defaultValue,
      };
    });
  } catch {
    return [];
  }
}

type TypeNodeLike =
  | { kind: 'NamedType'; name: { value: string } }
  | { kind: 'ListType'; type: TypeNodeLike }
  | { kind: 'NonNullType'; type: TypeNodeLike };

function printType(node: TypeNodeLike): string {
  if (node.kind === 'NamedType') return node.name.value;
  if (node.kind === 'ListType') return `[${printType(node.type)}]`;
  return `${printType(node.type)}!`;
}

const VARIABLE_IN_MESSAGE = /Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/;

export function validateVariables(
  schema: GraphQLSchema | null,
  document: string,
  operationName: string | null | undefined,
  variablesText: string,
): Diagnostic[] {
  const end = variablesText.length;
  const whole = { from: 0, to: end };
  let inputs: unknown = {};
  if (variablesText.trim() !== '') {
    try {
      inputs = JSON.parse(variablesText);
    } catch (error) {
      const at = topLevelKeys(variablesText).syntaxErrorAt ?? 0;
      const message = error instanceof Error ? error.message : String(error);
      return [
        {
          from: at,
          to: Math.min(end, at + 1),
          severity: 'error',
          message: `Invalid JSON: ${message}`,
        },
      ];
    }
  }
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    return [
      {
        ...whole,
        severity: 'error',
        message: 'Variables must be a JSON object, e.g. {"id": "1"}.',
      },
    ];
  }

  let operation;
  try {
    operation = findOperation(parseDocument(document), operationName);
  } catch {
    return []; // The query editor already reports the syntax error.
  }
  if (!operation) return [];

  const { keys } = topLevelKeys(variablesText);
  const keyOf = (name: string) => keys.find((k) => k.name === name);
  const diagnostics: Diagnostic[] = [];
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  for (const key of keys) {
    if (!declared.has(key.name)) {
      const opLabel = operation.name ? `operation "${operation.name.value}"` : 'this operation';
      diagnostics.push({
        from: key.from,
        to: key.to,
        severity: 'warning',
        message: `Unknown variable "${key.name}": ${opLabel} declares ${
          declared.size ? [...declared].map((n) => `$${n}`).join(', ') : 'no variables'
        }. The server ignores it.`,
      });
    }
  }
  if (!schema) return diagnostics;

  const result = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    inputs as Record<string, unknown>,
    { maxErrors: 50 },
  );
  for (const error of result.errors ?? []) {
    const name = VARIABLE_IN_MESSAGE.exec(error.message)?.[1];
    const key = name === undefined ? undefined : keyOf(name);
    const range = key ? { from: key.valueFrom, to: key.valueTo } : whole;
    diagnostics.push({ ...range, severity: 'error', message: error.message });
  }
  return diagnostics;
}
