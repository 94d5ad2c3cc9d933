/**
 * Channel paths as AppSync Events reads them: `/namespace/seg/…` (the leading slash optional),
 * a namespace and at most four more segments of 1–50 letters, digits or dashes; a subscription
 * may end in `/*`, matching every channel below that path at any depth.
 */
const SEGMENT = /^[A-Za-z0-9-]{1,50}$/;

export interface ChannelPath {
  /** Normalised, with its leading slash. */
  path: string;
  namespace: string;
  segments: string[];
  wildcard: boolean;
}

export function readChannel(text: unknown, use: 'publish' | 'subscribe'): ChannelPath | null {
  if (typeof text !== 'string' || text.length > 300) return null;
  const segments = text.replace(/^\//, '').split('/');
  if (segments.length < 1 || segments.length > 5) return null;
  const wildcard = segments[segments.length - 1] === '*';
  if (wildcard && (use === 'publish' || segments.length < 2)) return null;
  const named = wildcard ? segments.slice(0, -1) : segments;
  if (!named.every((segment) => SEGMENT.test(segment))) return null;
  return { path: `/${segments.join('/')}`, namespace: segments[0]!, segments: named, wildcard };
}

/** Does a subscription to `pattern` receive what is published to `channel`? */
export function channelMatches(pattern: ChannelPath, channel: ChannelPath): boolean {
  if (!pattern.wildcard) return pattern.path === channel.path;
  if (channel.segments.length <= pattern.segments.length) return false;
  return pattern.segments.every((segment, i) => channel.segments[i] === segment);
}
