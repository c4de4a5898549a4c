/** Every failure talking to the appliance, classified once so callers can explain it. */

export type PraErrorKind =
  | 'not-configured' // host, client id or secret missing
  | 'egress-denied' // the app's manifest does not allow this host
  | 'unreachable' // DNS, TCP or TLS failure
  | 'timeout'
  | 'invalid-client' // OAuth rejected the client credentials
  | 'unauthorized' // a bearer token was refused even after a fresh one
  | 'api-disabled' // "Enable XML API" is off
  | 'forbidden' // the API account lacks a permission
  | 'rate-limited'
  | 'server-error' // 5xx
  | 'http' // any other unexpected status
  | 'api-error' // an <error> element in a 200 answer
  | 'bad-response'; // not the XML/JSON we expected

export class PraError extends Error {
  constructor(
    readonly kind: PraErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds the appliance asked us to wait (429/503 Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PraError';
  }

  /** Worth retrying later without anyone changing the configuration. */
  get transient(): boolean {
    return ['unreachable', 'timeout', 'rate-limited', 'server-error'].includes(this.kind);
  }
}

/** Turns a fetch rejection into a PraError naming the cause (no URL, so no secret, in the message). */
export function networkError(error: unknown, hostName: string): PraError {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new PraError('timeout', `The appliance ${hostName} did not answer in time.`);
  }
  const code = e?.cause?.code ?? '';
  const reason =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the host name was not found (DNS)'
      : code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code.startsWith('CERT') || code.includes('TLS') || code.includes('SSL')
          ? 'its HTTPS certificate was not accepted'
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
            ? 'the connection was closed'
            : (e?.cause?.message ?? 'the network request failed');
  return new PraError('unreachable', `Could not connect to ${hostName}: ${reason}.`);
}
