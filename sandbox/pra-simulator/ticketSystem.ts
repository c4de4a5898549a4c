/**
 * The Jump Policy "ticket system" caller: when a PRA user enters a ticket ID for a Jump Item, the appliance
 * POSTs JSON to the configured URL and lets the user in only on an explicit, well-formed approval (fails closed).
 */
import { z } from 'zod';
import { JumpItemRefSchema, UserRefSchema, jumpItemSnapshot, resolveJumpItem, resolveUser } from './directory';
import { parseInput } from './input';
import type { TicketLogEntry, TicketOutcome, TicketSystemConfig } from './model';
import { approvalKey } from './sessions';
import type { PraState } from './state';

const TicketConfigSchema = z
  .object({ url: z.url({ protocol: /^https?$/ }).nullable().optional(), timeoutMs: z.number().positive().optional() })
  .strict();
export type TicketSystemInput = z.input<typeof TicketConfigSchema>;

const TicketRequestSchema = z
  .object({
    ticketId: z.string(),
    /** A known PRA user (username) or an inline one (created if new). */
    user: UserRefSchema,
    /** A known Jump Item ({id}, {name} or {hostname}) or an inline one (created if new). */
    jumpItem: JumpItemRefSchema,
  })
  .strict();
export type TicketRequestInput = z.input<typeof TicketRequestSchema>;

const TICKET_MESSAGES = {
  notConfigured: 'No ticket system is configured. Access is denied.',
  unreachable: 'The ticket system could not be reached. Access is denied.',
  timeout: 'The ticket system did not answer in time. Access is denied.',
  badStatus: (status: number) => `The ticket system answered with HTTP ${status}. Access is denied.`,
  notUnderstood: 'The answer of the ticket system could not be understood. Access is denied.',
  deniedWithoutReason: 'The ticket system denied access.',
} as const;

export function configureTicketSystem(state: PraState, input: TicketSystemInput): TicketSystemConfig {
  const parsed = parseInput(TicketConfigSchema, input);
  if (parsed.url !== undefined) state.ticketSystem.url = parsed.url;
  if (parsed.timeoutMs !== undefined) state.ticketSystem.timeoutMs = parsed.timeoutMs;
  return { ...state.ticketSystem };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an HTTP 200 answer: `{"is_valid": true, "custom_attributes": {…}}` or `{"is_valid": false, "error_message": "…"}`. */
function interpret(body: string): Pick<TicketOutcome, 'allowed' | 'message' | 'customAttributes'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { allowed: false, message: TICKET_MESSAGES.notUnderstood, customAttributes: {} };
  }
  if (!isRecord(parsed) || typeof parsed.is_valid !== 'boolean') {
    return { allowed: false, message: TICKET_MESSAGES.notUnderstood, customAttributes: {} };
  }
  if (!parsed.is_valid) {
    const reason = typeof parsed.error_message === 'string' && parsed.error_message !== '' ? parsed.error_message : null;
    return { allowed: false, message: reason ?? TICKET_MESSAGES.deniedWithoutReason, customAttributes: {} };
  }
  const attributes = isRecord(parsed.custom_attributes) ? parsed.custom_attributes : {};
  return {
    allowed: true,
    message: null,
    customAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
  };
}

/** "The user enters a ticket ID": calls the ticket system and answers what the user would see. */
export async function sendTicketRequest(state: PraState, input: TicketRequestInput): Promise<TicketOutcome> {
  const parsed = parseInput(TicketRequestSchema, input);
  const user = resolveUser(state, parsed.user);
  const item = resolveJumpItem(state, parsed.jumpItem);
  const snapshot = jumpItemSnapshot(state, item);
  const request = {
    ticket_id: parsed.ticketId,
    user: {
      id: user.id,
      username: user.username,
      public_display_name: user.publicDisplayName,
      private_display_name: user.privateDisplayName,
      email_address: user.email,
    },
    jump_item: {
      id: item.id,
      name: item.name,
      hostname: item.hostname,
      comments: item.comments,
      jump_group: snapshot.jumpGroup,
      jumpoint: snapshot.jumpoint,
    },
  };
  const { url, timeoutMs } = state.ticketSystem;
  const started = performance.now();
  let httpStatus: number | null = null;
  let responseBody: string | null = null;
  let verdict: Pick<TicketOutcome, 'allowed' | 'message' | 'customAttributes'>;
  if (url === null) {
    verdict = { allowed: false, message: TICKET_MESSAGES.notConfigured, customAttributes: {} };
  } else {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      responseBody = await response.text();
      httpStatus = response.status;
      verdict =
        httpStatus === 200
          ? interpret(responseBody)
          : { allowed: false, message: TICKET_MESSAGES.badStatus(httpStatus), customAttributes: {} };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      verdict = { allowed: false, message: timedOut ? TICKET_MESSAGES.timeout : TICKET_MESSAGES.unreachable, customAttributes: {} };
    }
  }
  const outcome: TicketOutcome = { ...verdict, httpStatus, elapsedMs: Math.round(performance.now() - started) };
  // The latest answer counts: a denial (or a failed request) withdraws an earlier approval, so the next
  // session cannot start linked to a ticket the user has since replaced.
  if (outcome.allowed) state.approvals.set(approvalKey(user.id, item.id), outcome.customAttributes);
  else state.approvals.delete(approvalKey(user.id, item.id));
  const entry: TicketLogEntry = {
    id: `ticket-${state.nextSeq('ticket')}`,
    at: state.now(),
    ticketId: parsed.ticketId,
    username: user.username,
    jumpItemId: item.id,
    url,
    request,
    responseBody,
    outcome,
  };
  state.ticketLog.push(entry);
  return outcome;
}
