/**
 * The workbench signed in as moto: a HOME whose `moto` profile holds moto's keys, STS and the
 * given services pointed at moto (the app checks who a profile is as soon as it is chosen),
 * and that profile chosen.
 */
import { makeAwsHome } from '../../support/aws-home.ts';
import { MOTO_KEYS, type MotoServer } from '../../support/moto-server.ts';
import { openWorkbench, type WorkbenchSession } from './workbench-session.ts';

export async function openWorkbenchAsMoto(
  label: string,
  moto: MotoServer,
  region: string,
  env: Record<string, string>,
): Promise<WorkbenchSession> {
  const home = await makeAwsHome({
    config: `[profile moto]\nregion = ${region}\n`,
    credentials: `[moto]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
  });
  const session = await openWorkbench(label, {
    home: home.home,
    env: { ...env, AWS_ENDPOINT_URL_STS: moto.url },
  });
  try {
    await session.page.locator('[data-profile="moto"]').first().click();
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}
