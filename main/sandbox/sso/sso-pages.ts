import type { WireResponse } from '../sts/sts-wire.ts';
import { html, htmlEscape } from './sso-wire.ts';

/**
 * The pages a person sees in the browser during a local IAM Identity Center login: the device
 * verification page and the authorization-code consent page. Plain forms (no script), so a
 * Playwright test drives them the way a user would: fill, click "Allow".
 */

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}input,select{font:inherit}</style></head>
<body><h1>${htmlEscape(title)}</h1>${content}</body></html>`;
}

function userChoice(users: string[]): string {
  if (users.length < 2) return '';
  const options = users.map((u) => `<option>${htmlEscape(u)}</option>`).join('');
  return `<p><label>Signed in as <select name="user">${options}</select></label></p>`;
}

const buttons =
  '<button type="submit" name="decision" value="approve">Allow</button>' +
  '<button type="submit" name="decision" value="deny">Deny</button>';

export function devicePage(userCode: string, users: string[], error?: string): WireResponse {
  const problem = error ? `<p role="alert">${htmlEscape(error)}</p>` : '';
  return html(
    error ? 400 : 200,
    layout(
      'Authorize request',
      `${problem}<form method="post" action="/device">
<p><label>Code <input name="user_code" value="${htmlEscape(userCode)}" autocomplete="off"></label></p>
${userChoice(users)}<p>${buttons}</p></form>`,
    ),
  );
}

export function doneDevicePage(approved: boolean): WireResponse {
  return html(
    200,
    layout(
      approved ? 'Request approved' : 'Request denied',
      `<p>${approved ? 'You can close this window and return to the application.' : 'The application was not given access.'}</p>`,
    ),
  );
}

export function authorizePage(params: URLSearchParams, users: string[]): WireResponse {
  const hidden = [...params.entries()]
    .filter(([name]) => name !== 'decision' && name !== 'user')
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${htmlEscape(name)}" value="${htmlEscape(value)}">`,
    )
    .join('');
  return html(
    200,
    layout(
      'Allow access?',
      `<form method="post" action="/authorize">${hidden}
<p>An application on this computer asks to use your IAM Identity Center session.</p>
${userChoice(users)}<p>${buttons}</p></form>`,
    ),
  );
}
