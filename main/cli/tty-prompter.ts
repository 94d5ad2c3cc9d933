/**
 * The Prompter port on a terminal: the MFA code is asked on stderr and read from stdin, so the
 * command's stdout stays clean for pipes. Without a terminal there is no one to ask: the
 * resolution fails with a clear message rather than hanging.
 */
import { AppError } from '../../shared/errors.ts';
import type { DeviceCodePrompt, MfaPrompt, Prompter } from '../core/ports.ts';

interface TerminalIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

export class TtyPrompter implements Prompter {
  readonly #io: TerminalIo;

  /** `io.stdin` is read only when there is something to ask: Node builds the stream on first read. */
  constructor(io: TerminalIo = process) {
    this.#io = io;
  }

  async mfaCode(prompt: MfaPrompt, signal?: AbortSignal): Promise<string> {
    if (!this.#io.stdin.isTTY) {
      throw new AppError(
        'MFA_REQUIRED',
        `Profile "${prompt.profile}" needs an MFA code for ${prompt.serial}, but there is no terminal to ask on. Run the command in a terminal.`,
      );
    }
    for (;;) {
      const code = (
        await this.#ask(`MFA code for ${prompt.serial} (profile ${prompt.profile}): `, signal)
      ).trim();
      if (/^\d{6}$/.test(code)) return code;
      this.#io.stderr.write('An MFA code is 6 digits.\n');
    }
  }

  async confirm(message: string, signal?: AbortSignal): Promise<boolean> {
    if (!this.#io.stdin.isTTY) return false;
    return /^y(es)?$/i.test((await this.#ask(`${message} [y/N] `, signal)).trim());
  }

  showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void {
    if (signal.aborted) return;
    const url = prompt.verificationUriComplete ?? prompt.verificationUri;
    this.#io.stderr.write(
      prompt.userCode === null
        ? `${prompt.purpose}: sign in at ${url}\n`
        : `${prompt.purpose}: open ${url} and enter the code ${prompt.userCode}\n`,
    );
  }

  async #ask(question: string, signal?: AbortSignal): Promise<string> {
    // Loaded when a question is asked: most commands never ask one.
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: this.#io.stdin, output: this.#io.stderr, terminal: true });
    try {
      return await rl.question(question, signal ? { signal } : {});
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        throw new AppError('PROMPT_CANCELLED', 'The question was cancelled.');
      }
      throw error;
    } finally {
      rl.close();
    }
  }
}
