/**
 * The name patterns that tag profiles and endpoints production / staging / dev until the user
 * sets their own. Apart from the settings file's schema, so the requests engine can fall back
 * on them without loading it.
 */
import type { EnvironmentPatterns } from '../../../shared/profiles.ts';

export const DEFAULT_ENVIRONMENT_PATTERNS: EnvironmentPatterns = {
  production: ['*prod*', '*prd*', '*live*'],
  staging: ['*staging*', '*stage*', '*stg*', '*uat*'],
  dev: ['*dev*', '*sandbox*', '*test*'],
};
