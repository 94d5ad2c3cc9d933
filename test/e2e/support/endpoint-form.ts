/** Adds an API-key endpoint through the Endpoints view, as a user would. */
import type { Page } from 'playwright-core';

export async function addApiKeyEndpoint(
  page: Page,
  endpoint: { name: string; url: string; apiKey: string; connectTo?: string },
): Promise<void> {
  await page.getByTestId('nav-endpoints').click();
  await page.getByTestId('add-endpoint').click();
  const form = page.getByTestId('endpoint-form');
  await form.getByTestId('endpoint-name').fill(endpoint.name);
  await form.getByTestId('endpoint-url').fill(endpoint.url);
  await form.getByTestId('mode-type').first().selectOption('API_KEY');
  await form.getByTestId('mode-secret').first().fill(endpoint.apiKey);
  if (endpoint.connectTo) {
    await form.getByText('Private API, custom domain').click();
    await form.getByTestId('endpoint-connect-to').fill(endpoint.connectTo);
  }
  await form.getByTestId('save-endpoint').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('endpoint-item').filter({ hasText: endpoint.name }).waitFor();
}
