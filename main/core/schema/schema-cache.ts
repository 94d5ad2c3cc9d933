/**
 * Schemas kept per endpoint (`<data dir>/schemas/<endpoint id>.json`): the introspection result
 * as the API gave it, or AppSync's SDL text, with where and when it was fetched. A cache is only
 * a copy: one that does not parse, or was fetched for another URL, is ignored (and replaced on
 * the next load), never an error. Writes are atomic.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import {
  SCHEMA_SOURCES,
  type IntrospectionResultJSON,
  type SchemaSource,
} from '../../../shared/schema.ts';
import { writeFileAtomic } from '../atomic-file.ts';

const cachedSchema = z.object({
  version: z.literal(1),
  url: z.string(),
  source: z.enum(SCHEMA_SOURCES),
  fetchedAt: z.string(),
  /** `introspection`: the JSON result; `sdl`: AppSync's SDL text. */
  format: z.enum(['introspection', 'sdl']),
  content: z.unknown(),
});

export type CachedSchema =
  | {
      url: string;
      source: SchemaSource;
      fetchedAt: string;
      format: 'introspection';
      content: IntrospectionResultJSON;
    }
  | { url: string; source: SchemaSource; fetchedAt: string; format: 'sdl'; content: string };

export class SchemaCache {
  readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'schemas');
  }

  fileOf(endpointId: string): string {
    // Endpoint ids are UUIDs; anything else is made safe rather than trusted as a path.
    return join(this.folder, `${endpointId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  async read(endpointId: string, url: string): Promise<CachedSchema | null> {
    let text: string;
    try {
      text = await readFile(this.fileOf(endpointId), 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = cachedSchema.parse(JSON.parse(text));
      if (parsed.url !== url) return null;
      if (parsed.format === 'sdl' && typeof parsed.content === 'string') {
        return { ...parsed, format: 'sdl', content: parsed.content };
      }
      const content = parsed.content as IntrospectionResultJSON | null;
      if (parsed.format === 'introspection' && content && typeof content.__schema === 'object') {
        return { ...parsed, format: 'introspection', content };
      }
      return null;
    } catch {
      return null;
    }
  }

  async write(endpointId: string, entry: CachedSchema): Promise<void> {
    await writeFileAtomic(this.fileOf(endpointId), JSON.stringify({ version: 1, ...entry }));
  }

  async forget(endpointId: string): Promise<void> {
    await rm(this.fileOf(endpointId), { force: true });
  }
}
