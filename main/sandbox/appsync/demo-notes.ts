/**
 * The demo API's data: an in-memory notebook seeded with the same three dozen notes on every
 * start, so a newcomer (and a test) sees predictable answers. Writes are optimistic-locked by
 * `version`, the way DynamoDB-backed AppSync resolvers usually are.
 */
export type Priority = 'LOW' | 'NORMAL' | 'HIGH';

export interface Note {
  id: string;
  title: string;
  body: string | null;
  tags: string[];
  done: boolean;
  priority: Priority;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const TOPICS = [
  ['Rotate the staging API key', 'ops'],
  ['Check the Lambda authorizer logs', 'ops'],
  ['Review IAM policy for appsync:GraphQL', 'security'],
  ['Write the onboarding guide', 'docs'],
  ['Plan the schema migration', 'backend'],
  ['Load-test the orders resolver', 'backend'],
] as const;

/** The fixed instant the seed data was "written", so ids and dates never change between runs. */
const SEED_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);
export const SEED_COUNT = 36;

function seed(): Note[] {
  return Array.from({ length: SEED_COUNT }, (_, i) => {
    const [topic, tag] = TOPICS[i % TOPICS.length]!;
    const at = new Date(SEED_EPOCH + i * 3_600_000).toISOString();
    return {
      id: `note-${String(i + 1).padStart(3, '0')}`,
      title: `${topic} #${Math.floor(i / TOPICS.length) + 1}`,
      body: i % 4 === 3 ? null : `Seeded note ${i + 1} about ${tag}.`,
      tags: i % 5 === 0 ? [tag, 'urgent'] : [tag],
      done: i % 3 === 0,
      priority: (['LOW', 'NORMAL', 'HIGH'] as const)[i % 3]!,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  });
}

/** Thrown for a write whose condition does not hold (missing note or stale version). */
export class ConditionFailedError extends Error {
  readonly noteId: string;

  constructor(noteId: string, message: string) {
    super(message);
    this.noteId = noteId;
  }
}

export interface NotesPage {
  items: Note[];
  nextToken: string | null;
}

export class DemoNotes {
  readonly #notes = new Map<string, Note>();
  readonly #clock: { now(): number };
  #nextId = SEED_COUNT + 1;

  constructor(clock: { now(): number }) {
    this.#clock = clock;
    for (const note of seed()) this.#notes.set(note.id, note);
  }

  get count(): number {
    return this.#notes.size;
  }

  get(id: string): Note | null {
    return this.#notes.get(id) ?? null;
  }

  /** Pages in creation order; `nextToken` is opaque to clients, like AppSync's. */
  list(filter: {
    limit?: number | null;
    nextToken?: string | null;
    tag?: string | null;
    done?: boolean | null;
  }): NotesPage {
    const limit = Math.min(Math.max(filter.limit ?? 10, 1), 100);
    const start = filter.nextToken ? decodeToken(filter.nextToken) : 0;
    const matching = [...this.#notes.values()].filter(
      (note) =>
        (filter.tag == null || note.tags.includes(filter.tag)) &&
        (filter.done == null || note.done === filter.done),
    );
    const items = matching.slice(start, start + limit);
    const end = start + items.length;
    return { items, nextToken: end < matching.length ? encodeToken(end) : null };
  }

  create(input: {
    title: string;
    body?: string | null;
    tags?: string[] | null;
    priority?: Priority | null;
  }): Note {
    const at = new Date(this.#clock.now()).toISOString();
    const note: Note = {
      id: `note-${String(this.#nextId++).padStart(3, '0')}`,
      title: input.title,
      body: input.body ?? null,
      tags: input.tags ?? [],
      done: false,
      priority: input.priority ?? 'NORMAL',
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    this.#notes.set(note.id, note);
    return note;
  }

  update(input: {
    id: string;
    expectedVersion?: number | null;
    title?: string | null;
    body?: string | null;
    tags?: string[] | null;
    done?: boolean | null;
    priority?: Priority | null;
  }): Note {
    const current = this.#notes.get(input.id);
    if (!current) throw new ConditionFailedError(input.id, `No note with id ${input.id}.`);
    if (input.expectedVersion != null && input.expectedVersion !== current.version) {
      throw new ConditionFailedError(
        input.id,
        `Note ${input.id} is at version ${current.version}, not ${input.expectedVersion}.`,
      );
    }
    const next: Note = {
      ...current,
      title: input.title ?? current.title,
      body: input.body === undefined ? current.body : input.body,
      tags: input.tags ?? current.tags,
      done: input.done ?? current.done,
      priority: input.priority ?? current.priority,
      version: current.version + 1,
      updatedAt: new Date(this.#clock.now()).toISOString(),
    };
    this.#notes.set(next.id, next);
    return next;
  }

  delete(id: string): Note | null {
    const note = this.#notes.get(id) ?? null;
    this.#notes.delete(id);
    return note;
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, offset })).toString('base64url');
}

/** Throws a RangeError on a token this API did not issue. */
function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      offset?: unknown;
    };
    if (
      parsed.v === 1 &&
      typeof parsed.offset === 'number' &&
      Number.isInteger(parsed.offset) &&
      parsed.offset >= 0
    ) {
      return parsed.offset;
    }
  } catch {
    // fall through
  }
  throw new RangeError('The nextToken is not one this API issued.');
}
