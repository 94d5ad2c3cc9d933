/**
 * The order profile names are listed in: the process locale's collation, as Intl.Collator
 * sorts them. The first Intl.Collator of a process costs ~8–15 ms (ICU builds its tables),
 * more than listing the profiles; `appsync-workbench profiles` pays it on every run. So names
 * that are all printable ASCII, in a locale whose collation of ASCII is the root one (English,
 * C, POSIX, or none set), are compared from a table of that collation instead: the same order,
 * with no ICU. test/core/profiles/name-order.test.ts holds the table to Intl.Collator.
 */

/**
 * Printable ASCII in the root collation's order; the characters of one group differ only in
 * case, where lower case sorts first (a later, tertiary, difference).
 */
const ROOT_ORDER = [
  ...' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789',
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map((letter) => letter + letter.toUpperCase()),
];

const primary = new Uint8Array(128);
const upper = new Uint8Array(128);
ROOT_ORDER.forEach((group, index) => {
  for (const char of group) primary[char.charCodeAt(0)] = index + 1;
  if (group.length === 2) upper[group.charCodeAt(1)] = 1;
});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Locales whose collation tailors nothing in ASCII; `C.UTF-8` and `POSIX` are ICU's en-US. */
const ROOT_ASCII_LOCALE = /^(?:C|POSIX|en)(?:[._@-]|$)/;

/** ICU's default locale comes from these, the first one set (on Windows, from the OS). */
function localeFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}

function compareRootAscii(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = primary[a.charCodeAt(i)]! - primary[b.charCodeAt(i)]!;
    if (difference !== 0) return difference;
  }
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < length; i++) {
    const difference = upper[a.charCodeAt(i)]! - upper[b.charCodeAt(i)]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A comparison for sorting `names` as the process locale's Intl.Collator would. */
export function nameOrder(
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): (a: string, b: string) => number {
  const locale = localeFromEnvironment(env);
  const rootAscii =
    platform !== 'win32' &&
    (locale === undefined || ROOT_ASCII_LOCALE.test(locale)) &&
    names.every((name) => PRINTABLE_ASCII.test(name));
  return rootAscii ? compareRootAscii : new Intl.Collator().compare;
}
