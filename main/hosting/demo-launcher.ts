/**
 * The hosts' DemoLauncher: the local sandbox (AppSync, STS, console sign-in) on 127.0.0.1,
 * started once.
 */
import type { DemoLauncher } from '../core/demo/demo-workspace.ts';
import { DEMO_PROFILES, writeDemoAwsFiles } from '../sandbox/demo-fixture.ts';
import { startSandbox, type Sandbox } from '../sandbox/sandbox-server.ts';
import { FEDERATION_PATH } from '../sandbox/signin/federation-peer.ts';

export function createDemoLauncher(): DemoLauncher {
  let running: Promise<Sandbox> | null = null;
  return {
    async start(dir) {
      running ??= startSandbox();
      const sandbox = await running;
      const files = await writeDemoAwsFiles(dir, {
        endpointUrl: sandbox.url,
        fixture: sandbox.demo,
      });
      return {
        configFile: files.configFile,
        credentialsFile: files.credentialsFile,
        graphqlUrl: sandbox.graphqlUrl,
        region: sandbox.demo.region,
        apiKey: sandbox.apiKey,
        eventUrl: sandbox.eventUrl,
        lambdaToken: sandbox.demo.lambdaToken,
        profiles: files.profiles,
        firstProfile: DEMO_PROFILES.keys,
        federationEndpoint: `${sandbox.url}${FEDERATION_PATH}`,
      };
    },
    async stop() {
      const sandbox = running;
      running = null;
      if (sandbox) await (await sandbox).close();
    },
  };
}
