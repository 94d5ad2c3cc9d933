/** Building blocks every domain's part of the contract uses. */
import * as z from '../zod.ts';

/** A phantom value that carries an output type; it never exists at run time. */
export function returns<T>(): T {
  return undefined as T;
}

export const profileName = z
  .string('a profile name is a string')
  .check(
    z.minLength(1, 'a profile name cannot be empty'),
    z.maxLength(256, 'a profile name is at most 256 characters'),
    z.regex(/^[^\s[\]]+$/, 'a profile name has no spaces or brackets'),
  );

export const id = z
  .string('an id is a string')
  .check(
    z.minLength(1, 'an id cannot be empty'),
    z.maxLength(64, 'an id is at most 64 characters'),
  );

/** Long-running work carries an id chosen by the renderer, so it can be cancelled. */
export const operationId = z.optional(id);

/** The most bytes one contract message may take on the wire: the web host's frame limit. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * What the envelope around an input may add (`{"type":"invoke","id":…,"method":…,"input":}`
 * is under 100 bytes with the longest id and method name); the rest is the input's.
 */
export const ENVELOPE_BYTES = 1024;
export const MAX_INPUT_BYTES = MAX_MESSAGE_BYTES - ENVELOPE_BYTES;

/**
 * The UTF-8 size of a value as `JSON.stringify` writes it, which is what a client sends.
 * Escaping is why a character count is no bound: one UTF-16 unit can take six bytes
 * (`\u0000`, a lone surrogate), three as UTF-8 (U+FFFF), and a pair four.
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Well-formed stringify escapes lone surrogates, so a surrogate here is half of a pair.
    if (unit >= 0xd800 && unit <= 0xdfff) bytes += 1;
    else if (unit >= 0x800) bytes += 2;
    else if (unit >= 0x80) bytes += 1;
  }
  return bytes;
}

const MB = 1024 * 1024;

/**
 * Why an input cannot travel in one message, or null when it can. The router asks this of every
 * input, on either transport, so the desktop refuses what the web host's frame limit would.
 */
export function messageSizeProblem(input: unknown): string | null {
  const bytes = jsonBytes(input);
  if (bytes <= MAX_INPUT_BYTES) return null;
  return `the input takes ${(bytes / MB).toFixed(1)} MB as JSON; one message carries at most ${(MAX_INPUT_BYTES / MB).toFixed(1)} MB`;
}

/**
 * How deep free-form JSON (GraphQL variables) may nest. The core serialises and copies it with
 * recursive functions (JSON.stringify, structured clone), so deeper input would overflow the
 * stack and come back as INTERNAL instead of an answer about the input.
 */
export const MAX_JSON_DEPTH = 64;

/** The path to a value nested deeper than MAX_JSON_DEPTH, or null; never recursive itself. */
function tooDeepAt(root: unknown): PropertyKey[] | null {
  type Node = { value: unknown; depth: number; key: PropertyKey; parent: Node | null };
  const stack: Node[] = [{ value: root, depth: 0, key: '', parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth === MAX_JSON_DEPTH) {
      const path: PropertyKey[] = [];
      for (let at: Node | null = node; at?.parent; at = at.parent) path.unshift(at.key);
      return path;
    }
    for (const [key, value] of Object.entries(node.value)) {
      const index = Array.isArray(node.value) ? Number(key) : key;
      stack.push({ value, depth: node.depth + 1, key: index, parent: node });
    }
  }
  return null;
}

/** A free-form JSON object (GraphQL variables): any content, nested at most MAX_JSON_DEPTH. */
export function jsonObject(message?: string) {
  return z.record(z.string(), z.unknown(), message).check(
    z.superRefine((value, ctx) => {
      const path = tooDeepAt(value);
      if (path) {
        ctx.addIssue({
          code: 'custom',
          input: value,
          path,
          message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels here`,
        });
      }
    }),
  );
}
