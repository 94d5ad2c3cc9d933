/** The core's one way to tell listeners: typed by an event map, each listener isolated. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TypedEvents } from '../../main/core/typed-events.ts';

interface Events {
  done: { id: string };
  stopped: number;
}

test('each listener of a name hears its payload; other names are not told', () => {
  const events = new TypedEvents<Events>();
  const heard: string[] = [];
  events.on('done', ({ id }) => heard.push(`a:${id}`));
  events.on('done', ({ id }) => heard.push(`b:${id}`));
  events.on('stopped', (code) => heard.push(`stopped:${code}`));
  events.emit('done', { id: '1' });
  assert.deepEqual(heard, ['a:1', 'b:1']);
});

test('a listener that throws is reported, and the others still hear the event', () => {
  const failures: Array<{ name: string; error: unknown }> = [];
  const events = new TypedEvents<Events>((name, error) => failures.push({ name, error }));
  const heard: string[] = [];
  const broken = new Error('history is locked');
  events.on('done', () => {
    throw broken;
  });
  events.on('done', ({ id }) => heard.push(id));
  assert.doesNotThrow(() => events.emit('done', { id: '7' }));
  assert.deepEqual(heard, ['7']);
  assert.deepEqual(failures, [{ name: 'done', error: broken }]);
});

test('without a reporter, a failing listener is logged with the event it failed on', (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const events = new TypedEvents<Events>();
  events.on('stopped', () => {
    throw new Error('boom');
  });
  events.emit('stopped', 1);
  assert.equal(logged.mock.callCount(), 1);
  assert.match(String(logged.mock.calls[0]!.arguments[0]), /"stopped"/);
});

test('unsubscribing stops that listener only, once, even for the same function subscribed twice', () => {
  const events = new TypedEvents<Events>();
  const heard: string[] = [];
  const listener = ({ id }: { id: string }) => heard.push(id);
  const first = events.on('done', listener);
  events.on('done', listener);
  first();
  first();
  events.emit('done', { id: 'x' });
  assert.deepEqual(heard, ['x']);
});

test('a listener that unsubscribes while the event is told does not skip the next one', () => {
  const events = new TypedEvents<Events>();
  const heard: string[] = [];
  const off = events.on('done', () => {
    off();
    heard.push('first');
  });
  events.on('done', () => heard.push('second'));
  events.emit('done', { id: '1' });
  events.emit('done', { id: '2' });
  assert.deepEqual(heard, ['first', 'second', 'second']);
});

test('clear drops every listener', () => {
  const events = new TypedEvents<Events>();
  let told = 0;
  events.on('done', () => told++);
  events.clear();
  events.emit('done', { id: '1' });
  assert.equal(told, 0);
});
