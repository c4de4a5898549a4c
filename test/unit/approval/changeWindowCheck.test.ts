import { describe, expect, it } from '@jest/globals';
import { checkChangeWindow } from '../../../src/approval/changeWindowCheck';
import type { WindowFieldChoice } from '../../../src/changeWindow/windowFields';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';

const SETTINGS = { ...DEFAULT_SETTINGS, requireChangeWindow: true };
const FIELDS: WindowFieldChoice = { ok: true, fields: { startId: 'customfield_1', startName: 'Planned start', endId: 'customfield_2', endName: 'Planned end' } };
const issue = (over: Record<string, unknown> = {}) => ({
  issuetype: { name: 'Change' },
  status: { name: 'Implementing', statusCategory: { key: 'indeterminate' } },
  customfield_1: '2026-12-04T22:00:00.000+0000',
  customfield_2: '2026-12-04T23:00:00.000+0000',
  ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('the change-window step of endpoint approval', () => {
  it('is off by default: a Change ticket without a window is approved as today', () => {
    expect(DEFAULT_SETTINGS.requireChangeWindow).toBe(false);
    expect(checkChangeWindow('SD-1234', DEFAULT_SETTINGS, issue({ customfield_1: null }), undefined, 0)).toEqual({ ok: true });
  });

  it('leaves other issue types alone', () => {
    expect(checkChangeWindow('SD-1234', SETTINGS, issue({ issuetype: { name: 'Incident' }, customfield_1: null }), FIELDS, 0)).toEqual({ ok: true });
  });

  it('approves inside the window and keeps the window for the audit', () => {
    expect(checkChangeWindow('SD-1234', SETTINGS, issue(), FIELDS, at('2026-12-04T21:45:00Z'))).toEqual({
      ok: true,
      changeWindow: { start: '2026-12-04T22:00:00.000Z', end: '2026-12-04T23:00:00.000Z', graceMinutes: 15, checkedAt: '2026-12-04T21:45:00.000Z', inside: true },
    });
  });

  it('denies one second outside with the message of the issue', () => {
    const result = checkChangeWindow('SD-1234', SETTINGS, issue(), FIELDS, at('2026-12-04T23:15:01Z'));
    expect(result).toMatchObject({
      ok: false,
      reason: 'outside-change-window',
      message: 'The change window of ticket [SD-1234] is 2026-12-04 22:00–23:00 UTC; access is allowed only within it.',
      changeWindow: { inside: false },
    });
  });

  it('names a missing window, a reversed one, a status not allowed, and unusable fields', () => {
    const now = at('2026-12-04T22:30:00Z');
    expect(checkChangeWindow('SD-1234', SETTINGS, issue({ customfield_2: null }), FIELDS, now)).toEqual({
      ok: false,
      reason: 'change-window-missing',
      message: 'The specified ticket, [SD-1234], has no planned start and end, so the change window cannot be checked.',
    });
    expect(checkChangeWindow('SD-1234', SETTINGS, issue({ customfield_1: '2026-12-05T00:00:00.000+0000' }), FIELDS, now)).toEqual({
      ok: false,
      reason: 'change-window-reversed',
      message:
        'The change window of ticket [SD-1234] ends before it starts (planned start 2026-12-05 00:00 UTC, planned end 2026-12-04 23:00 UTC), so the change window cannot be checked.',
    });
    const implementing = { ...SETTINGS, changeWindowStatuses: ['Implementing'] };
    expect(checkChangeWindow('SD-1234', implementing, issue({ status: { name: 'Awaiting\nimplementation' } }), FIELDS, now)).toMatchObject({
      ok: false,
      reason: 'change-status-not-allowed',
      message: 'The specified ticket, [SD-1234], is in status [Awaiting implementation]; during its change window access is allowed only in status [Implementing].',
    });
    expect(checkChangeWindow('SD-1234', SETTINGS, issue(), { ok: false, tried: ['Planned start', 'Planned end'], similar: [] }, now)).toEqual({
      ok: false,
      reason: 'change-window-fields-unusable',
      message:
        'Endpoint approval cannot check the change window: Jira has no date-time fields named [Planned start], [Planned end]. Ask a Jira administrator to check the change window settings of the BeyondTrust PRA app.',
    });
  });
});
