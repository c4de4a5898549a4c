import { describe, expect, it } from '@jest/globals';
import {
  checkAssignee,
  checkTicketKey,
  inactiveReason,
  jumpItemCandidates,
  jumpItemAssetName,
  jumpItemLabel,
  matchAsset,
  matchAfterLookup,
  sameName,
} from '../../../src/approval/rules';
import { DEFAULT_INACTIVE_RESOLUTION_NAMES, DEFAULT_INACTIVE_STATUS_NAMES } from '../../../src/config/settings';
import type { JiraUser } from '../../../src/jira/issues';

const NAMES = { inactiveStatusNames: DEFAULT_INACTIVE_STATUS_NAMES, inactiveResolutionNames: DEFAULT_INACTIVE_RESOLUTION_NAMES };
const status = (name: string, category = 'indeterminate') => ({ status: { name, statusCategory: { key: category } } });

describe('Ticket Exists: the key format, before any Jira call', () => {
  it('accepts issue keys in any letter case and returns them upper-case', () => {
    expect(checkTicketKey('SD-1234')).toEqual({ ok: true, key: 'SD-1234' });
    expect(checkTicketKey('sd-1234')).toEqual({ ok: true, key: 'SD-1234' });
    expect(checkTicketKey('  Ops_2-7 ')).toEqual({ ok: true, key: 'OPS_2-7' });
  });

  it('says when nothing was typed', () => {
    expect(checkTicketKey(undefined)).toEqual({ ok: false, message: 'No ticket ID was entered. Please provide a Jira ticket key (for example SD-1234).' });
    expect(checkTicketKey('   ')).toMatchObject({ ok: false });
  });

  it.each([
    'SD1234',
    'SD-',
    '-12',
    'SD-0',
    'SD-01',
    '1SD-2',
    'SD-1 OR 1=1',
    "SD-1' OR '1'='1",
    'SD-1/../../rest/api/3/myself',
    'SD-1?fields=*all',
    'SD-1#x',
    'SD-1%2F..',
    'project = SD ORDER BY created',
    'SD-١٢',
    'SD‐1', // U+2010 hyphen
    'SD-1\nSD-2',
    `${'A'.repeat(400)}-1`,
    'SD-1234567890123456789',
  ])('denies %j as malformed', (typed) => {
    const result = checkTicketKey(typed);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^The ticket ID \[.*\] is not a valid Jira ticket key \(for example SD-1234\)\.$/);
  });
});

describe('Ticket Active', () => {
  it('is active in a To Do or In Progress status without an inactive resolution', () => {
    expect(inactiveReason({ ...status('Open', 'new'), resolution: null }, NAMES)).toBeUndefined();
    expect(inactiveReason({ ...status('In Progress'), resolution: null }, NAMES)).toBeUndefined();
    expect(inactiveReason({ ...status('In Progress'), resolution: { name: 'Fixed' } }, NAMES)).toBeUndefined();
  });

  it('is inactive in any status of the done category', () => {
    expect(inactiveReason({ ...status('Shipped', 'done'), resolution: null }, NAMES)).toEqual({ status: 'Shipped' });
  });

  it('is inactive in a status named like Closed, Resolved, Done, Cancelled/Canceled, Declined or Won\'t Do, whatever the category', () => {
    for (const name of ['Closed', 'resolved', 'DONE', 'Cancelled', 'Canceled', 'Declined', "Won't Do", 'Won’t Do', ' won\'t  do ']) {
      expect(inactiveReason({ ...status(name), resolution: null }, NAMES)).toEqual({ status: name });
    }
  });

  it("is inactive with a resolution named like Won't Do, Declined, Cancelled or Duplicate", () => {
    expect(inactiveReason({ ...status('Waiting'), resolution: { name: "Won't Do" } }, NAMES)).toEqual({ resolution: "Won't Do" });
    expect(inactiveReason({ ...status('Waiting'), resolution: { name: 'declined' } }, NAMES)).toEqual({ resolution: 'declined' });
  });

  it('uses the configured names', () => {
    const custom = { inactiveStatusNames: ['Rejected'], inactiveResolutionNames: ['Obsolete'] };
    expect(inactiveReason({ ...status('Rejected'), resolution: null }, custom)).toEqual({ status: 'Rejected' });
    expect(inactiveReason({ ...status('Closed'), resolution: null }, custom)).toBeUndefined();
    expect(inactiveReason({ ...status('Open', 'new'), resolution: { name: 'obsolete' } }, custom)).toEqual({ resolution: 'obsolete' });
    expect(inactiveReason({ ...status('Closed', 'done'), resolution: null }, custom)).toEqual({ status: 'Closed' });
  });

  it('compares names ignoring case, spacing and apostrophe style', () => {
    expect(sameName("Won't Do", 'WON’T  DO')).toBe(true);
    expect(sameName('Done', 'Undone')).toBe(false);
  });
});

