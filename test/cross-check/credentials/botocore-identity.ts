/**
 * The reference side of the credential cross-checks: the identity boto3 reaches for a profile of
 * a test HOME (its config and credentials files), asking the local STS peer.
 */
import type { AwsHome } from '../../support/aws-home.ts';

const BOTO = `
import json, os, boto3
s = boto3.Session(profile_name=os.environ['PROFILE'])
print(json.dumps(s.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS'], region_name='us-east-1').get_caller_identity()))
`;
import { runReference } from '../../support/references.ts';

export interface BotoIdentity {
  Account: string;
  Arn: string;
  UserId: string;
}

/** `env` must name the STS peer (AWS_ENDPOINT_URL_STS) and whatever else the profile reads. */
export async function botocoreIdentity(
  home: AwsHome,
  profile: string,
  env: Record<string, string>,
): Promise<BotoIdentity> {
  const { stdout } = await runReference('python3', ['-c', BOTO], {
    HOME: home.home,
    AWS_CONFIG_FILE: home.configFile,
    AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile,
    PROFILE: profile,
    ...env,
  });
  return JSON.parse(stdout) as BotoIdentity;
}
