/**
 * An IAM-signed request carries the session token and a signature valid for minutes: to a host
 * that is neither an AWS endpoint nor this machine (a custom domain, or a URL a shared file
 * names) it goes only once the person said so, once per endpoint. A yes is kept in the settings;
 * a no refuses the run (every request of a collection run) and is asked again next time.
 */
import { AppError } from '../../../shared/errors.ts';
import type { Prompter } from '../ports.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { RunConsent } from './run-consent.ts';

const AWS_DOMAINS = ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws'];
/**
 * AWS hosts where anyone's code answers and sees every header, the session token included:
 * Lambda function URLs (`*.on.aws`) and API Gateway (`*.execute-api.…`). They ask like any host.
 */
const CUSTOMER_CODE = /(^|\.)execute-api\.|\.on\.aws$/;

/** AWS's own endpoints, and this machine (the local sandbox, a tunnel the user runs). */
export function signsWithoutAsking(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (CUSTOMER_CODE.test(host)) return false;
  if (AWS_DOMAINS.some((domain) => host.endsWith(domain))) return true;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface SigningTarget {
  url: URL;
  /** The saved endpoint, or null for a URL of its own (keyed by its origin). */
  endpoint: { id: string; name: string } | null;
  profile: string;
}

/** The part of the settings store the guard reads and writes. */
export type SigningSettings = Pick<SettingsStore, 'get' | 'update'>;

export class SigningHostGuard {
  readonly #settings: SigningSettings | undefined;
  readonly #prompter: Prompter | undefined;

  constructor(settings: SigningSettings | undefined, prompter: Prompter | undefined) {
    this.#settings = settings;
    this.#prompter = prompter;
  }

  async check(target: SigningTarget, consent: RunConsent, signal?: AbortSignal): Promise<void> {
    if (signsWithoutAsking(target.url) || consent.assumeYes) return;
    const key = target.endpoint
      ? `endpoint:${target.endpoint.id}@${target.url.host}`
      : `url:${target.url.origin}`;
    const approved = (await this.#settings?.get())?.approvedSigningHosts ?? [];
    if (approved.includes(key)) return;
    const what = target.endpoint ? `endpoint "${target.endpoint.name}"` : target.url.origin;
    if (!consent.declinedHosts.has(key)) {
      const yes = this.#prompter
        ? await this.#prompter.confirm(
            `Sign requests to ${target.url.host} with profile ${target.profile}? It is not an AWS endpoint: whoever runs it receives your session token and a signature valid for a few minutes. Asked once for ${what}.`,
            signal,
          )
        : false;
      if (yes) {
        const current = (await this.#settings?.get())?.approvedSigningHosts ?? [];
        await this.#settings?.update({ approvedSigningHosts: [...current, key] });
        return;
      }
      consent.declinedHosts.add(key);
    }
    throw new AppError(
      'SIGNING_HOST_DECLINED',
      `${target.url.host} is not an AWS endpoint and signing requests to it with your AWS credentials was not allowed, so nothing was sent. Allow it when asked (on the command line: answer on a terminal, or pass --yes).`,
      { host: target.url.host },
    );
  }
}
