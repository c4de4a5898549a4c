/**
 * Every message a PRA user can see from endpoint approval, in one place. The first four are the
 * product specification's "Common Denial Reasons" word for word; the others follow their style
 * (ticket key and asset name in brackets). Text that comes from outside (what the user typed, Jump
 * Item names, Jira status names) is cleaned and shortened before it is put into a message. Pure.
 */

/** Control characters and line breaks have no place in a one-line dialog message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** A single-line, bounded rendering of outside text for a message (never empty: "?" instead). */
export function sanitizedForMessage(value: string | undefined, max = 128): string {
  const text = (value ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return '?';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What the user typed as a ticket ID, shown back in a message: at most 40 characters, unusual ones as "?". */
export function shownTicketInput(value: string): string {
  const safe = value.replace(CONTROL, ' ').replace(/[^A-Za-z0-9 _.:#/@+-]/g, '?').replace(/\s+/g, ' ').trim();
  return safe.length > 40 ? `${safe.slice(0, 39)}…` : safe;
}

/**
 * The product specification's "Common Denial Reasons", word for word. A denial for one of these reasons
 * starts with its sentence; any detail may only follow as a further sentence.
 */
export const APPROVAL_MESSAGES_SPEC = {
  notFound: (key: string) => `The specified ticket, [${key}], could not be found. Please provide a valid ticket number.`,
  unassigned: (key: string) => `The specified ticket, [${key}], is not assigned to anyone.`,
  userMismatch: (key: string) => `The user that initiated the PRA session does not match the assignee of ticket [${key}].`,
  assetMismatch: (key: string, asset: string) =>
    `The specified ticket, [${key}], does not appear to be associated with an asset named [${sanitizedForMessage(asset)}].`,
} as const;

export const APPROVAL_MESSAGES = {
  // --- product specification, "Common Denial Reasons" (exact) ---
  ...APPROVAL_MESSAGES_SPEC,

  // --- the other outcomes ---
  approved: (key: string) => `Access approved by Jira ticket [${key}].`,
  missingTicket: () => 'No ticket ID was entered. Please provide a Jira ticket key (for example SD-1234).',
  malformedTicket: (typed: string) => `The ticket ID [${shownTicketInput(typed)}] is not a valid Jira ticket key (for example SD-1234).`,
  inactive: (key: string, why: { status?: string; resolution?: string }) =>
    `The specified ticket, [${key}], is not active (${why.status !== undefined ? `status: ${sanitizedForMessage(why.status, 60)}` : `resolution: ${sanitizedForMessage(why.resolution, 60)}`}).`,
  disabled: () => 'Endpoint approval is not available: the BeyondTrust PRA integration is disabled in Jira.',
  unavailable: (key?: string) =>
    key
      ? `Unable to validate the ticket [${key}] right now. Please try again in a few minutes.`
      : 'Unable to validate the ticket right now. Please try again in a few minutes.',
  /** One of the product's reasons (the asset does not match), so its sentence comes first; the detail follows. */
  noAssetOnTicket: (key: string, fieldName: string, asset: string) =>
    `${APPROVAL_MESSAGES_SPEC.assetMismatch(key, asset)} Its [${sanitizedForMessage(fieldName, 80)}] field has no asset.`,
  noJumpItem: (key: string) => `PRA did not send the Jump Item's computer name, so ticket [${key}] cannot be matched to an asset.`,
  assetFieldUnusable: (fieldName: string) =>
    fieldName
      ? `Endpoint approval cannot check assets: Jira has no usable asset field named [${sanitizedForMessage(fieldName, 80)}]. Ask a Jira administrator to check the Asset Field Name of the BeyondTrust PRA app.`
      : 'Endpoint approval cannot check assets: no Asset Field Name is configured. Ask a Jira administrator to set it in the BeyondTrust PRA app.',
  assetsNoAccess: (key: string) =>
    `Unable to validate the ticket [${key}]: the BeyondTrust PRA app cannot read Jira Assets (it has no Assets role), so the ticket's assets cannot be checked. Ask a Jira administrator to grant the app an Assets role.`,

  // --- change windows (issue 15) ---
  outsideChangeWindow: (key: string, window: string) => `The change window of ticket [${key}] is ${window}; access is allowed only within it.`,
  changeWindowMissing: (key: string) => `The specified ticket, [${key}], has no planned start and end, so the change window cannot be checked.`,
  changeWindowReversed: (key: string, start: string, end: string) =>
    `The change window of ticket [${key}] ends before it starts (planned start ${start}, planned end ${end}), so the change window cannot be checked.`,
  changeStatusNotAllowed: (key: string, status: string, allowed: readonly string[]) =>
    `The specified ticket, [${key}], is in status [${sanitizedForMessage(status, 60)}]; during its change window access is allowed only in status ${allowed
      .slice(0, 5)
      .map((s) => `[${sanitizedForMessage(s, 40)}]`)
      .join(' or ')}${allowed.length > 5 ? ' or another allowed status' : ''}.`,
  changeWindowFieldsUnusable: (names: readonly string[]) =>
    `Endpoint approval cannot check the change window: Jira has no date-time fields named ${names.map((n) => `[${sanitizedForMessage(n, 60)}]`).join(', ')}. Ask a Jira administrator to check the change window settings of the BeyondTrust PRA app.`,

  badRequest: (reason: string) => `The approval request from PRA could not be read (${sanitizedForMessage(reason, 80)}). Access is denied.`,
  forbidden: () => 'This URL needs its token: copy the Endpoint Approval URL from the app configuration page.',
  methodNotAllowed: () => 'This URL receives BeyondTrust PRA ticket-system requests, which are sent with POST.',
} as const;
