/**
 * The Prompter port on a terminal: the MFA code is asked on stderr and read from stdin, so the
 * command's stdout stays clean for pipes. Without a terminal there is no one to ask: the
 * resolution fails with a clear message rather than hanging.
 */
import { AppError } from '../../shared/errors.ts';
import type { DeviceCodePrompt, MfaPrompt, Prompter } from '../core/ports.ts';

export class TtyPrompter implements Prompter {
  readonly #input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly #output: NodeJS.WritableStream;

  constructor(
    input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
    output: NodeJS.WritableStream = process.stderr,
  ) {
    this.#input = input;
    this.#output = output;
  }

  async mfaCode(prompt: MfaPrompt, signal?: AbortSignal): Promise<string> {
    if (!this.#input.isTTY) {
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
      this.#output.write('An MFA code is 6 digits.\n');
    }
  }

  async confirm(message: string, signal?: AbortSignal): Promise<boolean> {
    if (!this.#input.isTTY) return false;
    return /^y(es)?$/i.test((await this.#ask(`${message} [y/N] `, signal)).trim());
  }

  showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void {
    if (signal.aborted) return;
    const url = prompt.verificationUriComplete ?? prompt.verificationUri;
    this.#output.write(
      prompt.userCode === null
        ? `${prompt.purpose}: sign in at ${url}\n`
        : `${prompt.purpose}: open ${url} and enter the code ${prompt.userCode}\n`,
    );
  }

  async #ask(question: string, signal?: AbortSignal): Promise<string> {
    // Loaded when a question is asked: most commands never ask one.
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: this.#input, output: this.#output, terminal: true });
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
