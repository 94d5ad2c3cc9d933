/**
 * Every finished run of the engines (a request, a GraphQL subscription, an Events publish or
 * channel) goes to history, whoever started it: the one wiring the desktop, web and CLI hosts
 * share. History is asked for only when a record is written, so a host may open the database
 * lazily (the CLI loads `node:sqlite` after its run, not before it).
 */
import type { HistorySource } from '../../../shared/history.ts';
import type { EndpointDTO } from '../../../shared/endpoints.ts';
import type { EventsServiceEvents } from '../events/events-service.ts';
import type { RealtimeEvents } from '../realtime/realtime-service.ts';
import type { RequestEvents } from '../requests/request-service.ts';
import type { EventSource, Unsubscribe } from '../typed-events.ts';
import { channelRecord, publishRecord } from './event-recorder.ts';
import type { HistoryRecordInput } from './history-record.ts';
import { requestRecord, subscriptionRecord, type RecordContext } from './run-recorder.ts';

/** Where records go: the history repository, or a host's wrapper of it. */
export interface HistorySink {
  record(input: HistoryRecordInput): unknown;
}

export interface HistoryWiringDeps {
  source: HistorySource;
  history: () => HistorySink | Promise<HistorySink>;
  /** Saved endpoints, to name a run's endpoint; without them (the CLI) records name URLs only. */
  endpoints?: {
    get(id: string): Promise<Pick<EndpointDTO, 'id' | 'name'>>;
    list(): Promise<Pick<EndpointDTO, 'id' | 'name' | 'url'>[]>;
  };
  /** The account a profile resolved to, when the host already knows it. */
  accountOf(profile: string): string | null;
  /** A record that could not be written: history never fails the run it records. */
  onFailure?(error: unknown): void;
}

export class HistoryWiring {
  readonly #deps: HistoryWiringDeps;
  readonly #context: RecordContext;
  // Names are looked up from what is cached, so a record is built synchronously.
  readonly #endpointNames = new Map<string, string>();
  readonly #pending = new Set<Promise<void>>();

  constructor(deps: HistoryWiringDeps) {
    this.#deps = deps;
    this.#context = {
      source: deps.source,
      endpointName: (id) => this.#endpointNames.get(id) ?? null,
      accountOf: (profile) => (profile ? deps.accountOf(profile) : null),
    };
  }

  requests(service: EventSource<RequestEvents>): Unsubscribe {
    return service.on('completed', (run) => {
      // A saved request's checks settle after its answer: its row waits for their outcome.
      const write = () =>
        this.#write(
          run.testOutcome
            ? run.testOutcome.then(
                (tests) => requestRecord(run, this.#context, tests),
                () => requestRecord(run, this.#context),
              )
            : requestRecord(run, this.#context),
        );
      const endpoints = this.#deps.endpoints;
      if (!endpoints || !run.endpointId) return write();
      this.#track(
        endpoints.get(run.endpointId).then((endpoint) => {
          this.#endpointNames.set(endpoint.id, endpoint.name);
          write();
        }, write),
      );
    });
  }

  realtime(service: EventSource<RealtimeEvents>): Unsubscribe {
    return service.on('ended', (record) => this.#write(subscriptionRecord(record, this.#context)));
  }

  events(service: EventSource<EventsServiceEvents>): Unsubscribe {
    const published = service.on('published', (record) =>
      this.#write(this.#namedEvent(publishRecord(record, this.#context))),
    );
    const ended = service.on('channelEnded', (record) =>
      this.#write(this.#namedEvent(channelRecord(record, this.#context))),
    );
    return () => {
      published();
      ended();
    };
  }

  /** Resolves once every record started so far is written (or has failed). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  // Events name no endpoint; the saved one with that URL is named, so history can filter by it.
  #namedEvent(input: HistoryRecordInput): HistoryRecordInput | Promise<HistoryRecordInput> {
    const endpoints = this.#deps.endpoints;
    if (!endpoints) return input;
    return endpoints.list().then(
      (list) => {
        const saved = list.find((e) => e.url === input.endpoint.url);
        return saved
          ? { ...input, endpoint: { id: saved.id, name: saved.name, url: saved.url } }
          : input;
      },
      () => input,
    );
  }

  // A record that is ready, for a history that is open, is written before the run's caller
  // resumes (the app lists history right after a run); otherwise once both are there.
  #write(input: HistoryRecordInput | Promise<HistoryRecordInput>): void {
    const sink = this.#deps.history();
    if (sink instanceof Promise) {
      return this.#track((async () => this.#store(await sink, await input))());
    }
    if (input instanceof Promise)
      return this.#track(input.then((record) => this.#store(sink, record)));
    this.#store(sink, input);
  }

  #track(work: Promise<void>): void {
    const done: Promise<void> = work
      .catch((error: unknown) => this.#deps.onFailure?.(error))
      .finally(() => this.#pending.delete(done));
    this.#pending.add(done);
  }

  #store(sink: HistorySink, record: HistoryRecordInput): void {
    try {
      sink.record(record);
    } catch (error) {
      this.#deps.onFailure?.(error);
    }
  }
}
