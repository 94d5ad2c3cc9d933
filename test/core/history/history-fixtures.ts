/** A realistic finished run for history tests, with overrides. */
import type { HistoryRecordInput } from '../../../main/core/history/history-record.ts';

export function aRun(overrides: Partial<HistoryRecordInput> = {}): HistoryRecordInput {
  return {
    time: Date.UTC(2025, 4, 12, 9, 30),
    endpoint: {
      id: 'orders-prod',
      name: 'Orders (prod)',
      url: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
    },
    profile: 'ops-admin',
    account: '123456789012',
    authMode: 'AWS_IAM',
    operationName: 'GetOrderById',
    operationType: 'query',
    query: 'query GetOrderById($id: ID!) { order(id: $id) { id status total } }',
    variables: { id: 'ord-1' },
    status: 'success',
    httpStatus: 200,
    durationMs: 42.5,
    response: '{"data":{"order":{"id":"ord-1","status":"SHIPPED","total":12.5}}}',
    errors: [],
    source: 'desktop',
    ...overrides,
  };
}

/** Credentials of every kind a run could carry, all shaped like the real thing. */
export const SECRETS = {
  apiKey: 'da2-x7kq2mh5ybdzrfnwl3tvecgpsa',
  jwt:
    'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ1c2VyLTEiLCJhdWQiOiJ3b3JrYmVuY2gifQ.' +
    'c2lnbmF0dXJlLW9mLXRoZS1pZC10b2tlbi1mb3ItdGVzdHM',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE9KY',
  sessionToken:
    'IQoJb3JpZ2luX2VjEBAaCXVzLWVhc3QtMSJHMEUCIQDexampleSessionTokenPartTwo0123456789abcdefABCDEF',
  accessKeyId: 'ASIAZ7EXAMPLE4KEYID2',
  lambdaToken: 'custom-lambda-authorizer-token-9f8e7d6c',
  password: 'hunter2-correct-horse',
} as const;
