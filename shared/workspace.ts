import type { VaultNoticeDTO } from './vault-notice.ts';

/** Which AWS world the workbench is looking at: the user's ~/.aws, or the local demo sandbox. */
export interface WorkspaceDTO {
  kind: 'user' | 'demo';
  /** Whether this host can start the local sandbox. */
  demoAvailable: boolean;
  demo: {
    graphqlUrl: string;
    region: string;
    endpointId: string;
    /** The demo Event API (AppSync Events) and its endpoint. */
    eventUrl: string;
    eventEndpointId: string;
    profiles: { name: string; purpose: string }[];
  } | null;
  /** What the user has yet to be told about where this host keeps secrets (desktop only). */
  vaultNotice: VaultNoticeDTO | null;
}
