/**
 * The demo Event API: every mode may connect; `default` lets API keys and IAM publish and every
 * mode subscribe; `alerts` takes publishes only signed with IAM (a backend) and subscriptions
 * only with an API key or a token (browsers), so the two lists visibly differ; `iam`, `apikey`
 * and `lambda` take only their own mode, both ways, so the demo shows each mode on its own.
 */
import type { DemoFixture } from '../demo-fixture.ts';
import type { EventApiConfig } from './event-api-config.ts';

export function demoEventApi(demo: DemoFixture): EventApiConfig {
  return {
    apiId: demo.eventApiId,
    accountId: demo.accountId,
    region: demo.region,
    connectionAuthModes: [
      'API_KEY',
      'AWS_IAM',
      'AWS_LAMBDA',
      'OPENID_CONNECT',
      'AMAZON_COGNITO_USER_POOLS',
    ],
    defaultPublishAuthModes: ['API_KEY', 'AWS_IAM'],
    defaultSubscribeAuthModes: [
      'API_KEY',
      'AWS_IAM',
      'AWS_LAMBDA',
      'OPENID_CONNECT',
      'AMAZON_COGNITO_USER_POOLS',
    ],
    namespaces: [
      { name: 'default' },
      {
        name: 'alerts',
        publishAuthModes: ['AWS_IAM'],
        subscribeAuthModes: [
          'API_KEY',
          'AWS_LAMBDA',
          'OPENID_CONNECT',
          'AMAZON_COGNITO_USER_POOLS',
        ],
      },
      { name: 'iam', publishAuthModes: ['AWS_IAM'], subscribeAuthModes: ['AWS_IAM'] },
      { name: 'apikey', publishAuthModes: ['API_KEY'], subscribeAuthModes: ['API_KEY'] },
      { name: 'lambda', publishAuthModes: ['AWS_LAMBDA'], subscribeAuthModes: ['AWS_LAMBDA'] },
      {
        name: 'oidc',
        publishAuthModes: ['OPENID_CONNECT'],
        subscribeAuthModes: ['OPENID_CONNECT'],
      },
      {
        name: 'cognito',
        publishAuthModes: ['AMAZON_COGNITO_USER_POOLS'],
        subscribeAuthModes: ['AMAZON_COGNITO_USER_POOLS'],
      },
    ],
  };
}
