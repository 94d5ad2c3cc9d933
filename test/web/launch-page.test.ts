/**
 * `npm run web --open` as a user runs it: the browser is handed a private file that forwards to
 * the launch URL, so the code never appears on a command line; Enter prints another link.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  makeTempDir,
  startWebHostProcess,
  type RunningWebHost,
} from '../support/web-host-process.ts';
import { enter, get, launchPath } from './web-host-client.ts';

describe('web host launch page', () => {
  let host: RunningWebHost;
  let argv: string[];

  before(async () => {
    const tools = await makeTempDir('launch-browser');
    // The fake browser writes its arguments into a FIFO: reading it waits for the browser.
    const opened = join(tools, 'opened');
    execFileSync('mkfifo', [opened]);
    const browser = join(tools, 'browser.sh');
    await writeFile(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`);
    await chmod(browser, 0o755);
    const arguments_ = readFile(opened, 'utf8');
    host = await startWebHostProcess(await makeTempDir('launch-page'), { BROWSER: browser }, [
      '--open',
    ]);
    argv = (await arguments_).split('\n').filter(Boolean);
  });

  after(async () => {
    await host?.stop();
  });

  test("the browser's argv holds a file URL, never the launch code", () => {
    const code = new URL(host.url).searchParams.get('code') ?? '';
    assert.equal(argv.length, 1, JSON.stringify(argv));
    assert.match(argv[0] ?? '', /^file:\/\//);
    assert.ok(!argv.join(' ').includes(code), 'the code is on the command line');
  });

  test('the file is readable by its owner only and forwards to the launch URL', async () => {
    const file = fileURLToPath(argv[0] ?? '');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(dirname(file))).mode & 0o777, 0o700);
    const html = await readFile(file, 'utf8');
    assert.ok(html.includes(`<meta http-equiv="refresh" content="0;url=${host.url}">`), html);
    assert.ok((await enter(host)).startsWith(`awb_${host.port}=`), 'the forwarded code lets in');
  });

  test('Enter prints a fresh link that works once', async () => {
    const url = await host.newLaunchUrl();
    assert.notEqual(url, host.url);
    await enter(host, url);
    assert.equal((await get(host, launchPath(url))).status, 401);
  });

  test('the file is gone once the host stops', async () => {
    await host.stop();
    assert.equal(existsSync(fileURLToPath(argv[0] ?? '')), false);
  });
});
