/**
 * Where to send STS and SSO calls, decided the standard way the installed SDK does it
 * (@smithy/core endpoints: getEndpointFromConfig / getEndpointUrlConfig), but from the
 * CoreEnvironment's variables and the profile being resolved rather than the process's own:
 *   AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls → none;
 *   AWS_ENDPOINT_URL_<SERVICE> → AWS_ENDPOINT_URL → [services] section's `<service>.endpoint_url`
 *   → the profile's `endpoint_url`.
 */
import type { EnvVars } from '../environment.ts';
import type { IniSection } from '../profiles/aws-files.ts';
import type { AwsProfileData } from './credential-chain.ts';

const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

export function serviceEndpoint(
  serviceId: 'sts' | 'sso',
  env: EnvVars,
  data: AwsProfileData,
  profile: IniSection | undefined,
): string | undefined {
  const ignoreFromEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  const ignore =
    ignoreFromEnv !== undefined
      ? isTrue(ignoreFromEnv)
      : isTrue(profile?.ignore_configured_endpoint_urls);
  if (ignore) return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase()}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  if (!profile) return undefined;
  if (profile.services) {
    const section = data.services[profile.services];
    const url = section?.[`${serviceId}.endpoint_url`];
    if (url) return url;
  }
  return profile.endpoint_url || undefined;
}

/** The region STS is called in: the environment's, else the profile's, else us-east-1. */
export function stsRegion(env: EnvVars, profile: IniSection | undefined): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || profile?.region || 'us-east-1';
}
