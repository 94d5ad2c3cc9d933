/**
 * Turns the demo notebook's writes into real-time events: each successful `createNote`,
 * `updateNote` and `deleteNote` result is handed to `publish` under its mutation's name, which
 * is what `@aws_subscribe(mutations: […])` refers to. DemoNotes has no change listener of its
 * own, so its three write methods are wrapped on this one instance; reads are untouched.
 */
import type { DemoNotes } from '../appsync/demo-notes.ts';

type Publish = (mutation: string, result: Record<string, unknown>) => unknown;

export function observeDemoNotes(notes: DemoNotes, publish: Publish): void {
  const create = notes.create.bind(notes);
  const update = notes.update.bind(notes);
  const remove = notes.delete.bind(notes);
  notes.create = (input) => {
    const note = create(input);
    publish('createNote', { ...note });
    return note;
  };
  notes.update = (input) => {
    const note = update(input);
    publish('updateNote', { ...note });
    return note;
  };
  notes.delete = (id) => {
    const note = remove(id);
    if (note) publish('deleteNote', { ...note });
    return note;
  };
}
