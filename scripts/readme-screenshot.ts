/**
 * Regenerates docs/screenshot-profiles.png: the real web host on a sample ~/.aws, shot in
 * Debian's Chromium. Run after `npm run build`: node scripts/readme-screenshot.ts
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/support/chromium.ts';
import { makeTempDir, startWebHostProcess } from '../test/support/web-host-process.ts';

const home = await makeTempDir('readme');
await mkdir(join(home, '.aws'));
await writeFile(
  join(home, '.aws', 'config'),
  `[default]
region = eu-west-1

[profile ops-base]
region = eu-west-1

[profile ops-admin]
role_arn = arn:aws:iam::123456789012:role/OpsAdmin
source_profile = ops-base
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-central-1

[profile prod-readonly]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = ReadOnly
region = us-east-1

[profile staging-deploy]
role_arn = arn:aws:iam::555555555555:role/Deploy
credential_source = Environment

[profile ci-runner]
credential_process = /usr/local/bin/vault-aws-creds ci

[profile eks-pod]
role_arn = arn:aws:iam::666666666666:role/Pod
web_identity_token_file = /var/run/secrets/token

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`,
);
await writeFile(
  join(home, '.aws', 'credentials'),
  `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n[ops-base]\naws_access_key_id = AKIAEXAMPLE2\naws_secret_access_key = example\n`,
);
const host = await startWebHostProcess(home);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({
      viewport: { width: 1120, height: 560 },
      colorScheme: scheme,
    });
    await page.goto(host.url);
    await page.locator('[data-profile="ops-admin"]').click();
    await page.locator('[aria-current="true"][data-profile="ops-admin"]').waitFor();
    const out = fileURLToPath(
      new URL(`../docs/screenshot-profiles-${scheme}.png`, import.meta.url),
    );
    await page.screenshot({ path: out });
    await page.close();
    console.log(`wrote ${out}`);
  }
} finally {
  await browser.close();
  await host.stop();
}
