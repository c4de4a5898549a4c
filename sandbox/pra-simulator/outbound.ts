/**
 * Outbound events to HTTP recipients: form-encoded POSTs, one FIFO queue per recipient, one request in flight,
 * and head-of-line blocking — the head event is retried every `outboundRetryIntervalMs` until it gets exactly
 * HTTP 200, and nothing behind it is sent until then.
 */
import { z } from 'zod';
import { parseInput, SimError } from './input';
import {
  OUTBOUND_EVENTS,
  type DeliveryAttempt,
  type OutboundEventName,
  type OutboundRecipient,
  type QueuedOutboundEvent,
  type SessionRecord,
  type SessionRep,
} from './model';
import type { PraState } from './state';

/** The `version` variable (the appliance's internal schema version; the value is an assumption). */
const OUTBOUND_VERSION = '3';
const IDLE_POLL_MS = 5;

const RecipientFields = {
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  /** Events this recipient receives; default all. */
  events: z.array(z.enum(OUTBOUND_EVENTS)),
  enabled: z.boolean(),
};
const RecipientPatchSchema = z.object(RecipientFields).partial().strict();
const RecipientInputSchema = RecipientPatchSchema.extend({ id: z.string().min(1).optional(), url: RecipientFields.url }).strict();
export type RecipientInput = z.input<typeof RecipientInputSchema>;
export type RecipientPatch = z.input<typeof RecipientPatchSchema>;

export interface RecipientView {
  id: string;
  name: string;
  url: string;
  events: OutboundEventName[];
  enabled: boolean;
  /** Events waiting, the head one included. */
  pending: number;
  delivered: number;
}

export interface QueueView extends QueuedOutboundEvent {
  recipientId: string;
}

export interface DeliveryLogEntry extends DeliveryAttempt {
  recipientId: string;
}

