/**
 * Forge async events for the local host: the publish/stats/cancel endpoints @forge/events calls, and
 * delivery to the consumer function with the platform's semantics:
 *  - at-least-once delivery, events persisted in the host database (a restart resumes them);
 *  - a returned InvocationError (`{_retry: true, retryOptions}`) retries after `retryAfter` seconds
 *    (1..900) with its reason and data; a throw or a timeout retries with exponential backoff;
 *  - `retryContext` ({retryCount, retryReason, retryData, retentionWindow}) on every retry;
 *  - events are dropped once the 24-hour retention window is exceeded;
 *  - `concurrency: {key, limit}` bounds parallel deliveries per key; `delayInSeconds` delays the first one.
 * `delayScale` shrinks every delay (tests use 0.001 so a 30-second retry takes 30 ms).
 */
import crypto from 'node:crypto';
import type { HostDatabase } from './database';

export const RETENTION_WINDOW_MS = 24 * 3600 * 1000;
export const MAX_RETRY_AFTER_SECONDS = 900;
const BACKOFF_BASE_SECONDS = 10;

export type ConsumerOutcome = { kind: 'success' } | { kind: 'retry'; afterSeconds: number; reason: string; data?: unknown } | { kind: 'error'; message: string };

export interface QueuedEvent {
  eventId: string;
  jobId: string;
  queueName: string;
  body: Record<string, unknown>;
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  delaySeconds: number | null;
  enqueuedAt: number;
  dueAt: number;
  retryCount: number;
  retryReason: string | null;
  retryData: string | null;
  state: 'pending' | 'running' | 'succeeded' | 'dropped' | 'cancelled';
  lastError: string | null;
  finishedAt: number | null;
}

interface Row {
  event_id: string;
  job_id: string;
  queue_name: string;
  body: string;
  concurrency_key: string | null;
  concurrency_limit: number | null;
  delay_seconds: number | null;
  enqueued_at: number;
  due_at: number;
  retry_count: number;
  retry_reason: string | null;
  retry_data: string | null;
  state: QueuedEvent['state'];
  last_error: string | null;
  finished_at: number | null;
}

function fromRow(r: Row): QueuedEvent {
  return {
    eventId: r.event_id,
    jobId: r.job_id,
    queueName: r.queue_name,
    body: JSON.parse(r.body) as Record<string, unknown>,
    concurrencyKey: r.concurrency_key,
    concurrencyLimit: r.concurrency_limit,
    delaySeconds: r.delay_seconds,
    enqueuedAt: r.enqueued_at,
    dueAt: r.due_at,
    retryCount: r.retry_count,
    retryReason: r.retry_reason,
    retryData: r.retry_data,
    state: r.state,
    lastError: r.last_error,
    finishedAt: r.finished_at,
  };
}

export interface QueueReply {
  status: number;
  body?: unknown;
}

export interface QueueServiceOptions {
  database: HostDatabase;
  /** Queue names that have a consumer in the manifest. */
  queues: Set<string>;
  /** Runs the consumer for one event; resolves with what the invocation returned or how it failed. */
  deliver(event: QueuedEvent, asyncEvent: Record<string, unknown>): Promise<ConsumerOutcome>;
  delayScale?: number;
  now?: () => number;
  onEvent?: (event: QueuedEvent, outcome: ConsumerOutcome | { kind: 'dropped' }) => void;
}

export class QueueService {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Promise<void>>();
  private waiters: Array<() => void> = [];
  private stopped = false;
  private readonly now: () => number;
  private scale: number;

  constructor(private readonly options: QueueServiceOptions) {
    this.now = options.now ?? Date.now;
    this.scale = options.delayScale ?? 1;
    // Events that were running when the process stopped are delivered again (at least once).
    options.database.db.prepare(`UPDATE queue_events SET state = 'pending' WHERE state = 'running'`).run();
    this.pump();
  }

  /** Multiplier of every delay (requested delays and retry backoff) from now on; events already scheduled keep their time. */
  get delayScale(): number {
    return this.scale;
  }

  setDelayScale(scale: number): void {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('The delay scale must be a positive number');
    this.scale = scale;
  }

