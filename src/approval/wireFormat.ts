/**
 * The PRA Jump Policy "ticket system" wire format, in one module (contract: docs/pra-ticket-system.md).
 *
 * BeyondTrust does not publish the request's field names (pra-appliance-api.md §8.2), so the request is
 * read tolerantly: the body (JSON or form, already parsed by the web trigger) is flattened into
 * normalised paths — nested objects joined, names lower-cased with everything but letters and digits
 * removed — so `{"user":{"email_address":…}}`, `user_email_address=…`, `user[email_address]=…` and
 * `userEmailAddress` all read as `useremailaddress`, and each value is looked up under a list of
 * aliases. The answer is always an explicit approve or deny. Pure: no I/O.
 */

export interface PraUserInfo {
  id?: string;
  email?: string;
  username?: string;
  /** Private and public display names (and any other display-name field), in that order, de-duplicated. */
  displayNames: string[];
}

export interface JumpItemInfo {
  id?: string;
  name?: string;
  hostname?: string;
  computerName?: string;
  target?: string;
}

export interface ApprovalRequest {
  /** What the user typed as the ticket ID (trimmed), if anything. */
  ticketId?: string;
  user: PraUserInfo;
  jumpItem: JumpItemInfo;
  /** Normalised names of body fields this module does not use (logged by name only, for the contract). */
  unknownFields: string[];
}

/** Aliases per value, as normalised paths, most specific first. */
export const FIELD_ALIASES = {
  ticketId: ['ticketid', 'ticket', 'ticketnumber', 'ticketkey', 'ticketno', 'issuekey'],
  email: ['useremailaddress', 'useremail', 'usermail', 'emailaddress', 'email', 'mail'],
  username: ['userusername', 'username', 'userlogin', 'userloginname', 'login', 'user'],
  displayNames: [
    'userprivatedisplayname',
    'userpublicdisplayname',
    'userdisplayname',
    'userfullname',
    'privatedisplayname',
    'publicdisplayname',
    'displayname',
    'fullname',
  ],
  userId: ['userid'],
  jumpItemId: ['jumpitemid'],
  jumpItemName: ['jumpitemname', 'jumpitem', 'itemname'],
  jumpItemHostname: ['jumpitemhostname', 'jumpitemhost', 'hostname'],
  jumpItemComputerName: ['jumpitemcomputername', 'computername'],
  jumpItemTarget: ['jumpitemtarget', 'target'],
} as const;

/** Fields PRA may send that approval does not need (not reported as unknown). */
const IGNORED_PREFIXES = ['jumpitemcomments', 'jumpitemjumpgroup', 'jumpitemjumpoint', 'jumpitemtype', 'jumpitemtag', 'jumpitemjumppolicy'];

const MAX_VALUE_LENGTH = 512;
const MAX_KEYS = 200;
const MAX_DEPTH = 4;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]+/g;

export const normaliseName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Flattens the body into normalised path → scalar text (first value wins; arrays give their first element). */
export function flattenFields(fields: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  let keys = 0;
  const visit = (value: unknown, path: string, depth: number): void => {
    if (keys >= MAX_KEYS || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      if (value.length > 0) visit(value[0], path, depth + 1);
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, path + normaliseName(k), depth + 1);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    keys += 1;
    if (!path || out.has(path)) return;
    const text = String(value).replace(CONTROL, ' ').trim().slice(0, MAX_VALUE_LENGTH);
    if (text) out.set(path, text);
  };
  visit(fields, '', 0);
  return out;
}

/** Reads a ticket-system request from a parsed body. Never fails: what is missing stays undefined. */
export function readApprovalRequest(fields: Record<string, unknown>): ApprovalRequest {
  const flat = flattenFields(fields);
  const used = new Set<string>();
  const pick = (aliases: readonly string[]): string | undefined => {
    for (const alias of aliases) {
      const value = flat.get(alias);
      if (value !== undefined) {
        used.add(alias);
        return value;
      }
    }
    return undefined;
  };
  const pickAll = (aliases: readonly string[]): string[] => {
    const values: string[] = [];
    for (const alias of aliases) {
      const value = flat.get(alias);
      if (value === undefined) continue;
      used.add(alias);
      if (!values.some((v) => v.toLowerCase() === value.toLowerCase())) values.push(value);
    }
    return values;
  };
  const request: ApprovalRequest = {
    ticketId: pick(FIELD_ALIASES.ticketId),
    user: {
      id: pick(FIELD_ALIASES.userId),
      email: pick(FIELD_ALIASES.email),
      username: pick(FIELD_ALIASES.username),
      displayNames: pickAll(FIELD_ALIASES.displayNames),
    },
    jumpItem: {
      id: pick(FIELD_ALIASES.jumpItemId),
      name: pick(FIELD_ALIASES.jumpItemName),
      hostname: pick(FIELD_ALIASES.jumpItemHostname),
      computerName: pick(FIELD_ALIASES.jumpItemComputerName),
      target: pick(FIELD_ALIASES.jumpItemTarget),
    },
    unknownFields: [],
  };
  request.unknownFields = [...flat.keys()]
    .filter((k) => !used.has(k) && !IGNORED_PREFIXES.some((p) => k.startsWith(p)))
    // An alias that lost to a more specific one (e.g. `email` beside `user.email_address`) is not unknown.
    .filter((k) => !Object.values(FIELD_ALIASES).some((aliases) => (aliases as readonly string[]).includes(k)))
    .map((k) => k.slice(0, 60))
    .slice(0, 20);
  return request;
}

export type ApprovalAnswer = { approved: true; message: string; externalKey: string } | { approved: false; message: string };

/** The JSON body of the answer (always sent with HTTP 200; the appliance reads `is_valid`). */
export function approvalResponseBody(answer: ApprovalAnswer): Record<string, unknown> {
  if (answer.approved) {
    return { is_valid: true, message: answer.message, custom_attributes: { external_key: answer.externalKey } };
  }
  return { is_valid: false, error_message: answer.message, message: answer.message };
}
