import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { AppError } from '../../../shared/errors.ts';
import { makeHarness, type Harness, ssoCalls } from './sso-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function signIn(h: Harness): Promise<void> {
  let approved = false;
  h.onWait = () => {
    if (!approved && h.prompts.length) {
      approved = true;
      h.peers.approveDeviceCode(h.prompts[0]!.userCode!);
    }
  };
  await h.service.login({ session: 'corp' }, { flow: 'device' });
  h.onWait = () => undefined;
  h.waits.length = 0;
}

const manyAccounts = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: `account-${i}`,
    emailAddress: `aws+${i}@example.com`,
    roles: i % 3 === 0 ? ['Admin', 'ReadOnly'] : ['ReadOnly'],
  }));

describe('SSO accounts and roles', () => {
  test('every page of accounts and every role, through 429s, with progress', async () => {
    const h = (harness = await makeHarness({
      sso: { accounts: manyAccounts(230), portalCallsPerSecond: 2 },
    }));
    await signIn(h);
    const progress: Array<[number, number | null]> = [];
    const accounts = await h.service.listAccounts(
      { profile: 'dev' },
      { onProgress: (done, total) => progress.push([done, total]) },
    );

    assert.equal(accounts.length, 230);
    assert.deepEqual(accounts[3], {
      accountId: '100000000003',
      accountName: 'account-3',
      emailAddress: 'aws+3@example.com',
      roles: [{ roleName: 'Admin' }, { roleName: 'ReadOnly' }],
    });
    assert.deepEqual(accounts[4]?.roles, [{ roleName: 'ReadOnly' }]);

    const listCalls = ssoCalls(h).filter((c) => c.action === 'ListAccounts');
    const pages = listCalls.filter((c) => c.outcome === 'ok');
    assert.equal(pages.length, 3, '230 accounts in pages of 100');
    const firstRefusal = listCalls.findIndex((c) => c.outcome === 'TooManyRequestsException');
    assert.ok(firstRefusal > 0, 'a 429 came between two pages');
    assert.ok(listCalls.slice(firstRefusal).some((c) => c.outcome === 'ok' && c.nextToken));
    const throttled = ssoCalls(h).filter((c) => c.outcome === 'TooManyRequestsException');
    assert.ok(throttled.length > 0);
    assert.ok(h.waits.length >= throttled.length, 'every 429 was followed by a backoff');

    assert.deepEqual(progress[0], [0, null]);
    assert.deepEqual(progress.at(-1), [230, 230]);
    assert.ok(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0]));
  });

  test('a portal that keeps throttling ends with a clear error, not a hang', async () => {
    const h = (harness = await makeHarness({ sso: { portalCallsPerSecond: 0 } }));
    await signIn(h);
    await assert.rejects(
      h.service.listAccounts({ session: 'corp' }),
      (error: unknown) => error instanceof AppError && /too many requests/.test(error.message),
    );
  });

  test('listing can be cancelled', async () => {
    const h = (harness = await makeHarness({
      sso: { accounts: manyAccounts(40), portalCallsPerSecond: 2 },
    }));
    await signIn(h);
    const controller = new AbortController();
    h.onWait = () => controller.abort();
    await assert.rejects(
      h.service.listAccounts({ session: 'corp' }, { signal: controller.signal }),
      (error: unknown) => error instanceof AppError && error.code === 'CANCELLED',
    );
  });
});
