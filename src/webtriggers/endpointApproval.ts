/**
 * PRA Jump Policy "Ticket System URL" (change management endpoint approval). Contract:
 * docs/pra-ticket-system.md. A wrong or missing token gets 403 and a non-POST 405; every other request
 * is answered HTTP 200 with an explicit approve or deny (a body that cannot be read, or any error,
 * denies). The decision itself lives in src/approval/.
 */
import { APPROVAL_MESSAGES } from '../approval/messages';
import { processApprovalRequest, type ReadRequest } from '../approval/processRequest';
import { approvalResponseBody, readApprovalRequest } from '../approval/wireFormat';
import { log } from '../shared/log';
import { authenticate, jsonResponse, parseBody, type WebTriggerRequest, type WebTriggerResponse } from './http';

/** A ticket-system request is well under 2 KB; anything far larger is not one. */
export const MAX_APPROVAL_BODY_BYTES = 32 * 1024;

const deny = (status: number, message: string) => jsonResponse(status, approvalResponseBody({ approved: false, message }));

export async function endpointApproval(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  const started = Date.now();
  try {
    if (!(await authenticate(req, 'endpointApproval'))) return deny(403, APPROVAL_MESSAGES.forbidden());
    if (req.method?.toUpperCase() !== 'POST') {
      const reply = deny(405, APPROVAL_MESSAGES.methodNotAllowed());
      return { ...reply, headers: { ...reply.headers, Allow: ['POST'] } };
    }
    const body = parseBody(req, MAX_APPROVAL_BODY_BYTES);
    const input: ReadRequest = body.ok ? { ok: true, request: readApprovalRequest(body.fields) } : { ok: false, reason: body.reason };
    const decision = await processApprovalRequest(input, started);
    return jsonResponse(
      200,
      approvalResponseBody(decision.approved && decision.externalKey ? { approved: true, message: decision.message, externalKey: decision.externalKey } : { approved: false, message: decision.message }),
    );
  } catch (error) {
    log.error('approval.trigger.failed', { error });
    return deny(200, APPROVAL_MESSAGES.unavailable());
  }
}
