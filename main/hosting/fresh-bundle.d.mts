/** The URL of dist/<host>/<entry> while that bundle is fresh, else null (fresh-bundle.mjs). */
export function freshBundle(host: string, entry: string): string | null;
