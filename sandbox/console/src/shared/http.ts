/** JSON over fetch for the console: every failure becomes an Error with the server's message. */

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; message?: unknown; errorMessages?: unknown; errors?: Record<string, unknown> };
    if (typeof b.error === 'string') return b.error;
    if (b.error && typeof b.error === 'object' && typeof (b.error as { message?: unknown }).message === 'string') return (b.error as { message: string }).message;
    if (typeof b.message === 'string') return b.message;
    if (Array.isArray(b.errorMessages) && b.errorMessages.length) return b.errorMessages.join(' ');
    if (b.errors && Object.keys(b.errors).length) return Object.values(b.errors).join(' ');
  }
  if (typeof body === 'string' && body) return body;
  return `HTTP ${status}`;
}

export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) throw new RequestError(response.status, messageOf(body, response.status), body);
  return body as T;
}

export const getJson = <T>(url: string, headers?: HeadersInit) => requestJson<T>(url, { headers });
export const postJson = <T>(url: string, body: unknown = {}, method = 'POST') => requestJson<T>(url, { method, body: JSON.stringify(body) });
