import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyAsCode } from '../../../main/core/requests/copy-as-code.ts';
import { base } from './support/copy-as-code-input.ts';

describe('copy as code', () => {
  test('TypeScript for IAM signs with @smithy/signature-v4 and fromIni', () => {
    const code = copyAsCode('typescript', {
      ...base,
      auth: { type: 'AWS_IAM', profile: 'ops', service: 'execute-api' },
      profile: 'ops',
      region: 'eu-west-1',
    });
    assert.match(code, /credentials: fromIni\(\{ profile: "ops" \}\)/);
    assert.match(code, /service: "execute-api"/);
    assert.match(
      copyAsCode('curl', {
        ...base,
        auth: { type: 'AWS_IAM', profile: 'ops', service: 'execute-api' },
        region: 'eu-west-1',
      }),
      /--aws-sigv4 'aws:amz:eu-west-1:execute-api'/,
    );
  });
});
