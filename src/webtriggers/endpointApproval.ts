/** PRA ticket-system requests (placeholder until the endpoint-approval issue lands). */
import { authenticate, jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';

export async function endpointApproval(req: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (!(await authenticate(req, 'endpointApproval'))) return jsonResponse(403, { error: 'forbidden' });
  return jsonResponse(200, { is_valid: false, error_message: 'Endpoint approval is not available yet.' });
}
