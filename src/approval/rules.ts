/**
 * The endpoint-approval rules of the product specification ("Validation Details"), as pure functions:
 * the ticket key, whether the ticket is active, whether the PRA user is the assignee, and whether the
 * Jump Item is one of the ticket's assets. No I/O: decide.ts fetches what these rules look at.
 */
import { normalizeIssueKey, type IssueFields, type JiraUser } from '../jira/issues';
import { emailOf, matchOnVisibleFields, type MatchBasis, type PraIdentity } from '../jira/identity';
import type { EmailLookup } from '../jira/users';
import { APPROVAL_MESSAGES } from './messages';
import type { JumpItemInfo, PraUserInfo } from './wireFormat';
import { sameName } from '../shared/names';

// ---- Ticket key -------------------------------------------------------------------------------

/** Longest text worth matching against the key pattern (a project key is at most 255 characters). */
const MAX_TICKET_INPUT = 300;

export type TicketKeyCheck = { ok: true; key: string } | { ok: false; message: string };

/**
 * The canonical (upper-case) issue key the user typed, or the message for anything that is not an
 * issue key. Only `PROJECT-123` passes, so nothing else ever reaches a Jira URL.
 */
export function checkTicketKey(typed: string | undefined): TicketKeyCheck {
  const text = (typed ?? '').trim();
  if (!text) return { ok: false, message: APPROVAL_MESSAGES.missingTicket() };
  const key = text.length <= MAX_TICKET_INPUT ? normalizeIssueKey(text) : undefined;
  return key ? { ok: true, key } : { ok: false, message: APPROVAL_MESSAGES.malformedTicket(text) };
}

// ---- Ticket active ----------------------------------------------------------------------------

/** Status and resolution names compare as every admin-typed name does (shared/names). */
export { sameName };

export interface InactiveNames {
  inactiveStatusNames: readonly string[];
  inactiveResolutionNames: readonly string[];
}

/**
 * Why the ticket is not active, or undefined when it is: its status is in the "done" category or has
 * one of the inactive status names, or its resolution has one of the inactive resolution names.
 */
export function inactiveReason(fields: Pick<IssueFields, 'status' | 'resolution'>, names: InactiveNames): { status?: string; resolution?: string } | undefined {
  const statusName = fields.status?.name ?? '';
  if (fields.status?.statusCategory?.key === 'done') return { status: statusName || 'Done' };
  if (statusName && names.inactiveStatusNames.some((n) => sameName(n, statusName))) return { status: statusName };
  const resolutionName = fields.resolution?.name ?? '';
  if (resolutionName && names.inactiveResolutionNames.some((n) => sameName(n, resolutionName))) return { resolution: resolutionName };
  return undefined;
}

// ---- User authorised --------------------------------------------------------------------------

export function identityOf(user: PraUserInfo): PraIdentity {
  return { email: user.email, username: user.username, displayNames: user.displayNames };
}

export type AssigneeCheck =
  | { kind: 'match'; basis: MatchBasis }
  /** Jira hides the assignee's email and the PRA user may be matched by it: read it with the email lookup. */
  | { kind: 'lookup' }
  | { kind: 'mismatch' };

/**
 * Compares the PRA user with the assignee on what Jira shows: email (the whole address,
 * case-insensitive), private or public display name (case-insensitive), username (the email's local
 * part, or the display name). When none matches and Jira hides the assignee's email, the address must
 * be read with the email lookup before deciding (`matchAfterLookup`).
 */
export function checkAssignee(identity: PraIdentity, assignee: JiraUser): AssigneeCheck {
  const basis = matchOnVisibleFields(identity, assignee);
  if (basis) return { kind: 'match', basis };
  if (!assignee.emailAddress && (emailOf(identity) || identity.username?.trim())) return { kind: 'lookup' };
  return { kind: 'mismatch' };
}

/**
 * How the PRA user matches the assignee once the hidden email was looked up: the same rules as for a
 * visible email, so only the exact address (or its local part as a username) matches — never a prefix.
 * A refused or empty lookup matches nothing more than the visible fields did.
 */
export function matchAfterLookup(identity: PraIdentity, assignee: JiraUser, lookup: EmailLookup): MatchBasis | undefined {
  if (lookup.kind !== 'found') return undefined;
  return matchOnVisibleFields(identity, { ...assignee, emailAddress: lookup.email });
}

// ---- Asset match ------------------------------------------------------------------------------

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const normAsset = (s: string) => s.normalize('NFKC').trim().replace(/\.$/, '').toLowerCase();

/** A host name without a `:port` suffix (IPv6 literals are left alone). */
function withoutPort(value: string): string {
  const m = /^([^:]+):\d{1,5}$/.exec(value.trim());
  return m ? m[1]! : value.trim();
}

/**
 * The names the Jump Item may be known by on a ticket: its name, its host name (and computer name or
 * target), and the first DNS label of each host name (`web01` for `web01.corp.example.com`) unless it
 * is an IP address. Lower-case, de-duplicated.
 */
export function jumpItemCandidates(item: JumpItemInfo): string[] {
  const out = new Set<string>();
  const add = (v: string | undefined) => {
    const n = v ? normAsset(v) : '';
    if (n) out.add(n);
  };
  add(item.name);
  for (const raw of [item.hostname, item.computerName, item.target]) {
    if (!raw) continue;
    const host = withoutPort(raw);
    add(host);
    const bare = host.replace(/\.$/, '');
    if (bare.includes('.') && !IPV4.test(bare) && !bare.includes(':')) add(bare.split('.')[0]);
  }
  return [...out];
}

/** The Jump Item as named in the audit: its name, else its computer name, host name or target. */
export function jumpItemLabel(item: JumpItemInfo): string | undefined {
  return item.name ?? item.computerName ?? item.hostname ?? item.target;
}

/**
 * The asset named in a denial: the Jump Item's computer name, as the product describes the check
 * ("Compares the PRA Jump Item computer name with the asset name"), else its name, host name or target.
 */
export function jumpItemAssetName(item: JumpItemInfo): string | undefined {
  return item.computerName ?? item.name ?? item.hostname ?? item.target;
}

/** The ticket's asset that the Jump Item is (case-insensitive), or undefined. Any one match is enough. */
export function matchAsset(candidates: readonly string[], assetNames: readonly string[]): string | undefined {
  const wanted = new Set(candidates.map(normAsset));
  return assetNames.find((name) => wanted.has(normAsset(name)));
}
