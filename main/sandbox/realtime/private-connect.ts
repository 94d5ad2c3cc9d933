/**
 * A private API's real-time connect header is signed for the API's own HTTP host, never for
 * the address the socket went to; a header naming another host is refused (GraphQL and Events).
 */
import { apiDomains, type PrivateApiShape } from '../appsync/private-api.ts';
import type { readConnectHeader } from './realtime-wire.ts';

type ConnectHeader = ReturnType<typeof readConnectHeader>;

export function signedForApi(api: PrivateApiShape, header: ConnectHeader): ConnectHeader {
  if (!api.privateApi || !header.ok) return header;
  const host = String(header.headers.host ?? '').toLowerCase();
  const expected = apiDomains(api).graphql;
  if (host === expected) return header;
  return {
    ok: false,
    error: {
      errorType: 'BadRequestException',
      message: `The connect header's host is ${host || 'missing'}; a private API's is ${expected}.`,
      errorCode: 400,
    },
  };
}
