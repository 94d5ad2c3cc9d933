/**
 * The operations a GraphQL document holds, so the user can choose which one to run when there
 * are several (the server refuses a multi-operation document without an operationName).
 */
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { parseDocument } from './large-document.ts';

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface OperationInfo {
  /** null for an anonymous operation (only valid when it is the document's only one). */
  name: string | null;
  type: OperationType;
  /** Character offsets of the whole definition in the document. */
  from: number;
  to: number;
}

function parseQuietly(document: string): DocumentNode | null {
  try {
    return parseDocument(document);
  } catch {
    return null;
  }
}

function infoOf(node: OperationDefinitionNode): OperationInfo {
  return {
    name: node.name?.value ?? null,
    type: node.operation as OperationType,
    from: node.loc?.start ?? 0,
    to: node.loc?.end ?? 0,
  };
}

/** Every operation in document order; [] when the document does not parse. */
export function operationsOf(document: string): OperationInfo[] {
  const ast = parseQuietly(document);
  if (!ast) return [];
  return ast.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map(infoOf);
}

/**
 * The operation the cursor is in, else the nearest one before it (the cursor often sits just
 * after a closing brace), else the first. null when there is none.
 */
export function operationAt(document: string, offset: number): OperationInfo | null {
  return operationAtOffset(operationsOf(document), offset);
}

/** `operationAt` over operations already read from the document. */
export function operationAtOffset(
  operations: OperationInfo[],
  offset: number,
): OperationInfo | null {
  const inside = operations.find((op) => offset >= op.from && offset <= op.to);
  if (inside) return inside;
  const before = operations.filter((op) => op.to <= offset).at(-1);
  return before ?? operations[0] ?? null;
}

/** The definition node of the named operation (or the only one when name is null/undefined). */
export function findOperation(
  ast: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | null {
  const operations = ast.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((op) => op.name?.value === operationName) ?? null;
  return operations.length === 1 ? (operations[0] ?? null) : null;
}
