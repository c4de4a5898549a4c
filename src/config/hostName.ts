/**
 * Validation of the "Host Name" setting: the PRA appliance's DNS name only (Forge reaches it over
 * HTTPS on 443 from Atlassian's cloud). Shared by the server-side schema and the configuration page,
 * so both show the same messages. Pure: no I/O.
 */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const HOST_NAME_MESSAGES = {
  empty: 'Enter the PRA appliance host name, for example pra.yourcompany.com.',
  protocol: 'Enter the host name only, without https:// (for example pra.yourcompany.com).',
  path: 'Enter the host name only, without a path: remove everything from the first "/".',
  port: 'Enter the host name without a port: the appliance is reached over HTTPS on port 443.',
  ip: 'Enter the appliance’s DNS host name, not an IP address: Atlassian’s cloud connects to named hosts with a valid HTTPS certificate.',
  localhost: 'localhost cannot be reached from Atlassian’s cloud: enter the appliance’s public host name.',
  characters: 'The host name can only contain letters, digits, hyphens and dots.',
  notQualified: 'Enter the fully qualified host name, for example pra.yourcompany.com.',
  tooLong: 'The host name is too long (at most 253 characters, 63 per label).',
} as const;

/** Lower-cases and trims; drops a trailing dot. */
export function normalizeHostName(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '');
}

/** Returns the problem with a host name, or undefined when it is acceptable. */
export function hostNameProblem(raw: string): string | undefined {
  const value = normalizeHostName(raw);
  if (!value) return HOST_NAME_MESSAGES.empty;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value) || value.startsWith('//')) return HOST_NAME_MESSAGES.protocol;
  if (value.includes('/') || value.includes('?') || value.includes('#')) return HOST_NAME_MESSAGES.path;
  if (value.startsWith('[') || (value.match(/:/g)?.length ?? 0) > 1) return HOST_NAME_MESSAGES.ip;
  if (/[:;]\d*$/.test(value) || value.includes(':')) return HOST_NAME_MESSAGES.port;
  if (IPV4.test(value)) return HOST_NAME_MESSAGES.ip;
  if (value === 'localhost' || value.endsWith('.localhost')) return HOST_NAME_MESSAGES.localhost;
  if (!/^[a-z0-9.-]+$/.test(value)) return HOST_NAME_MESSAGES.characters;
  if (value.length > 253) return HOST_NAME_MESSAGES.tooLong;
  const labels = value.split('.');
  if (labels.length < 2) return HOST_NAME_MESSAGES.notQualified;
  for (const label of labels) {
    if (label.length > 63) return HOST_NAME_MESSAGES.tooLong;
    if (!LABEL.test(label)) return HOST_NAME_MESSAGES.characters;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return HOST_NAME_MESSAGES.ip;
  return undefined;
}