describe('User Authorized', () => {
  const alex: JiraUser = { accountId: 'a1', displayName: 'Alex Rivera', emailAddress: 'alex.rivera@example.com' };
  const samHidden: JiraUser = { accountId: 's1', displayName: 'Sam Patel' };

  it('matches the assignee by email, case-insensitively', () => {
    expect(checkAssignee({ email: 'ALEX.Rivera@Example.com', displayNames: [] }, alex)).toEqual({ kind: 'match', basis: 'email' });
  });

  it('matches by private or public display name, case-insensitively', () => {
    expect(checkAssignee({ email: 'other@example.com', displayNames: ['alex rivera'] }, alex)).toEqual({ kind: 'match', basis: 'display name' });
    expect(checkAssignee({ displayNames: ['Alex', 'ALEX  RIVERA'] }, alex)).toEqual({ kind: 'match', basis: 'display name' });
  });

  it('matches by username (the local part of the email, or an email used as username)', () => {
    expect(checkAssignee({ username: 'Alex.Rivera', displayNames: [] }, alex)).toEqual({ kind: 'match', basis: 'username' });
    expect(checkAssignee({ username: 'alex.rivera@example.com', displayNames: [] }, alex)).toEqual({ kind: 'match', basis: 'email' });
  });

  it('asks for the email lookup when the assignee hides the email and nothing visible matched', () => {
    expect(checkAssignee({ email: 'sam.patel@example.com', username: 'spatel', displayNames: ['Sam'] }, samHidden)).toEqual({ kind: 'lookup' });
    expect(checkAssignee({ username: 'sam.patel@example.com', displayNames: [] }, samHidden)).toEqual({ kind: 'lookup' });
    expect(checkAssignee({ username: 'spatel', displayNames: ['Sam'] }, samHidden)).toEqual({ kind: 'lookup' });
  });

  it('needs no lookup when a visible field already matches', () => {
    expect(checkAssignee({ email: 'sam.patel@example.com', displayNames: ['Sam Patel'] }, samHidden)).toEqual({ kind: 'match', basis: 'display name' });
  });

  it('does not match a different visible email, other names, or an empty identity', () => {
    expect(checkAssignee({ email: 'casey.nguyen@example.com', username: 'cnguyen', displayNames: ['Casey Nguyen'] }, alex)).toEqual({ kind: 'mismatch' });
    expect(checkAssignee({ displayNames: [] }, alex)).toEqual({ kind: 'mismatch' });
    expect(checkAssignee({ displayNames: ['Sam'] }, samHidden)).toEqual({ kind: 'mismatch' });
  });

  it('after the lookup, matches the whole address only: never a prefix, never an extension', () => {
    const found = { kind: 'found' as const, email: 'Sam.Patel@Example.com' };
    expect(matchAfterLookup({ email: 'sam.patel@example.com', displayNames: [] }, samHidden, found)).toBe('email');
    expect(matchAfterLookup({ email: 'sam.patel@example.co', displayNames: [] }, samHidden, found)).toBeUndefined();
    expect(matchAfterLookup({ email: 'sam.patel@example.com.evil', displayNames: [] }, samHidden, found)).toBeUndefined();
    expect(matchAfterLookup({ email: 'sam.pate@example.com', displayNames: [] }, samHidden, found)).toBeUndefined();
    expect(matchAfterLookup({ email: ' sam.patel@example.com\u0000', displayNames: [] }, samHidden, found)).toBeUndefined();
    expect(matchAfterLookup({ username: 'SAM.PATEL', displayNames: [] }, samHidden, found)).toBe('username');
    expect(matchAfterLookup({ username: 'sam.pat', displayNames: [] }, samHidden, found)).toBeUndefined();
  });

  it('a refused or empty lookup matches nothing by email', () => {
    expect(matchAfterLookup({ email: 'sam.patel@example.com', displayNames: [] }, samHidden, { kind: 'refused' })).toBeUndefined();
    expect(matchAfterLookup({ email: 'sam.patel@example.com', displayNames: [] }, samHidden, { kind: 'none' })).toBeUndefined();
  });
});

describe('Asset Match', () => {
  it('knows the Jump Item by name, host name and the host name\'s first DNS label', () => {
    expect(jumpItemCandidates({ name: 'Web Server', hostname: 'WEB01.corp.example.com.' })).toEqual(['web server', 'web01.corp.example.com', 'web01']);
    expect(jumpItemCandidates({ computerName: 'db-server-02', target: 'db-server-02.corp:22' })).toEqual(['db-server-02', 'db-server-02.corp']);
  });

  it('never takes the first "label" of an IP address', () => {
    expect(jumpItemCandidates({ hostname: '10.0.20.11' })).toEqual(['10.0.20.11']);
    expect(jumpItemCandidates({ hostname: 'fe80::1' })).toEqual(['fe80::1']);
  });

  it('names the Jump Item in messages by name, else computer name, host name or target', () => {
    expect(jumpItemLabel({ name: 'WEB01', hostname: 'web01.corp' })).toBe('WEB01');
    expect(jumpItemLabel({ hostname: 'web01.corp', computerName: 'WEB01' })).toBe('WEB01');
    expect(jumpItemLabel({ target: 't' })).toBe('t');
    expect(jumpItemLabel({})).toBeUndefined();
    // In a denial the asset is the computer name, as the product describes the check; else the name.
    expect(jumpItemAssetName({ name: 'Web server (prod)', computerName: 'WEB01', hostname: 'web01.corp' })).toBe('WEB01');
    expect(jumpItemAssetName({ name: 'WEB01', hostname: 'web01.corp' })).toBe('WEB01');
    expect(jumpItemAssetName({ hostname: 'web01.corp' })).toBe('web01.corp');
  });

  it('matches case-insensitively; any one of several assets is enough', () => {
    expect(matchAsset(['workstation-01'], ['WORKSTATION-01'])).toBe('WORKSTATION-01');
    expect(matchAsset(jumpItemCandidates({ name: 'Web Server', hostname: 'web01.corp.example.com' }), ['WORKSTATION-01', 'Web01'])).toBe('Web01');
    expect(matchAsset(['web01'], ['WEB01.corp.example.com'])).toBeUndefined();
    expect(matchAsset(['web'], ['WEB01'])).toBeUndefined();
    expect(matchAsset([], ['WEB01'])).toBeUndefined();
  });
});
