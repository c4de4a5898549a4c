/**
 * PRA outbound events ("Access Session End"). PRA re-sends an event that does not get HTTP 200 and
 * sends nothing else to this URL until it does, so every authenticated request is answered 200 —
 * including ones we ignore (kept in a list for admins) — unless nothing could be recorded at all (503:
 * PRA will deliver it again). A wrong or missing token gets 403 and nothing is stored. No PRA or Jira
 * call happens here: the import runs from the queue.
 */
import { acceptOutboundEvent } from '../import/acceptEvent';
import { classifyOutboundEvent, type EventDecision } from '../import/outboundEventRules';
import { log } from '../shared/log';
import { authenticate, jsonResponse, parseBody, type WebTriggerRequest, type WebTriggerResponse } from './http';

/** PRA's event bodies are a few hundred bytes; anything far larger is not an event. */
const MAX_BODY_BYTES = 64 * 1024;

export async function outboundEvent(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    if (!(await authenticate(req, 'outboundEvent'))) return jsonResponse(403, { error: 'This URL needs its token: copy the Outbound Event URL from the app configuration page.' });
    if (req.method?.toUpperCase() !== 'POST') {
      const reply = jsonResponse(405, { error: 'This URL receives BeyondTrust PRA outbound events, which are sent with POST.' });
      return { ...reply, headers: { ...reply.headers, Allow: ['POST'] } };
    }
    const body = parseBody(req, MAX_BODY_BYTES);
    const decision: EventDecision = body.ok ? classifyOutboundEvent(body.fields) : { action: 'ignore', kind: 'unreadable', reason: `The request body could not be read: ${body.reason}.` };
    const status = await acceptOutboundEvent(decision);
    return jsonResponse(200, { status });
  } catch (error) {
    log.error('outbound-event.failed', { error });
    return jsonResponse(503, { error: 'The event could not be recorded right now; PRA will deliver it again.' });
  }
}
