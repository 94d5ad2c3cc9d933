/**
 * Plays a dead link against the sandbox: its keep-alives stop until the client notices (the
 * subscription shows `reconnecting`), then resume so that the next connection stays up.
 */
import type { Sandbox } from '../../../../main/sandbox/sandbox-server.ts';
import type { Changes } from './changes.ts';
import type { Watched } from './watched-client.ts';

export async function loseLink(sandbox: Sandbox, changes: Changes, sub: Watched): Promise<void> {
  sandbox.realtime.setKeepAlives(false);
  try {
    await changes.until(() => sub.last()?.status === 'reconnecting', 'the link to be lost');
  } finally {
    sandbox.realtime.setKeepAlives(true);
  }
}
