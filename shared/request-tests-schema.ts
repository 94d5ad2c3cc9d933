/**
 * The schemas that check a saved request's test fields (request-tests.ts), both where the
 * renderer sends them (the contract) and where a collection file holds them (the sidecar).
 */
import {
  ASSERTION_OPERATORS,
  ASSERTION_PATH,
  MAX_ASSERTIONS,
  MAX_REPEAT,
  MAX_SCRIPT_CHARS,
} from './request-tests.ts';
import * as z from './zod.ts';

/** An assertion's fields; the sidecar reads them leniently, the contract strictly. */
export const assertionShape = {
  enabled: z._default(z.boolean('enabled is true or false'), true),
  path: z
    .string('an assertion path is text')
    .check(
      z.maxLength(512, 'an assertion path is at most 512 characters'),
      z.regex(
        ASSERTION_PATH,
        'an assertion path reads into the answer, like status, headers.x-id or data.items[0].id',
      ),
    ),
  operator: z.enum(ASSERTION_OPERATORS, `an operator is one of ${ASSERTION_OPERATORS.join(', ')}`),
  value: z._default(
    z.nullable(z.string('an assertion value is text').check(z.maxLength(8192))),
    null,
  ),
};

export const assertionSchema = z.object(assertionShape);

const script = z.nullable(
  z
    .string('a script is text')
    .check(z.maxLength(MAX_SCRIPT_CHARS, `a script is at most ${MAX_SCRIPT_CHARS} characters`)),
);

const most = z.maxLength(MAX_ASSERTIONS, `at most ${MAX_ASSERTIONS} assertions`);
export const assertionsSchema = z.array(assertionSchema).check(most);
export const strictAssertionsSchema = z.array(z.strictObject(assertionShape)).check(most);

const scriptsShape = { pre: z._default(script, null), post: z._default(script, null) };
export const scriptsSchema = z.object(scriptsShape);
export const strictScriptsSchema = z.strictObject(scriptsShape);

/** A collection run repeats a request this many times (null: once, or once per data row). */
export const repeatSchema = z.nullable(
  z
    .number('repeat is a number')
    .check(z.int(), z.positive(), z.maximum(MAX_REPEAT, `repeat is at most ${MAX_REPEAT}`)),
);

/** A data file inside the collection (`rows.csv`, `data/users.json`): one run per row. */
export const dataFileSchema = z.nullable(
  z.string('a data file is a path inside the collection').check(
    z.minLength(1, 'a data file path cannot be empty'),
    z.maxLength(1024),
    z.regex(/\.(csv|json)$/i, 'a data file is a .csv or .json file'),
    z.refine(
      (path) =>
        !path.startsWith('/') &&
        !path.includes('\\') &&
        !path.split('/').some((s) => s === '..' || s === '.'),
      'a data file is a relative path inside the collection, with "/"',
    ),
  ),
);
