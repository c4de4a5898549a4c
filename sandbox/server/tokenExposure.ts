/**
 * The integration URLs carry their secret tokens (PRA can only authenticate by a secret in the URL). When
 * the sandbox listens beyond this machine, whoever can reach it can read them from the start banner's
 * terminal and from `/sandbox/api/urls`, so both say so. Pure.
 */
import { isIP } from 'node:net';

/** Whether a bind address is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackOnly(bindHost: string): boolean {
  const host = bindHost.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host.startsWith('::ffff:127.');
  return false;
}

/** The warning for a sandbox bound to `bindHost`, or undefined when it listens on loopback only. */
export function tokenExposureWarning(bindHost: string): string | undefined {
  if (isLoopbackOnly(bindHost)) return undefined;
  return `The sandbox listens on ${bindHost}, beyond this machine: the Outbound Event and Endpoint Approval URLs shown here and at /sandbox/api/urls carry their secret tokens, so anyone who can reach this address can read them and call the app as PRA. Use HOST=127.0.0.1 unless you need remote access, and Regenerate the URLs on the configuration page (/admin) afterwards: an old URL then answers 403.`;
}
