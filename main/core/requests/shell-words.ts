/**
 * Splits a pasted shell command into words the way a POSIX shell would, without running or
 * expanding anything: single quotes, double quotes (with \" \\ \$ \` escapes), ANSI-C `$'…'`,
 * backslash escapes and backslash-newline continuations, `#` comments. A `$VAR` stays as text;
 * `expands` says a word referred to one, so the caller can tell a literal from a variable.
 */
import { AppError } from '../../../shared/errors.ts';

export interface ShellWord {
  text: string;
  /** The word names a shell variable (`$X`, `${X}`, `"$X"`) that the shell would expand. */
  expands: boolean;
}

const ANSI_C: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

export function shellWords(command: string): ShellWord[] {
  const words: ShellWord[] = [];
  let word: ShellWord | null = null;
  const add = (text: string, expands = false) => {
    word ??= { text: '', expands: false };
    word.text += text;
    word.expands ||= expands;
  };
  let i = 0;
  const at = (offset = 0) => command[i + offset] ?? '';
  while (i < command.length) {
    const char = at();
    if (char === '\\' && (at(1) === '\n' || (at(1) === '\r' && at(2) === '\n'))) {
      i += at(1) === '\r' ? 3 : 2;
    } else if (/\s/.test(char)) {
      if (word) words.push(word);
      word = null;
      i++;
    } else if (char === '#' && !word) {
      while (i < command.length && at() !== '\n') i++;
    } else if (char === '\\') {
      add(at(1));
      i += 2;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw unclosed("'");
      add(command.slice(i + 1, end));
      i = end + 1;
    } else if (char === '$' && at(1) === "'") {
      i = ansiC(command, i + 2, add);
    } else if (char === '"') {
      i = doubleQuoted(command, i + 1, add);
    } else {
      add(char, char === '$' && /[A-Za-z_{]/.test(at(1)));
      i++;
    }
  }
  if (word) words.push(word);
  return words;
}

function doubleQuoted(command: string, start: number, add: (t: string, e?: boolean) => void) {
  let i = start;
  while (i < command.length) {
    const char = command[i]!;
    if (char === '"') return i + 1;
    if (char === '\\' && command[i + 1] === '\n') i += 2;
    else if (char === '\\' && '"\\$`'.includes(command[i + 1] ?? '')) {
      add(command[i + 1]!);
      i += 2;
    } else {
      add(char, char === '$' && /[A-Za-z_{]/.test(command[i + 1] ?? ''));
      i++;
    }
  }
  throw unclosed('"');
}

function ansiC(command: string, start: number, add: (t: string) => void): number {
  let i = start;
  while (i < command.length) {
    const char = command[i]!;
    if (char === "'") return i + 1;
    if (char !== '\\') {
      add(char);
      i++;
      continue;
    }
    const next = command[i + 1] ?? '';
    const hex = /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(command.slice(i + 1));
    if (hex) {
      const code = parseInt(hex[1]!.slice(1), 16);
      if (code > 0x10ffff) throw new AppError('INVALID_INPUT', `$'\\U…' names no character.`);
      add(String.fromCodePoint(code));
      i += 1 + hex[1]!.length;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(command.slice(i + 1))![0];
      add(String.fromCharCode(parseInt(octal, 8)));
      i += 1 + octal.length;
    } else {
      add(ANSI_C[next] ?? `\\${next}`);
      i += 2;
    }
  }
  throw unclosed("$'");
}

function unclosed(quote: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `The command has a ${quote} quote that is never closed: paste the whole command.`,
  );
}
