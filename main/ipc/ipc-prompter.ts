/**
 * The Prompter port over IPC: a question becomes a `prompts.requested` event with an id, and the
 * renderer's `prompts.respond` / `prompts.cancel` settles it. A question nobody answers in time
 * is cancelled, so a resolution never hangs forever behind a closed window.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { PromptDTO } from '../../shared/prompts.ts';
import type { DeviceCodePrompt, MfaPrompt, Prompter } from '../core/ports.ts';

type Answer = { kind: 'mfa'; code: string } | { kind: 'confirm'; accepted: boolean };

interface Pending {
  prompt: PromptDTO;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

export interface PromptChannel {
  emitRequested(prompt: PromptDTO): void;
  emitClosed(id: string): void;
}

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

export class IpcPrompter implements Prompter {
  readonly #pending = new Map<string, Pending>();
  readonly #channel: PromptChannel;
  readonly #timeoutMs: number;

  constructor(channel: PromptChannel, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#channel = channel;
    this.#timeoutMs = timeoutMs;
  }

  /** Questions still waiting, for a window that opens (or reloads) while one is asked. */
  open(): PromptDTO[] {
    return [...this.#pending.values()].map((p) => p.prompt);
  }

  async mfaCode(prompt: MfaPrompt, signal?: AbortSignal): Promise<string> {
    const answer = await this.#ask({ id: randomUUID(), kind: 'mfa', ...prompt }, signal);
    if (answer.kind !== 'mfa') throw new AppError('INVALID_INPUT', 'Expected an MFA code.');
    return answer.code;
  }

  async confirm(message: string, signal?: AbortSignal): Promise<boolean> {
    const answer = await this.#ask({ id: randomUUID(), kind: 'confirm', message }, signal);
    return answer.kind === 'confirm' && answer.accepted;
  }

  showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void {
    const shown: PromptDTO = { id: randomUUID(), kind: 'device-code', ...prompt };
    // Shown until the login ends; the user may also dismiss it (which does not cancel the login).
    this.#ask(shown, signal).catch(() => undefined);
  }

  respond(id: string, answer: Answer): void {
    const pending = this.#take(id);
    if (pending.prompt.kind !== answer.kind) {
      this.#pending.set(id, pending);
      throw new AppError(
        'INVALID_INPUT',
        `Prompt ${id} asks for ${pending.prompt.kind}, not ${answer.kind}.`,
      );
    }
    pending.resolve(answer);
  }

  cancel(id: string): void {
    this.#take(id).reject(new AppError('PROMPT_CANCELLED', 'You cancelled the prompt.'));
  }

  #take(id: string): Pending {
    const pending = this.#pending.get(id);
    if (!pending) throw new AppError('NOT_FOUND', 'That prompt is no longer open.');
    this.#pending.delete(id);
    this.#channel.emitClosed(id);
    return pending;
  }

  #ask(prompt: PromptDTO, signal?: AbortSignal): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (message: string) => {
        if (!this.#pending.has(prompt.id)) return;
        this.#take(prompt.id).reject(new AppError('PROMPT_CANCELLED', message));
      };
      const onAbort = () => fail('The prompt was withdrawn: the work that asked was cancelled.');
      const timer = setTimeout(() => fail('Nobody answered the prompt in time.'), this.#timeoutMs);
      timer.unref?.();
      if (signal?.aborted) {
        clearTimeout(timer);
        reject(new AppError('PROMPT_CANCELLED', 'The work that asked was already cancelled.'));
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(prompt.id, {
        prompt,
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.#channel.emitRequested(prompt);
    });
  }
}
