/**
 * What crosses IPC of a request's answer: a large body goes as its text only. The renderer's
 * viewer formats text itself (in a worker); sending the parsed tree too would double the
 * message and make the window parse 20 MB of structure on its main thread.
 */
import { LARGE_BODY_BYTES, type RequestResultDTO } from '../../shared/requests.ts';

export function forRenderer(result: RequestResultDTO): RequestResultDTO {
  return result.bodyText.length > LARGE_BODY_BYTES ? { ...result, body: null } : result;
}
