/** PRA outbound events (placeholder until the session-import issue lands). */
import { authenticate, jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';

export async function outboundEvent(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (!(await authenticate(req, 'outboundEvent'))) return jsonResponse(403, { error: 'forbidden' });
  return jsonResponse(200, { status: 'received' });
}
