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
