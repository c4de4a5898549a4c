/** The common front of `/api/command` and `/api/reporting`: bearer check, XML API switch, parameter reading. */
import { HttpError, xml, type SimRequest, type SimResponse } from '../shared/http';
import type { ApiAccount } from './model';
import { bearerAccount } from './oauth';
import type { PraState } from './state';
import { errorDocument, namespaceFor, type XmlApi } from './xml';

export interface XmlApiRequest {
  account: ApiAccount;
  /** Query parameters, plus the form body of a POST. */
  params: URLSearchParams;
  namespace: string;
}

export function xmlErrorReply(status: number, namespace: string, message: string): SimResponse {
  return xml(status, errorDocument(namespace, message));
}

function fail(status: number, namespace: string, message: string): HttpError {
  const reply = xmlErrorReply(status, namespace, message);
  return new HttpError(status, reply.body, reply.headers);
}

/** Authenticates and reads an XML API request; throws an HttpError carrying an `<error>` document. */
export function openXmlApi(state: PraState, req: SimRequest, api: XmlApi): XmlApiRequest {
  const namespace = namespaceFor(state.knobs.namespace, api);
  const account = bearerAccount(state, req);
  if (!account) throw fail(401, namespace, 'Authentication failed: a valid OAuth bearer token is required.');
  if (!state.knobs.xmlApiEnabled) throw fail(403, namespace, 'The XML API is disabled on this appliance.');
  const params = new URLSearchParams(req.query);
  if (req.method === 'POST') {
    const contentType = (req.header('content-type') ?? '').toLowerCase();
    if (contentType.startsWith('multipart/')) {
      throw fail(200, namespace, 'Multipart POST is not supported. Use application/x-www-form-urlencoded.');
    }
    if (contentType === '' || contentType.startsWith('application/x-www-form-urlencoded')) {
      for (const [key, value] of req.form()) params.append(key, value);
    }
  }
  return { account, params, namespace };
}
