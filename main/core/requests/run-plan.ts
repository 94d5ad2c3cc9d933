/**
 * What a run of a saved endpoint will use — auth mode, the profile it signs with, region,
 * service, whether it lands on production — decided once, here, for the run itself and for
 * the renderer's Run button (`requests.plan`), so the two cannot disagree.
 */
import { AppError } from '../../../shared/errors.ts';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import type { RunPlanDTO } from '../../../shared/requests.ts';
import type { EnvironmentPatterns } from '../../../shared/profiles.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import { endpointMode } from '../endpoints/endpoint-mode.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from '../settings/default-environment-patterns.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import { productionTarget } from './production-guard.ts';
import { iamTarget, signingProfile } from './request-auth.ts';

export interface RunPlanRequest {
  endpointId: string;
  authMode?: AuthModeType;
  profile?: string;
}

export interface RunPlanDeps {
  endpoints: Pick<EndpointStore, 'get'>;
  credentials: Pick<CredentialSource, 'region'>;
  activeProfile: () => Promise<string | null>;
  patterns: () => Promise<EnvironmentPatterns | undefined>;
}

export async function planRun(request: RunPlanRequest, deps: RunPlanDeps): Promise<RunPlanDTO> {
  const endpoint = await deps.endpoints.get(request.endpointId);
  const plan: RunPlanDTO = {
    endpoint: { id: endpoint.id, name: endpoint.name },
    authMode: null,
    profile: null,
    region: null,
    service: null,
    production: null,
    problem: null,
  };
  try {
    const mode = endpointMode(endpoint, request.authMode);
    plan.authMode = mode.type;
    if (mode.type === 'AWS_IAM') {
      plan.profile = await signingProfile(mode, request.profile, deps.activeProfile);
      plan.service = mode.service;
      if (plan.profile) {
        const target = await iamTarget(mode, new URL(endpoint.url), plan.profile, deps.credentials);
        plan.region = target.region;
      } else {
        plan.problem = 'No AWS profile is chosen to sign with: choose one in the sidebar.';
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    plan.problem = error.message;
  }
  const patterns = (await deps.patterns()) ?? DEFAULT_ENVIRONMENT_PATTERNS;
  plan.production = productionTarget(
    { profile: plan.profile, endpointName: endpoint.name },
    patterns,
  );
  return plan;
}
