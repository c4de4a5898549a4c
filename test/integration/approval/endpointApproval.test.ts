/**
 * Endpoint approval through the web trigger, in the local Forge host against the simulators: every
 * validation rule and message of the product specification, identity variants, text and Assets fields,
 * and the number of Jira requests per decision. Most cases go through the PRA simulator's ticket-system
 * caller (what the PRA user would see); the others POST to the URL directly.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { ALEX, CASEY, approvalWorld, praBody, type ApprovalWorld } from './helpers';

let a: ApprovalWorld;
beforeAll(async () => {
  a = await approvalWorld();
  // Warm the asset-field id cache so request counts below are the steady state.
  await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
});
afterAll(() => a.close());

const issueCall = (key: string) => `GET /rest/api/3/issue/${key}`;

describe('approval', () => {
  it('approves the assignee on the ticket\'s asset and links the session to the ticket (external_key)', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }));
    expect(result).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-1' }, httpStatus: 200 });
    expect(calls).toEqual([issueCall('SD-1')]);
    const session = a.w.pra.createSession({ jumpItem: { name: 'WORKSTATION-01' }, rep: 'arivera' });
    expect(session.externalKey).toBe('SD-1');
  });

  it('answers the approval body of the contract', async () => {
    const res = await a.post(praBody('SD-1', ALEX, { name: 'WORKSTATION-01', hostname: 'workstation-01.corp.example.com' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({ is_valid: true, message: 'Access approved by Jira ticket [SD-1].', custom_attributes: { external_key: 'SD-1' } });
  });

  it('takes a lower-case key as the same ticket and returns the canonical key', async () => {
    const outcome = await a.enter('sd-1', 'arivera', { name: 'WORKSTATION-01' });
    expect(outcome).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-1' } });
    expect((await a.enter(' Sd-1 ', 'arivera', { name: 'WORKSTATION-01' })).allowed).toBe(true);
  });
});

describe('the product specification\'s denial messages', () => {
  it('Ticket Exists: a key Jira does not know', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1234', 'arivera', { name: 'WORKSTATION-01' }));
    expect(result).toMatchObject({ allowed: false, message: 'The specified ticket, [SD-1234], could not be found. Please provide a valid ticket number.' });
    expect(calls).toEqual([issueCall('SD-1234')]);
    expect((await a.enter('nope-7', 'arivera', { name: 'WORKSTATION-01' })).message).toBe(
      'The specified ticket, [NOPE-7], could not be found. Please provide a valid ticket number.',
    );
  });

  it('unassigned ticket', async () => {
    const outcome = await a.enter('SD-3', 'arivera', { name: 'DB-SERVER-02' });
    expect(outcome).toMatchObject({ allowed: false, message: 'The specified ticket, [SD-3], is not assigned to anyone.' });
  });

  it('a user who is not the assignee', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'cnguyen', { name: 'WORKSTATION-01' }));
    expect(result).toMatchObject({ allowed: false, message: 'The user that initiated the PRA session does not match the assignee of ticket [SD-1].' });
    // Alex's email is visible, so no user search is needed to know Casey is not Alex.
    expect(calls).toEqual([issueCall('SD-1')]);
  });

  it('a Jump Item that is not the ticket\'s asset', async () => {
    const outcome = await a.enter('SD-1', 'arivera', { name: 'WEB01' });
    expect(outcome).toMatchObject({
      allowed: false,
      message: 'The specified ticket, [SD-1], does not appear to be associated with an asset named [WEB01].',
    });
  });

  it('checks in order: exists, active, assigned, user, asset', async () => {
    // SD-6 is closed, assigned to Alex, asset WEB01: Casey on DB-SERVER-02 hears about the status first.
    expect((await a.enter('SD-6', 'cnguyen', { name: 'DB-SERVER-02' })).message).toBe('The specified ticket, [SD-6], is not active (status: Closed).');
    // SD-3 is unassigned: the asset is not the reason given.
    expect((await a.enter('SD-3', 'cnguyen', { name: 'WEB01' })).message).toBe('The specified ticket, [SD-3], is not assigned to anyone.');
    // SD-1: wrong user and wrong asset → the user.
    expect((await a.enter('SD-1', 'cnguyen', { name: 'WEB01' })).message).toMatch(/^The user that initiated the PRA session/);
  });
});

describe('Ticket Active', () => {
  it.each([
    ['SD-4', 'LAPTOP-JDOE', 'arivera', 'Resolved'],
    ['SD-5', 'WEB01', 'cnguyen', 'Cancelled'],
    ['SD-6', 'WEB01', 'arivera', 'Closed'],
  ])('denies %s (%s) as not active', async (key, item, user, status) => {
    const outcome = await a.enter(key, user, { name: item });
    expect(outcome).toMatchObject({ allowed: false, message: `The specified ticket, [${key}], is not active (status: ${status}).` });
  });

  it('uses the configured status names and the resolution', async () => {
    a.w.jira.createStatus({ name: 'Rejected', category: 'indeterminate' });
    const rejected = a.w.jira.createIssue({ project: 'SD', summary: 'r', status: 'Rejected', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } }).key;
    const declined = a.w.jira.createIssue({ project: 'SD', summary: 'd', status: 'In Progress', resolution: 'Declined', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } }).key;
    expect((await a.enter(rejected, 'arivera', { name: 'WEB01' })).allowed).toBe(true);
    expect((await a.enter(declined, 'arivera', { name: 'WEB01' })).message).toBe(`The specified ticket, [${declined}], is not active (resolution: Declined).`);
    await a.configure({ inactiveStatusNames: ['Rejected'], inactiveResolutionNames: [] });
    try {
      expect((await a.enter(rejected, 'arivera', { name: 'WEB01' })).message).toBe(`The specified ticket, [${rejected}], is not active (status: Rejected).`);
      expect((await a.enter(declined, 'arivera', { name: 'WEB01' })).allowed).toBe(true);
    } finally {
      await a.configure();
    }
  });
});

describe('User Authorized: identity variants', () => {
  it('matches a hidden assignee email through the email lookup for apps (one more request)', async () => {
    // A PRA user whose names differ from Jira's: only the email ties Sam's accounts together.
    const sam = { username: 'sam.p', displayName: 'S. Patel', privateDisplayName: 'S. Patel', publicDisplayName: 'SP', email: 'sam.patel@example.com' };
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-2', sam, { name: 'WEB01' }));
    expect(result).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-2' } });
    expect(calls).toEqual([issueCall('SD-2'), 'GET /rest/api/3/user/email']);
  });

  it.each([
    ['a strict prefix', 'sam.patel@example.co'],
    ['a shorter local part', 'sam.pate@example.com'],
    ['the domain only', '@example.com'],
    ['the address with more after it', 'sam.patel@example.com.evil.example'],
  ])('denies a PRA email that is %s of the hidden assignee email (exact matching)', async (_what, email) => {
    const res = await a.post(praBody('SD-2', { username: 'x', email_address: email, private_display_name: 'X' }, { name: 'WEB01' }));
    expect(res.body).toMatchObject({ is_valid: false, error_message: 'The user that initiated the PRA session does not match the assignee of ticket [SD-2].' });
  });

  it('when the site refuses the email lookup, a hidden email cannot approve, but display name and username still can', async () => {
    a.w.jira.setKnobs({ appMayReadEmails: false });
    try {
      const byEmail = await a.post(praBody('SD-2', { username: 'sam.p', email_address: 'sam.patel@example.com', private_display_name: 'S. Patel' }, { name: 'WEB01' }));
      expect(byEmail.body).toMatchObject({ is_valid: false, error_message: 'The user that initiated the PRA session does not match the assignee of ticket [SD-2].' });
      const byName = await a.post(praBody('SD-2', { username: 'x', email_address: 'sam.patel@example.com', private_display_name: 'Sam Patel' }, { name: 'WEB01' }));
      expect(byName.body.is_valid).toBe(true);
      const byUsername = await a.post(praBody('SD-2', { username: 'sam patel', email_address: 'other@example.org' }, { name: 'WEB01' }));
      expect(byUsername.body.is_valid).toBe(true);
    } finally {
      a.w.jira.setKnobs({ appMayReadEmails: true });
    }
  });

  it('does not match a hidden assignee email with another account\'s address', async () => {
    const res = await a.post(praBody('SD-2', { username: 'x', email_address: 'casey.nguyen@example.com', private_display_name: 'X' }, { name: 'WEB01' }));
    expect(res.body).toMatchObject({ is_valid: false, error_message: 'The user that initiated the PRA session does not match the assignee of ticket [SD-2].' });
    const unknown = await a.post(praBody('SD-2', { username: 'y', email_address: 'nobody@example.com' }, { name: 'WEB01' }));
    expect(unknown.body.is_valid).toBe(false);
  });

  it('needs no lookup when the display name already matches the hidden-email assignee', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-2', 'spatel', { name: 'WEB01' }));
    expect(result.allowed).toBe(true);
    expect(calls).toEqual([issueCall('SD-2')]);
  });

  it('matches the email whatever its letter case', async () => {
    const res = await a.post(praBody('SD-1', { username: 'x', email_address: 'ALEX.Rivera@EXAMPLE.com' }, { name: 'WORKSTATION-01' }));
    expect(res.body.is_valid).toBe(true);
  });

  it('matches the private or the public display name (an alias, in any case)', async () => {
    const privateName = await a.post(praBody('SD-1', { username: 'x', email_address: 'alex@corp.example.net', private_display_name: 'alex rivera' }, { name: 'WORKSTATION-01' }));
    expect(privateName.body.is_valid).toBe(true);
    const publicName = await a.post(praBody('SD-1', { username: 'x', private_display_name: 'A.R.', public_display_name: 'ALEX RIVERA' }, { name: 'WORKSTATION-01' }));
    expect(publicName.body.is_valid).toBe(true);
  });

  it('matches the username', async () => {
    const res = await a.post(praBody('SD-1', { username: 'Alex.Rivera', private_display_name: 'AR' }, { name: 'WORKSTATION-01' }));
    expect(res.body.is_valid).toBe(true);
    const sso = await a.post({ ticket: 'SD-2', username: 'sam.patel@example.com', jump_item: 'WEB01' });
    expect(sso.body.is_valid).toBe(true);
  });
});

describe('Asset Match: text field', () => {
  it('accepts any one of several names in the field', async () => {
    const key = a.w.jira.createIssue({ project: 'SD', summary: 'two', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01, DB-SERVER-02' } }).key;
    expect((await a.enter(key, 'arivera', { name: 'DB-SERVER-02' })).allowed).toBe(true);
    expect((await a.enter(key, 'arivera', { name: 'WEB01' })).allowed).toBe(true);
    expect((await a.enter(key, 'arivera', { name: 'LAPTOP-JDOE' })).message).toBe(
      `The specified ticket, [${key}], does not appear to be associated with an asset named [LAPTOP-JDOE].`,
    );
  });

  it('compares case-insensitively and knows the Jump Item by host name and its first DNS label', async () => {
    expect((await a.post(praBody('SD-1', ALEX, { name: 'workstation-01' }))).body.is_valid).toBe(true);
    const byLabel = await a.post(praBody('SD-1', ALEX, { name: 'Front desk PC', hostname: 'WORKSTATION-01.corp.example.com' }));
    expect(byLabel.body.is_valid).toBe(true);
    const byComputerName = await a.post({ ticket_id: 'SD-1', user: ALEX, computer_name: 'Workstation-01' });
    expect(byComputerName.body.is_valid).toBe(true);
    const ip = await a.post(praBody('SD-1', ALEX, { name: 'Front desk PC', hostname: '10.0.10.21' }));
    expect(ip.body.error_message).toBe('The specified ticket, [SD-1], does not appear to be associated with an asset named [Front desk PC].');
  });

  it('says when the ticket has no asset, and when PRA sent no Jump Item', async () => {
    expect((await a.enter('SD-7', 'arivera', { name: 'WEB01' })).message).toBe(
      'The specified ticket, [SD-7], does not appear to be associated with an asset named [WEB01]. Its [Asset Name] field has no asset.',
    );
    const none = await a.post({ ticket_id: 'SD-1', user: ALEX });
    expect(none.body.error_message).toBe("PRA did not send the Jump Item's computer name, so ticket [SD-1] cannot be matched to an asset.");
  });

  it("names the Jump Item's computer name in the product's sentence, first, and keeps the audit reason specific", async () => {
    const item = { name: 'Web "front" \\ C:\\inetpub 🌐', computer_name: 'WEB01-CN', hostname: 'web01.corp.example.com' };
    const empty = await a.post(praBody('SD-7', ALEX, item));
    expect(empty.body.error_message).toBe(
      'The specified ticket, [SD-7], does not appear to be associated with an asset named [WEB01-CN]. Its [Asset Name] field has no asset.',
    );
    const [emptyRecord] = (await a.w.configCall('listApprovalDecisions', { limit: 1 })).decisions;
    expect(emptyRecord).toMatchObject({ reason: 'no-asset-on-ticket', result: 'denied' });
    const other = await a.post(praBody('SD-1', ALEX, item));
    expect(other.body.error_message).toBe('The specified ticket, [SD-1], does not appear to be associated with an asset named [WEB01-CN].');
    const [otherRecord] = (await a.w.configCall('listApprovalDecisions', { limit: 1 })).decisions;
    expect(otherRecord).toMatchObject({ reason: 'asset-mismatch', result: 'denied' });
  });

  it('skips the asset check when asset matching is turned off', async () => {
    await a.configure({ requireAssetMatch: false });
    try {
      expect((await a.enter('SD-7', 'arivera', { name: 'WEB01' })).allowed).toBe(true);
      expect((await a.post({ ticket_id: 'SD-1', user: ALEX })).body.is_valid).toBe(true);
    } finally {
      await a.configure();
    }
  });

  it('denies with a configuration message when the asset field does not exist (after the other checks)', async () => {
    await a.configure({ assetFieldName: 'No Such Field' });
    try {
      expect((await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' })).message).toMatch(
        /^Endpoint approval cannot check assets: Jira has no usable asset field named \[No Such Field\]\./,
      );
      expect((await a.enter('SD-999', 'arivera', { name: 'WORKSTATION-01' })).message).toMatch(/could not be found/);
    } finally {
      await a.configure();
    }
  });
});

describe('Asset Match: Jira Assets field', () => {
  beforeAll(async () => {
    await a.configure({ assetFieldName: 'Assets' });
    await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }); // warm the field cache
  });
  afterAll(() => a.configure());

  const object = (id: string) => `GET /jsm/assets/workspace/${DEMO.assets.workspaceId}/v1/object/${id}`;

  it('matches the label of the ticket\'s Assets object (one more request)', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }));
    expect(result).toMatchObject({ allowed: true, customAttributes: { external_key: 'SD-1' } });
    expect(calls).toEqual([issueCall('SD-1'), object('1')]);
  });

  it('with several objects, any one matching is enough (objects fetched in parallel)', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-8', 'cnguyen', { name: 'WEB01' }));
    expect(result.allowed).toBe(true);
    expect(calls[0]).toBe(issueCall('SD-8'));
    expect(calls.slice(1).sort()).toEqual([object('1'), object('2')]);
    expect((await a.enter('SD-8', 'cnguyen', { name: 'workstation-01' })).allowed).toBe(true);
    expect((await a.enter('SD-8', 'cnguyen', { name: 'DB-SERVER-02' })).message).toBe(
      'The specified ticket, [SD-8], does not appear to be associated with an asset named [DB-SERVER-02].',
    );
  });

  it('looks the hidden email up and fetches the objects in the same round', async () => {
    const sam = { username: 'sam.p2', displayName: 'S. P.', privateDisplayName: 'S. P.', publicDisplayName: 'S', email: 'sam.patel@example.com' };
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-2', sam, { name: 'WEB01' }));
    expect(result.allowed).toBe(true);
    expect(calls[0]).toBe(issueCall('SD-2'));
    expect(calls.slice(1).sort()).toEqual([object('2'), 'GET /rest/api/3/user/email'].sort());
    const [latest] = (await a.w.configCall('listApprovalDecisions', { limit: 1 })).decisions;
    expect(latest).toMatchObject({ ticket: 'SD-2', result: 'approved', matchedBy: 'email', jiraRequests: 3, jiraRounds: 2 });
  });

  it('says when the Assets field is empty', async () => {
    expect((await a.enter('SD-7', 'arivera', { name: 'WEB01' })).message).toBe(
      'The specified ticket, [SD-7], does not appear to be associated with an asset named [WEB01]. Its [Assets] field has no asset.',
    );
  });
});

describe('integration switched off', () => {
  it('denies without asking Jira', async () => {
    await a.configure({ enabled: false });
    try {
      const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }));
      expect(result).toMatchObject({ allowed: false, message: 'Endpoint approval is not available: the BeyondTrust PRA integration is disabled in Jira.' });
      expect(calls).toEqual([]);
    } finally {
      await a.configure();
    }
  });
});

describe('a ticket whose issue type has no asset field', () => {
  it('looks the field up once more (it may have been re-created), then says the ticket has no asset', async () => {
    const { result, calls } = await a.jiraCallsDuring(() => a.post(praBody('OPS-1', CASEY, { name: 'WEB01' })));
    expect(result.body).toMatchObject({
      is_valid: false,
      error_message: 'The specified ticket, [OPS-1], does not appear to be associated with an asset named [WEB01]. Its [Asset Name] field has no asset.',
    });
    expect(calls).toEqual([issueCall('OPS-1'), 'GET /rest/api/3/field']);
  });
});
