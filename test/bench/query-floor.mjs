// The least a signed `query` has to do in Node, as a baseline for cli.bench.ts: read the AWS
// files, sign the request (SigV4 with node:crypto), POST it over node:http, record the answer in
// SQLite and print it. No argument parsing, no checks, no error handling: nothing a command line
// could leave out is left in. Usage: node query-floor.mjs <graphql-url> <query>
import module from 'node:module';

const require = module.createRequire(import.meta.url);
const { mkdirSync, readFileSync } = require('node:fs');
const { request } = require('node:http');
const { createHash, createHmac } = require('node:crypto');
const { DatabaseSync } = require('node:sqlite');

const [url, query] = process.argv.slice(2);
const credentials = readFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, 'utf8');
readFileSync(process.env.AWS_CONFIG_FILE, 'utf8');
const keys = credentials.slice(credentials.indexOf('[sandbox-keys]'));
const accessKey = /aws_access_key_id\s*=\s*(\S+)/.exec(keys)[1];
const secretKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(keys)[1];

const target = new URL(url);
const body = JSON.stringify({ query });
const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
const day = amzDate.slice(0, 8);
const scope = `${day}/us-east-1/appsync/aws4_request`;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
const bodyHash = sha256(body);
const headers = {
  'content-type': 'application/json',
  host: target.host,
  'x-amz-content-sha256': bodyHash,
  'x-amz-date': amzDate,
};
const signed = Object.keys(headers).join(';');
const canonical = [
  'POST',
  target.pathname,
  '',
  ...Object.entries(headers).map(([name, value]) => `${name}:${value}`),
  '',
  signed,
  bodyHash,
].join('\n');
const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
let key = `AWS4${secretKey}`;
for (const part of [day, 'us-east-1', 'appsync', 'aws4_request']) key = hmac(key, part);
const signature = createHmac('sha256', key).update(toSign).digest('hex');
headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;

const call = request(target, { method: 'POST', headers }, (response) => {
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk) => (text += chunk));
  response.on('end', () => {
    const dir = `${process.env.APPSYNC_WORKBENCH_DATA_DIR}/query-floor`;
    mkdirSync(dir, { recursive: true });
    const db = new DatabaseSync(`${dir}/history.sqlite`);
    db.exec('CREATE TABLE IF NOT EXISTS runs (at INTEGER, url TEXT, answer TEXT)');
    db.prepare('INSERT INTO runs VALUES (?, ?, ?)').run(Date.now(), url, text);
    db.close();
    process.stdout.write(`${text}\n`);
  });
});
call.end(body);
