import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  credentialProcessJson,
  shellExport,
} from '../../../main/core/credentials/terminal-export.ts';
import { parseProcessOutput } from '../../../main/core/credentials/credential-process.ts';

const TEMPORARY = {
  accessKeyId: 'ASIAEXAMPLE000000001',
  // Quotes, dollars and backslashes must arrive intact in every shell.
  secretAccessKey: `it's$HOME\\"x"/+=`,
  sessionToken: 'FwoGZXIvYXdzE//token+with/slashes==',
  expiration: new Date('2030-01-02T03:04:05.000Z'),
};

describe('terminal export', () => {
  test('bash lines, evaluated by a real bash, set exactly the credentials', () => {
    const text = shellExport(TEMPORARY, 'bash', { region: 'eu-west-1' });
    const out = execFileSync(
      'bash',
      [
        '-c',
        `export AWS_SESSION_TOKEN=stale\n${text}\nprintf '%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION" "$AWS_REGION"`,
      ],
      { encoding: 'utf8', env: {}, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    assert.deepEqual(out.split('\n').slice(0, 5), [
      TEMPORARY.accessKeyId,
      TEMPORARY.secretAccessKey,
      TEMPORARY.sessionToken,
      '2030-01-02T03:04:05.000Z',
      'eu-west-1',
    ]);
  });

  test('long-term keys unset a session token left from an earlier export', () => {
    const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };
    const out = execFileSync(
      'bash',
      [
        '-c',
        `export AWS_SESSION_TOKEN=stale\n${shellExport(keys, 'bash')}\necho "[\${AWS_SESSION_TOKEN-unset}]"`,
      ],
      { encoding: 'utf8', env: {}, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    assert.equal(out.trim(), '[unset]');
    assert.match(shellExport(keys, 'fish'), /^set -e AWS_SESSION_TOKEN$/m);
    assert.match(shellExport(keys, 'powershell'), /^Remove-Item Env:AWS_SESSION_TOKEN/m);
  });

  test('PowerShell and fish quote the same values their own way', () => {
    const ps = shellExport(TEMPORARY, 'powershell');
    assert.match(ps, /^\$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE000000001'$/m);
    assert.ok(ps.includes(`$Env:AWS_SECRET_ACCESS_KEY = 'it''s$HOME\\"x"/+='`));
    const fish = shellExport(TEMPORARY, 'fish');
    assert.ok(fish.includes(`set -gx AWS_SECRET_ACCESS_KEY 'it\\'s$HOME\\\\"x"/+='`));
  });

  test('credential_process JSON is what a credential_process reader accepts', () => {
    const json = credentialProcessJson(TEMPORARY);
    const parsed = parseProcessOutput('roundtrip', json, Date.parse('2029-01-01T00:00:00Z'));
    assert.deepEqual(parsed, TEMPORARY);
    assert.equal((JSON.parse(json) as { Version: number }).Version, 1);
  });
});
