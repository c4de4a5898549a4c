import { describe, expect, it } from '@jest/globals';
import { healthWarnings, type HealthFacts } from '../../../src/health/warnings';

const now = Date.parse('2026-11-30T12:00:00Z');
const base: HealthFacts = { now, importsFailed: 0, importsWaiting: 0, missingJiraPermissions: [] };

describe('health warnings', () => {
  it('is quiet when all is well', () => {
    expect(healthWarnings({ ...base, lastEventAt: '2026-11-30T11:50:00Z', reconcile: { at: '2026-11-30T11:55:00Z', missedEvents: 0, complete: true } })).toEqual([]);
  });

  it('says events stopped when reconciliation found unannounced sessions and no event came for an hour', () => {
    const [warning] = healthWarnings({ ...base, lastEventAt: '2026-11-30T08:00:00Z', reconcile: { at: '2026-11-30T11:55:00Z', missedEvents: 3, complete: true } });
    expect(warning).toMatch(/^Outbound events have stopped arriving: the last reconciliation \(5 minutes ago\) found 3 ended session\(s\) that PRA never announced, and the last event arrived 4 hours ago\./);
  });

  it('does not cry wolf when events still arrive (a single event was lost)', () => {
    expect(healthWarnings({ ...base, lastEventAt: '2026-11-30T11:30:00Z', reconcile: { at: '2026-11-30T11:55:00Z', missedEvents: 1, complete: true } })).toEqual([]);
  });

  it('reports failed and long-waiting imports, PRA problems and missing permissions', () => {
    const warnings = healthWarnings({
      ...base,
      importsFailed: 2,
      importsWaiting: 1,
      oldestWaitingSince: '2026-11-30T07:00:00Z',
      praProblem: 'Invalid client: …',
      missingJiraPermissions: ['Add comments (session data)'],
      reconcile: { at: '2026-11-30T11:00:00Z', missedEvents: 0, complete: false, error: 'timeout' },
    });
    expect(warnings).toEqual([
      'The last reconciliation could not list sessions: timeout',
      '2 import(s) failed; see Recent imports and use Retry once the cause is fixed.',
      '1 import(s) have been waiting for 5 hours (PRA or Jira unavailable, or the session report not ready).',
      'Invalid client: …',
      'The app lacks the Jira permission "Add comments (session data)".',
    ]);
  });

  it('passes on the Assets role problem as it is worded, last', () => {
    const warnings = healthWarnings({ ...base, missingJiraPermissions: ['Add comments (session data)'], assetsProblem: 'Missing Assets role: …' });
    expect(warnings).toEqual(['The app lacks the Jira permission "Add comments (session data)".', 'Missing Assets role: …']);
  });
});
