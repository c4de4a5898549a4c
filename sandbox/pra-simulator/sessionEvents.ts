/** Session events as callers describe them, and their conversion into report events. */
import { z } from 'zod';
import { SimError } from './input';
import type { Actor, SessionEvent, SessionRecord, SessionRep } from './model';
import { sessionDownloadUrl } from './urls';

/**
 * Who performed or received an event: `rep` (the primary rep), `customer` (the endpoint), `system`,
 * `{username}` (a rep in the session's rep list) or an explicit actor.
 */
const ActorRefSchema = z.union([
  z.enum(['rep', 'customer', 'system']),
  z.object({ username: z.string().min(1) }).strict(),
  z
    .object({ type: z.enum(['system', 'customer', 'representative']), name: z.string(), gsnumber: z.number().int().optional() })
    .strict(),
]);
export type ActorRef = z.input<typeof ActorRefSchema>;

export const EventInputSchema = z
  .object({
    eventType: z.string().min(1),
    /** Unix seconds; defaults to the simulator clock. */
    timestamp: z.number().int().optional(),
    performedBy: ActorRefSchema.optional(),
    destination: ActorRefSchema.optional(),
    /** Chat message or note text; sent as `<encoded_body>` when it holds characters XML cannot carry. */
    body: z.string().optional(),
    filename: z.string().optional(),
    filesize: z.number().int().nonnegative().optional(),
    files: z.array(z.object({ filename: z.string(), filesize: z.number().int().nonnegative() }).strict()).optional(),
    /** `<data><value name value/>` pairs, in this order. */
    data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    systemInformation: z
      .array(
        z
          .object({
            name: z.string(),
            fields: z.array(z.object({ name: z.string(), label: z.string() }).strict()),
            rows: z.array(z.record(z.string(), z.string())),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type EventInput = z.input<typeof EventInputSchema>;
type ParsedEvent = z.output<typeof EventInputSchema>;

const SYSTEM_ACTOR_NAME = 'System';

function repActor(rep: SessionRep): Actor {
  return { type: 'representative', gsnumber: rep.gsnumber, name: rep.displayName };
}

function resolveActor(session: SessionRecord, ref: z.output<typeof ActorRefSchema>): Actor {
  if (ref === 'system') return { type: 'system', gsnumber: 0, name: SYSTEM_ACTOR_NAME };
  if (ref === 'customer') return { type: 'customer', gsnumber: session.customer.gsnumber, name: session.customer.username };
  if (ref === 'rep') {
    const primary = session.reps.find((rep) => rep.gsnumber === session.primaryRepGsnumber);
    if (!primary) throw new SimError(409, `Session ${session.lsid} has no primary rep`);
    return repActor(primary);
  }
  if ('username' in ref) {
    const rep = session.reps.find((r) => r.username.toLowerCase() === ref.username.toLowerCase());
    if (!rep) throw new SimError(400, `${ref.username} is not in the rep list of session ${session.lsid}`);
    return repActor(rep);
  }
  const gsnumber =
    ref.gsnumber ??
    (ref.type === 'customer' ? session.customer.gsnumber : ref.type === 'representative' ? session.primaryRepGsnumber : 0);
  return { type: ref.type, gsnumber, name: ref.name };
}

const COMMAND_SHELL_STARTED = 'Command Shell Session Started';

/** Command shell recordings are numbered by their `Command Shell Session Started` events. */
export function commandShellInstances(session: SessionRecord): number[] {
  return session.events
    .filter((e) => e.eventType === COMMAND_SHELL_STARTED)
    .map((e) => Number(e.data.find((d) => d.name === 'instance')?.value ?? 0));
}

/** Fills in what the appliance adds itself: the recording instance and URLs of a command shell. */
function appendImplicitData(session: SessionRecord, event: SessionEvent, host: string): void {
  if (event.eventType !== COMMAND_SHELL_STARTED || event.data.some((d) => d.name === 'instance')) return;
  const instance = commandShellInstances(session).length;
  const url = (view: boolean) =>
    sessionDownloadUrl({ host, lsid: session.lsid, hash: session.urlHash, kind: 'csr', view, instance });
  event.data.push(
    { name: 'instance', value: String(instance) },
    { name: 'download_url', value: url(false) },
    { name: 'view_url', value: url(true) },
  );
}

export function toSessionEvent(
  session: SessionRecord,
  input: ParsedEvent,
  defaultTimestamp: number,
  host: string,
): SessionEvent {
  const event: SessionEvent = {
    timestamp: input.timestamp ?? defaultTimestamp,
    eventType: input.eventType,
    performedBy: input.performedBy === undefined ? null : resolveActor(session, input.performedBy),
    destination: input.destination === undefined ? null : resolveActor(session, input.destination),
    body: input.body ?? null,
    filename: input.filename ?? null,
    filesize: input.filesize ?? null,
    files: input.files ?? [],
    data: Object.entries(input.data ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    systemInformation: input.systemInformation ?? [],
  };
  appendImplicitData(session, event, host);
  return event;
}

/** `file_transfer_count`, `file_move_count`, `file_delete_count` as the report derives them from events. */
export function fileCounters(events: SessionEvent[]): { transfers: number; moves: number; deletes: number } {
  const counters = { transfers: 0, moves: 0, deletes: 0 };
  for (const event of events) {
    if (event.eventType === 'File Upload' || event.eventType === 'File Download') {
      counters.transfers += Math.max(1, event.files.length);
    } else if (event.eventType === 'File Moved') counters.moves += 1;
    else if (event.eventType === 'File Deleted') counters.deletes += 1;
  }
  return counters;
}
