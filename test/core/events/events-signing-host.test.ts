/**
 * An IAM-signed publish or subscribe carries the session token: to a host that is neither AWS's
 * nor this machine it is asked first, as requests and GraphQL subscriptions are, and a no sends
 * nothing (the host below does not resolve: reaching it at all would fail differently).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventsService } from '../../../main/core/events/events-service.ts';
import type { Prompter } from '../../../main/core/ports.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

class DecliningPerson implements Prompter {
  readonly asked: string[] = [];
  async confirm(message: string): Promise<boolean> {
    this.asked.push(message);
    return false;
  }
  async mfaCode(): Promise<string> {
    throw new Error('no MFA here');
  }
  showDeviceCode(): void {}
}

test('IAM publish and subscribe to a host that is not AWS ask first; declined, nothing is sent', async () => {
  const person = new DecliningPerson();
  const credentials = new StaticCredentialSource({
    ops: { credentials: [{ accessKeyId: 'AKIAEXAMPLEOPS00001', secretAccessKey: 'x'.repeat(40) }] },
  });
  const events = new EventsService({
    env: {},
    credentials,
    vault: { get: async () => null, put: async () => undefined, delete: async () => undefined },
    prompter: person,
    settings: new SettingsStore(await makeTempDir('events-signing-')),
  });
  const target = {
    url: 'https://events.example.invalid/event',
    auth: { type: 'AWS_IAM' as const, profile: 'ops', region: 'eu-west-1', service: 'appsync' },
  };
  const declined = (error: unknown) =>
    error instanceof AppError && error.code === 'SIGNING_HOST_DECLINED';
  await assert.rejects(
    events.publish({ ...target, channel: '/default/a', events: ['{}'] }),
    declined,
  );
  await assert.rejects(events.subscribe({ ...target, channel: '/default/*' }), declined);
  assert.equal(person.asked.length, 2);
  assert.match(person.asked[0] ?? '', /events\.example\.invalid/);
  assert.equal(events.openSockets(), 0);
  assert.deepEqual(credentials.calls, [], 'no credentials were even resolved');
});
