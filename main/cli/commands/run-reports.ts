/**
 * The files `appsync-workbench run --reporter junit|json|html <file>` writes. JUnit follows the
 * shape CI servers read (Jenkins' junit-10 schema: a testsuite per folder, a testcase per
 * request run, a failure per failed check); HTML is one self-contained page, every value
 * escaped, no external assets. Reports hold what the run printed: answers are already
 * scrubbed of secrets and scripts never saw one.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { reportCounts } from '../../../shared/request-tests.ts';
import { failures, label, type Outcome } from './run-outcome.ts';

export const REPORTERS = ['junit', 'json', 'html'] as const;
export type ReporterKind = (typeof REPORTERS)[number];

export interface RunReport {
  collection: string;
  environment: string | null;
  startedAt: string;
  durationMs: number;
  outcomes: Outcome[];
}

const folderOf = (id: string) => (id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : '');
const nameOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

// eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these at all
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);

function groups(report: RunReport): Map<string, Outcome[]> {
  const byFolder = new Map<string, Outcome[]>();
  for (const outcome of report.outcomes) {
    const folder = folderOf(outcome.id);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), outcome]);
  }
  return byFolder;
}

function testcase(outcome: Outcome, classname: string): string {
  const name = escapeXml(label({ ...outcome, id: nameOf(outcome.id) }));
  const checks = outcome.tests ? reportCounts(outcome.tests) : null;
  const attrs = `name="${name}" classname="${escapeXml(classname)}" time="${seconds(outcome.durationMs)}"${checks ? ` assertions="${checks.passed + checks.failed}"` : ''}`;
  const body: string[] = [];
  if (!outcome.ok && outcome.status === null) {
    body.push(
      `<error message="${escapeXml(outcome.error ?? 'the request did not run')}" type="request"/>`,
    );
  } else if (!outcome.ok) {
    const lines = outcome.tests ? failures(outcome.tests) : [];
    if (lines.length === 0 || outcome.error !== lines[0]) {
      body.push(`<failure message="${escapeXml(outcome.error ?? 'failed')}" type="request"/>`);
    }
    for (const a of outcome.tests?.assertions.filter((x) => !x.passed) ?? []) {
      body.push(
        `<failure message="${escapeXml(a.message)}" type="assertion">${escapeXml(`${a.path} ${a.operator} ${a.expected ?? ''}\nactual: ${a.actual}`)}</failure>`,
      );
    }
    for (const t of outcome.tests?.tests.filter((x) => !x.passed) ?? []) {
      body.push(
        `<failure message="${escapeXml(`test "${t.name}": ${t.message ?? 'failed'}`)}" type="test"/>`,
      );
    }
    for (const e of outcome.tests?.errors ?? []) {
      body.push(`<failure message="${escapeXml(e.message)}" type="script"/>`);
    }
  }
  const logs = outcome.tests?.logs ?? [];
  if (logs.length) {
    body.push(
      `<system-out>${escapeXml(logs.map((l) => `[${l.phase}] ${l.message}`).join('\n'))}</system-out>`,
    );
  }
  return body.length
    ? `    <testcase ${attrs}>\n${body.map((b) => `      ${b}`).join('\n')}\n    </testcase>`
    : `    <testcase ${attrs}/>`;
}

export function junitReport(report: RunReport): string {
  const suites: string[] = [];
  for (const [folder, outcomes] of groups(report)) {
    const name = folder ? `${report.collection}/${folder}` : report.collection;
    const classname = [report.collection, ...folder.split('/').filter(Boolean)].join('.');
    const errors = outcomes.filter((o) => !o.ok && o.status === null).length;
    const failed = outcomes.filter((o) => !o.ok && o.status !== null).length;
    const time = outcomes.reduce((sum, o) => sum + (o.durationMs ?? 0), 0);
    suites.push(
      `  <testsuite name="${escapeXml(name)}" tests="${outcomes.length}" failures="${failed}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${report.startedAt.slice(0, 19)}">\n` +
        outcomes.map((o) => testcase(o, classname)).join('\n') +
        '\n  </testsuite>',
    );
  }
  const all = report.outcomes;
  const errors = all.filter((o) => !o.ok && o.status === null).length;
  const failed = all.filter((o) => !o.ok && o.status !== null).length;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${escapeXml(report.collection)}" tests="${all.length}" failures="${failed}" errors="${errors}" time="${seconds(report.durationMs)}">\n` +
    suites.join('\n') +
    '\n</testsuites>\n'
  );
}

export function jsonReport(report: RunReport): string {
  const failed = report.outcomes.filter((o) => !o.ok).length;
  return (
    JSON.stringify(
      {
        collection: report.collection,
        environment: report.environment,
        startedAt: report.startedAt,
        durationMs: report.durationMs,
        passed: report.outcomes.length - failed,
        failed,
        requests: report.outcomes.map(({ exitCode: _exit, ...rest }) => rest),
      },
      null,
      2,
    ) + '\n'
  );
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function htmlRequest(outcome: Outcome): string {
  const rows = [
    ...(outcome.tests?.assertions ?? []).map(
      (a) =>
        `<tr class="${a.passed ? 'pass' : 'fail'}"><td>${a.passed ? '✓' : '✗'}</td><td>assertion</td><td>${escapeHtml(a.message)}</td></tr>`,
    ),
    ...(outcome.tests?.tests ?? []).map(
      (t) =>
        `<tr class="${t.passed ? 'pass' : 'fail'}"><td>${t.passed ? '✓' : '✗'}</td><td>${t.phase} test</td><td>${escapeHtml(t.name)}${t.message ? `: ${escapeHtml(t.message)}` : ''}</td></tr>`,
    ),
    ...(outcome.tests?.errors ?? []).map(
      (e) =>
        `<tr class="fail"><td>✗</td><td>${e.phase} script</td><td>${escapeHtml(e.message)}</td></tr>`,
    ),
  ];
  const logs = outcome.tests?.logs ?? [];
  return `<section class="${outcome.ok ? 'pass' : 'fail'}">
<h2>${outcome.ok ? '✓' : '✗'} ${escapeHtml(label(outcome))} <small>${outcome.status ?? '—'} · ${outcome.durationMs ?? '—'} ms</small></h2>
${outcome.error ? `<p class="why">${escapeHtml(outcome.error)}</p>` : ''}
${rows.length ? `<table>${rows.join('\n')}</table>` : ''}
${logs.length ? `<pre>${escapeHtml(logs.map((l) => `[${l.phase}] ${l.message}`).join('\n'))}</pre>` : ''}
</section>`;
}

export function htmlReport(report: RunReport): string {
  const failed = report.outcomes.filter((o) => !o.ok).length;
  const title = `${report.collection}: ${report.outcomes.length - failed} passed, ${failed} failed`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.4rem}h2{font-size:1rem;margin:.2rem 0}small{color:#667;font-weight:normal}
section{border-left:4px solid #2e8540;padding:.4rem .8rem;margin:.8rem 0;background:#f6f8fa}
section.fail{border-color:#c62828}.why{color:#c62828;margin:.2rem 0}
table{border-collapse:collapse;width:100%}td{padding:.15rem .4rem;vertical-align:top}
tr.fail td{color:#c62828}pre{background:#fff;padding:.4rem;overflow:auto}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>Environment: ${escapeHtml(report.environment ?? 'base variables')} · started ${escapeHtml(report.startedAt)} · ${Math.round(report.durationMs)} ms</p>
${report.outcomes.map(htmlRequest).join('\n')}
</body></html>
`;
}

const WRITERS: Record<ReporterKind, (report: RunReport) => string> = {
  junit: junitReport,
  json: jsonReport,
  html: htmlReport,
};

/** Writes every requested report; returns the paths written. */
export async function writeReports(
  reporters: { kind: ReporterKind; file: string }[],
  report: RunReport,
): Promise<string[]> {
  const written: string[] = [];
  for (const { kind, file } of reporters) {
    const path = resolve(file);
    await writeFile(path, WRITERS[kind](report));
    written.push(path);
  }
  return written;
}
