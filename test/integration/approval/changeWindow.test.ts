/**
 * Change windows in endpoint approval (issue 15), through the web trigger in the local Forge host against
 * the simulators: a Change ticket is approved only within [planned start − grace, planned end + grace]
 * on the app's clock (the host's clock, frozen here so edges are exact), with the issue's messages; other
 * issue types are approved as before; still one Jira request per decision once the field ids are cached.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { approvalWorld, type ApprovalWorld } from './helpers';

const clock = { now: Date.parse('2026-12-04T21:00:00Z') };
const at = (iso: string) => {
  clock.now = Date.parse(iso);
};
let a: ApprovalWorld;
let key = '';
const DB = { name: 'DB-SERVER-02' };
const issueCall = (k: string) => `GET /rest/api/3/issue/${k}`;

function changeTicket(fields: Record<string, unknown>, status = 'Implementing', summary = 'Patch DB-SERVER-02 «変更» 🚀 C:\\Temp\\"x"'): string {
  return a.w.jira.createIssue({ project: 'CHG', issueType: 'Change', summary, status, assignee: DEMO.users.technician, fields: { 'Asset Name': 'DB-SERVER-02', ...fields } }).key;
}

beforeAll(async () => {
  a = await approvalWorld({ requireChangeWindow: true }, { host: { now: () => clock.now } });
  // The window written in Sydney time: 2026-12-04 22:00–23:00 UTC.
  key = changeTicket({ 'Planned start': '2026-12-05T09:00:00.000+1100', 'Planned end': '2026-12-05T10:00:00.000+1100' });
});
afterAll(() => a.close());

describe('a Change ticket is approved only within its window (grace 15 minutes)', () => {
  it.each([
    ['one second before start − grace', '2026-12-04T21:44:59Z', false],
    ['exactly at start − grace', '2026-12-04T21:45:00Z', true],
    ['inside', '2026-12-04T22:30:00Z', true],
    ['exactly at end + grace', '2026-12-04T23:15:00Z', true],
    ['one second after end + grace', '2026-12-04T23:15:01Z', false],
  ])('%s', async (_what, now, allowed) => {
    at(now);
    const { result, calls } = await a.jiraCallsDuring(() => a.enter(key, 'arivera', DB));
    expect(result.allowed).toBe(allowed);
    if (!allowed) expect(result.message).toBe(`The change window of ticket [${key}] is 2026-12-04 22:00–23:00 UTC; access is allowed only within it.`);
    else expect(result.customAttributes).toEqual({ external_key: key });
    // The window fields come with the one issue request (field ids cached by the configuration check).
    expect(calls).toEqual([issueCall(key)]);
  });

  it('records the window and the reason code in the audit log', async () => {
    at('2026-12-04T23:30:00Z');
    await a.enter(key, 'arivera', DB);
    const { decisions } = await a.w.configCall('listApprovalDecisions', { limit: 1 });
    expect(decisions[0]).toMatchObject({
      ticket: key,
      result: 'denied',
      reason: 'outside-change-window',
      changeWindow: { start: '2026-12-04T22:00:00.000Z', end: '2026-12-04T23:00:00.000Z', graceMinutes: 15, checkedAt: '2026-12-04T23:30:00.000Z', inside: false },
      jiraRequests: 1,
      jiraRounds: 1,
    });
  });

  it('the product checks come first: another user is told so, not about the window', async () => {
    at('2026-12-05T08:00:00Z');
    expect((await a.enter(key, 'cnguyen', DB)).message).toBe(`The user that initiated the PRA session does not match the assignee of ticket [${key}].`);
  });
});

describe('windows that cannot be checked, statuses, and other issue types', () => {
  it('denies a Change ticket without a planned start and end', async () => {
    at('2026-12-04T22:30:00Z');
    const missing = changeTicket({ 'Planned start': '2026-12-04T22:00:00Z' });
    expect(await a.enter(missing, 'arivera', DB)).toMatchObject({
      allowed: false,
      message: `The specified ticket, [${missing}], has no planned start and end, so the change window cannot be checked.`,
    });
  });

  it('denies a reversed window', async () => {
    const reversed = changeTicket({ 'Planned start': '2026-12-04T23:00:00Z', 'Planned end': '2026-12-04T22:00:00Z' });
    expect((await a.enter(reversed, 'arivera', DB)).message).toBe(
      `The change window of ticket [${reversed}] ends before it starts (planned start 2026-12-04 23:00 UTC, planned end 2026-12-04 22:00 UTC), so the change window cannot be checked.`,
    );
  });

  it('with allowed statuses configured, denies another status inside the window', async () => {
    await a.configure({ requireChangeWindow: true, changeWindowStatuses: ['Implementing'] });
    try {
      at('2026-12-04T22:30:00Z');
      const waiting = changeTicket({ 'Planned start': '2026-12-04T22:00:00Z', 'Planned end': '2026-12-04T23:00:00Z' }, 'Awaiting implementation');
      expect((await a.enter(waiting, 'arivera', DB)).message).toBe(
        `The specified ticket, [${waiting}], is in status [Awaiting implementation]; during its change window access is allowed only in status [Implementing].`,
      );
      expect((await a.enter(key, 'arivera', DB)).allowed).toBe(true);
    } finally {
      await a.configure({ requireChangeWindow: true });
    }
  });

  it('approves other issue types as today, whatever the time', async () => {
    at('2026-12-04T12:00:00Z'); // far outside the Change window (within the 12 h field-id cache of this frozen clock)
    const { result, calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }));
    expect(result).toMatchObject({ allowed: true });
    expect(calls).toEqual([issueCall('SD-1')]);
  });

  it('with the setting off, a Change ticket outside its window is approved as before', async () => {
    await a.configure({ requireChangeWindow: false });
    try {
      at('2026-12-06T00:00:00Z');
      expect((await a.enter(key, 'arivera', DB)).allowed).toBe(true);
    } finally {
      await a.configure({ requireChangeWindow: true });
    }
  });

  it('says on save when the window fields do not exist, suggesting near names, and then denies Change tickets', async () => {
    const result = await a.w.configure({ requireChangeWindow: true, changeWindowStartField: 'planned start', changeWindowEndField: 'Planned End' });
    expect(result.view!.validation.status).toBe('invalid');
    expect(result.view!.validation.message).toBe(
      'Change window fields not found: Jira has no date-time fields named "planned start" and "Planned End". The names must match the fields\' names exactly, as Jira shows them (case-sensitive), and the fields must be Date Time Picker fields. Did you mean "Planned start" or "Planned end"?',
    );
    try {
      at('2026-12-04T22:30:00Z');
      expect((await a.enter(key, 'arivera', DB)).message).toBe(
        'Endpoint approval cannot check the change window: Jira has no date-time fields named [planned start], [Planned End]. Ask a Jira administrator to check the change window settings of the BeyondTrust PRA app.',
      );
      expect((await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' })).allowed).toBe(true);
    } finally {
      await a.configure({ requireChangeWindow: true });
    }
  });

  it('fails closed when Jira fails', async () => {
    at('2026-12-04T22:30:00Z');
    a.w.jira.addFault({ path: `/rest/api/3/issue/${key}`, status: 503, count: 1 });
    expect((await a.enter(key, 'arivera', DB)).message).toBe(`Unable to validate the ticket [${key}] right now. Please try again in a few minutes.`);
  });
});