function describeFailure(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'error'} (${cause})` : (err.message ?? String(error));
}

export class OutboundDispatcher {
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, AbortController>();
  /** Bumped by stop(): deliveries started before it are forgotten. */
  private generation = 0;
  private closed = false;

  constructor(private readonly state: PraState) {}

  addRecipient(input: RecipientInput): RecipientView {
    const parsed = parseInput(RecipientInputSchema, input);
    const id = parsed.id ?? `recipient-${this.state.nextSeq('recipient')}`;
    if (this.state.recipients.has(id)) throw new SimError(409, `A recipient with id ${id} already exists`);
    const recipient: OutboundRecipient = {
      id,
      name: parsed.name ?? id,
      url: parsed.url,
      events: parsed.events ?? [...OUTBOUND_EVENTS],
      enabled: parsed.enabled ?? true,
      queue: [],
      log: [],
    };
    this.state.recipients.set(id, recipient);
    return this.view(recipient);
  }

  updateRecipient(id: string, patch: RecipientPatch): RecipientView {
    const parsed = parseInput(RecipientPatchSchema, patch);
    const recipient = this.recipient(id);
    Object.assign(recipient, parsed);
    this.pump(recipient);
    return this.view(recipient);
  }

  removeRecipient(id: string): void {
    this.recipient(id);
    this.halt(id);
    this.state.recipients.delete(id);
  }

  listRecipients(): RecipientView[] {
    return [...this.state.recipients.values()].map((r) => this.view(r));
  }

  /** Delivery attempts, oldest first (of one recipient, or of all). */
  log(recipientId?: string): DeliveryLogEntry[] {
    return this.selected(recipientId).flatMap((r) => r.log.map((entry) => ({ recipientId: r.id, ...entry })));
  }

  /** Events not yet delivered, head first. */
  queue(recipientId?: string): QueueView[] {
    return this.selected(recipientId).flatMap((r) => r.queue.map((item) => ({ recipientId: r.id, ...item, fields: [...item.fields] })));
  }

  /** Queues an event for every enabled recipient subscribed to it. */
  enqueue(event: OutboundEventName, session: SessionRecord, member?: SessionRep): void {
    const fields: [string, string][] = [
      ['event', event],
      ['version', OUTBOUND_VERSION],
      ['timestamp', String(this.state.nowSeconds())],
      ['appliance_id', this.state.applianceId],
      ['lsid', session.lsid],
      ['external_key', session.externalKey],
    ];
    if (member) {
      fields.push(
        ['username', member.username],
        ['user_id', String(member.userId)],
        ['display_name', member.displayName],
        ['type', 'representative'],
      );
    }
    for (const recipient of this.state.recipients.values()) {
      if (!recipient.enabled || !recipient.events.includes(event)) continue;
      const id = `obe-${this.state.nextSeq('outboundEvent')}`;
      recipient.queue.push({ id, event, lsid: session.lsid, fields, enqueuedAt: this.state.now(), attempts: 0 });
      this.pump(recipient);
    }
  }

  /** Starts deliveries that can run now (after a resume or a knob change). */
  kick(): void {
    for (const recipient of this.state.recipients.values()) this.pump(recipient);
  }

  /** Resolves true once every queue is empty, false if that does not happen within timeoutMs. */
  async waitForIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ([...this.state.recipients.values()].every((r) => r.queue.length === 0)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  /** Cancels retries and in-flight deliveries (queues stay as they are). */
  stop(): void {
    this.generation += 1;
    for (const id of [...this.retryTimers.keys(), ...this.inFlight.keys()]) this.halt(id);
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private halt(id: string): void {
    clearTimeout(this.retryTimers.get(id));
    this.retryTimers.delete(id);
    this.inFlight.get(id)?.abort(new Error('delivery cancelled'));
    this.inFlight.delete(id);
  }

  private recipient(id: string): OutboundRecipient {
    const recipient = this.state.recipients.get(id);
    if (!recipient) throw new SimError(404, `No outbound recipient with id ${id}`);
    return recipient;
  }

  private selected(recipientId?: string): OutboundRecipient[] {
    return recipientId === undefined ? [...this.state.recipients.values()] : [this.recipient(recipientId)];
  }

  private view(r: OutboundRecipient): RecipientView {
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      events: [...r.events],
      enabled: r.enabled,
      pending: r.queue.length,
      delivered: r.log.filter((a) => a.delivered).length,
    };
  }

  private pump(recipient: OutboundRecipient): void {
    if (this.closed || this.state.knobs.outboundPaused || !recipient.enabled) return;
    if (this.inFlight.has(recipient.id) || this.retryTimers.has(recipient.id)) return;
    const head = recipient.queue[0];
    if (head) void this.deliver(recipient, head);
  }

  private async deliver(recipient: OutboundRecipient, item: QueuedOutboundEvent): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.inFlight.set(recipient.id, controller);
    const timeoutMs = this.state.knobs.outboundTimeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    item.attempts += 1;
    const at = this.state.now();
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(recipient.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(item.fields).toString(),
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (failure) {
      error = timedOut ? `No answer within ${timeoutMs} ms` : describeFailure(failure);
    } finally {
      clearTimeout(timer);
    }
    if (generation !== this.generation || this.state.recipients.get(recipient.id) !== recipient) return;
    this.inFlight.delete(recipient.id);
    const delivered = status === 200;
    recipient.log.push({
      eventId: item.id,
      event: item.event,
      lsid: item.lsid,
      attempt: item.attempts,
      at,
      durationMs: Math.round(performance.now() - started),
      status,
      error: error ?? (delivered ? null : `HTTP ${status} is not 200`),
      delivered,
    });
    if (delivered) {
      recipient.queue.shift();
      this.pump(recipient);
      return;
    }
    const retry = setTimeout(() => {
      this.retryTimers.delete(recipient.id);
      this.pump(recipient);
    }, this.state.knobs.outboundRetryIntervalMs);
    retry.unref();
    this.retryTimers.set(recipient.id, retry);
  }
}
