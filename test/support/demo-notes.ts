/**
 * The demo sandbox's notes, created over HTTP with its API key as another client would: what a
 * subscription to `onCreateNote` receives in the tests and benchmarks that drive one.
 */
import { createDemoFixture } from '../../main/sandbox/demo-fixture.ts';

/** The demo API key is a fixed, fake constant of the sandbox (it works only on 127.0.0.1). */
const DEMO_API_KEY = createDemoFixture(0).apiKey.value;

/** Whether the note was created (HTTP 200 and no GraphQL errors). */
export async function createDemoNote(graphqlUrl: string, title: string): Promise<boolean> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({
      query: 'mutation($t: String!) { createNote(input: { title: $t }) { id } }',
      variables: { t: title },
    }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  return response.ok && !body.errors;
}
