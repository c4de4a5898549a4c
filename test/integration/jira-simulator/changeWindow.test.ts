/**
 * Change requests in the Jira simulator (issue 15): the Change issue type with the ITSM statuses, the
 * Planned start / Planned end date-time fields rendered like Jira (the viewer's time zone), the seeded
 * change tickets on the simulator clock, and the movable clock.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { startSimulator, T0, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startSimulator();
});
afterAll(() => h.close());

describe('change requests', () => {
  it('has the two date-time fields with Jira’s schema', async () => {
    const fields = (await h.call('GET', '/rest/api/3/field')).body as { id: string; name: string; schema?: { type: string; custom?: string } }[];
    expect(fields.find((f) => f.name === 'Planned start')).toMatchObject({
      id: DEMO.fields.plannedStart,
      schema: { type: 'datetime', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime', customId: 10052 },
    });
    expect(fields.find((f) => f.name === 'Planned end')?.schema?.type).toBe('datetime');
  });

  it('seeds CHG-1 open now and CHG-2 tomorrow 22:00–23:00 UTC, on the simulator clock', async () => {
    const one = (await h.call('GET', `/rest/api/3/issue/CHG-1?fields=issuetype,status,${DEMO.fields.plannedStart},${DEMO.fields.plannedEnd}`)).body;
    expect(one.fields.issuetype.name).toBe('Change');
    expect(one.fields.status.name).toBe('Implementing');
    const start = Date.parse(one.fields[DEMO.fields.plannedStart].replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const end = Date.parse(one.fields[DEMO.fields.plannedEnd].replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    expect(start).toBeLessThanOrEqual(T0);
    expect(end).toBeGreaterThan(T0);
    const two = (await h.call('GET', `/rest/api/3/issue/CHG-2?fields=status,${DEMO.fields.plannedStart},${DEMO.fields.plannedEnd}`)).body;
    expect(two.fields[DEMO.fields.plannedStart]).toBe('2026-01-16T22:00:00.000+0000');
    expect(two.fields[DEMO.fields.plannedEnd]).toBe('2026-01-16T23:00:00.000+0000');
    expect(two.fields.status.name).toBe('Awaiting implementation');
  });

  it('renders date-times in the viewer’s time zone, the same instant', async () => {
    const asAlex = (await h.call('GET', `/rest/api/3/issue/CHG-2?fields=${DEMO.fields.plannedStart}`, { as: DEMO.users.technician })).body;
    expect(asAlex.fields[DEMO.fields.plannedStart]).toBe('2026-01-16T17:00:00.000-0500'); // America/New_York
    const asCasey = (await h.call('GET', `/rest/api/3/issue/CHG-2?fields=${DEMO.fields.plannedStart}`, { as: DEMO.users.technician2 })).body;
    expect(asCasey.fields[DEMO.fields.plannedStart]).toBe('2026-01-17T09:00:00.000+1100'); // Australia/Sydney (summer)
  });

  it('accepts date-times with a zone as control input, and refuses one without', async () => {
    const created = await h.call('POST', '/__sim/issues', {
      json: { project: 'CHG', issueType: 'Change', summary: 'Zones', fields: { 'Planned start': '2026-12-05T09:00:00.000+1100', 'Planned end': '2026-12-04T23:00:00Z' } },
    });
    expect(created.status).toBe(201);
    const read = (await h.call('GET', `/rest/api/3/issue/${created.body.key}?fields=${DEMO.fields.plannedStart},${DEMO.fields.plannedEnd}`)).body;
    expect(read.fields[DEMO.fields.plannedStart]).toBe('2026-12-04T22:00:00.000+0000');
    const bad = await h.call('POST', '/__sim/issues', { json: { project: 'CHG', issueType: 'Change', summary: 'No zone', fields: { 'Planned start': '2026-12-04T22:00:00' } } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('with a zone');
  });

  it('moves its clock through the control API (new issues are created at the moved time)', async () => {
    expect((await h.call('GET', '/__sim/clock')).body).toEqual({ now: T0, iso: new Date(T0).toISOString(), offsetMs: 0 });
    const moved = await h.call('POST', '/__sim/clock/advance', { json: { ms: 86_400_000 } });
    expect(moved.body).toEqual({ now: T0 + 86_400_000 });
    const created = await h.call('POST', '/__sim/issues', { json: { project: 'SD', summary: 'Tomorrow' } });
    expect((await h.call('GET', `/__sim/issues/${created.body.key}`)).body.created).toBe('2026-01-16T10:00:00.000+0000');
    expect((await h.call('POST', '/__sim/clock/advance', { json: { ms: 'soon' } })).status).toBe(400);
    await h.call('POST', '/__sim/clock/advance', { json: { ms: -86_400_000 } });
    expect((await h.call('GET', '/__sim/clock')).body.offsetMs).toBe(0);
  });
});