  /** Handles the platform paths @forge/events posts to. */
  handle(path: string, body: unknown): QueueReply {
    const request = (body ?? {}) as Record<string, unknown>;
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(request);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(String(request.jobId ?? ''));
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(String(request.jobId ?? ''));
    return { status: 404, body: { message: `Unknown queue operation ${path}` } };
  }

  private publish(request: Record<string, unknown>): QueueReply {
    const queueName = String(request.queueName ?? '');
    if (!this.options.queues.has(queueName)) {
      return { status: 400, body: { errorMessage: `No consumer is declared in manifest.yml for queue "${queueName}"` } };
    }
    const payload = Array.isArray(request.payload) ? (request.payload as Array<Record<string, unknown>>) : [];
    const jobId = String(request.jobId ?? crypto.randomUUID());
    const now = this.now();
    const insert = this.options.database.db.prepare(
      `INSERT INTO queue_events (event_id, job_id, queue_name, body, concurrency_key, concurrency_limit, delay_seconds, enqueued_at, due_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    );
    for (const event of payload) {
      const concurrency = event.concurrency as { key?: string; limit?: number } | undefined;
      const delay = typeof event.delayInSeconds === 'number' ? event.delayInSeconds : 0;
      insert.run(
        crypto.randomUUID(),
        jobId,
        queueName,
        JSON.stringify(event.body ?? {}),
        concurrency?.key ?? null,
        concurrency?.limit ?? null,
        delay || null,
        now,
        now + delay * 1000 * this.scale,
      );
    }
    this.pump();
    return { status: 201, body: { jobId } };
  }

  private stats(jobId: string): QueueReply {
    const rows = this.byJob(jobId);
    if (rows.length === 0) return { status: 404, body: { message: 'Job not found' } };
    return {
      status: 200,
      body: {
        success: rows.filter((e) => e.state === 'succeeded').length,
        inProgress: rows.filter((e) => e.state === 'pending' || e.state === 'running').length,
        failed: rows.filter((e) => e.state === 'dropped' || e.state === 'cancelled').length,
      },
    };
  }

  private cancel(jobId: string): QueueReply {
    if (this.byJob(jobId).length === 0) return { status: 404, body: { message: 'Job not found' } };
    this.options.database.db
      .prepare(`UPDATE queue_events SET state = 'cancelled', finished_at = ? WHERE job_id = ? AND state = 'pending'`)
      .run(this.now(), jobId);
    this.notifyIfIdle();
    return { status: 204 };
  }

  private byJob(jobId: string): QueuedEvent[] {
    return (this.options.database.db.prepare('SELECT * FROM queue_events WHERE job_id = ?').all(jobId) as Row[]).map(fromRow);
  }

  /** All events (for diagnostics and tests), newest first. */
  list(limit = 200): QueuedEvent[] {
    return (
      this.options.database.db.prepare('SELECT * FROM queue_events ORDER BY enqueued_at DESC, rowid DESC LIMIT ?').all(limit) as Row[]
    ).map(fromRow);
  }

  /** Starts every due event that its concurrency key allows, then sleeps until the next one is due. */
  private pump(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    const pending = (
      this.options.database.db.prepare(`SELECT * FROM queue_events WHERE state = 'pending' ORDER BY due_at, rowid`).all() as Row[]
    ).map(fromRow);
    const inFlightByKey = new Map<string, number>();
    for (const row of this.options.database.db
      .prepare(`SELECT concurrency_key AS k, COUNT(*) AS n FROM queue_events WHERE state = 'running' AND concurrency_key IS NOT NULL GROUP BY concurrency_key`)
      .all() as Array<{ k: string; n: number }>) {
      inFlightByKey.set(row.k, row.n);
    }
    let nextDue = Infinity;
    for (const event of pending) {
      if (event.dueAt > now) {
        nextDue = Math.min(nextDue, event.dueAt);
        continue;
      }
      if (event.concurrencyKey && event.concurrencyLimit) {
        const inFlight = inFlightByKey.get(event.concurrencyKey) ?? 0;
        if (inFlight >= event.concurrencyLimit) continue; // woken again when a slot frees
        inFlightByKey.set(event.concurrencyKey, inFlight + 1);
      }
      this.start(event);
    }
    if (Number.isFinite(nextDue)) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, nextDue - now));
      this.timer.unref?.();
    }
    this.notifyIfIdle();
  }

  private start(event: QueuedEvent): void {
    const db = this.options.database.db;
    db.prepare(`UPDATE queue_events SET state = 'running' WHERE event_id = ?`).run(event.eventId);
    const now = this.now();
    const asyncEvent: Record<string, unknown> = {
      body: event.body,
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      ...(event.delaySeconds ? { delayInSeconds: event.delaySeconds } : {}),
      ...(event.concurrencyKey ? { concurrency: { key: event.concurrencyKey, limit: event.concurrencyLimit } } : {}),
      ...(event.retryCount > 0
        ? {
            retryContext: {
              retryCount: event.retryCount,
              retryReason: event.retryReason ?? 'FUNCTION_RETRY_REQUEST',
              retryData: event.retryData === null ? undefined : JSON.parse(event.retryData),
              retentionWindow: {
                startTime: new Date(event.enqueuedAt).toISOString(),
                remainingTimeMs: Math.max(0, event.enqueuedAt + RETENTION_WINDOW_MS - now),
              },
            },
          }
        : {}),
    };
    const run = this.options
      .deliver(event, asyncEvent)
      .catch((error: unknown): ConsumerOutcome => ({ kind: 'error', message: (error as Error).message }))
      .then((outcome) => this.settle(event, outcome))
      .finally(() => {
        this.running.delete(event.eventId);
        this.pump();
      });
    this.running.set(event.eventId, run);
  }

  private settle(event: QueuedEvent, outcome: ConsumerOutcome): void {
    const db = this.options.database.db;
    const now = this.now();
    if (this.stopped) return;
    if (outcome.kind === 'success') {
      db.prepare(`UPDATE queue_events SET state = 'succeeded', finished_at = ? WHERE event_id = ?`).run(now, event.eventId);
      this.options.onEvent?.({ ...event, state: 'succeeded' }, outcome);
      return;
    }
    const seconds =
      outcome.kind === 'retry'
        ? Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, outcome.afterSeconds))
        : Math.min(MAX_RETRY_AFTER_SECONDS, BACKOFF_BASE_SECONDS * 2 ** event.retryCount);
    const dueAt = now + seconds * 1000 * this.scale;
    const reason = outcome.kind === 'retry' ? outcome.reason : 'FUNCTION_ERROR';
    const message = outcome.kind === 'error' ? outcome.message : null;
    if (dueAt - event.enqueuedAt > RETENTION_WINDOW_MS * this.scale) {
      db.prepare(`UPDATE queue_events SET state = 'dropped', finished_at = ?, last_error = ? WHERE event_id = ?`).run(
        now,
        message ?? `retention window exceeded after ${event.retryCount + 1} attempts`,
        event.eventId,
      );
      this.options.onEvent?.({ ...event, state: 'dropped' }, { kind: 'dropped' });
      return;
    }
    const retryData = outcome.kind === 'retry' && outcome.data !== undefined ? JSON.stringify(outcome.data) : null;
    db.prepare(
      `UPDATE queue_events SET state = 'pending', due_at = ?, retry_count = retry_count + 1, retry_reason = ?, retry_data = ?, last_error = ? WHERE event_id = ?`,
    ).run(dueAt, reason, retryData, message, event.eventId);
    this.options.onEvent?.({ ...event, state: 'pending' }, outcome);
  }

  private notifyIfIdle(): void {
    if (this.waiters.length === 0) return;
    const open = this.options.database.db
      .prepare(`SELECT COUNT(*) AS n FROM queue_events WHERE state IN ('pending', 'running')`)
      .get() as { n: number };
    if (open.n === 0 && this.running.size === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  /** Resolves once no event is pending or running (tests: wait for the consumer chain to settle). */
  idle(timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        const open = this.list().filter((e) => e.state === 'pending' || e.state === 'running');
        reject(new Error(`Queue not idle after ${timeoutMs} ms: ${open.length} open event(s): ${JSON.stringify(open.slice(0, 3))}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
      this.notifyIfIdle();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }
}
