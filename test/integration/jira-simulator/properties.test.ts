import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const base = '/rest/api/3/issue/SD-1/properties';

describe('issue properties', () => {
  it('creates (201), updates (200), reads, lists and deletes a property', async () => {
    expect((await h.call('PUT', `${base}/pra.session.abc`, { json: { posted: 1 } })).status).toBe(201);
    expect((await h.call('PUT', `${base}/pra.session.abc`, { json: { posted: 2, done: true } })).status).toBe(200);
    expect((await h.call('GET', `${base}/pra.session.abc`)).body).toEqual({ key: 'pra.session.abc', value: { posted: 2, done: true } });
    expect((await h.call('GET', base)).body).toEqual({
      keys: [{ key: 'pra.session.abc', self: 'https://sandbox.atlassian.net/rest/api/3/issue/10000/properties/pra.session.abc' }],
    });
    expect(h.sim.getIssue('SD-1').properties).toEqual({ 'pra.session.abc': { posted: 2, done: true } });
    expect((await h.call('DELETE', `${base}/pra.session.abc`)).status).toBe(204);
    const missing = await h.call('GET', `${base}/pra.session.abc`);
    expect(missing.status).toBe(404);
    expect(missing.body.errorMessages).toEqual(["The property with key 'pra.session.abc' does not exist."]);
    expect((await h.call('DELETE', `${base}/pra.session.abc`)).status).toBe(404);
  });

  it('enforces the 255-character key and 32,768-byte value limits', async () => {
    expect((await h.call('PUT', `${base}/${'k'.repeat(255)}`, { json: 1 })).status).toBe(201);
    expect((await h.call('PUT', `${base}/${'k'.repeat(256)}`, { json: 1 })).status).toBe(400);
    const exact = 'v'.repeat(32768 - 2); // JSON string quotes make it 32,768 bytes
    expect((await h.call('PUT', `${base}/big`, { json: exact })).status).toBe(201);
    const over = await h.call('PUT', `${base}/big`, { json: `${exact}v` });
    expect(over.status).toBe(400);
    expect(over.body.errorMessages[0]).toMatch(/32768 bytes/);
    expect((await h.call('PUT', `${base}/bad`, { body: '{not json', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
    expect((await h.call('PUT', `${base}/empty`, { body: '' })).status).toBe(400);
  });

  it('needs Edit Issues to write and browse to read', async () => {
    h.sim.createUser({ accountId: 'reader', displayName: 'Reader', groups: ['readers'] });
    h.sim.createProject({ key: 'RO', name: 'Read only', permissions: { browse: { groups: ['readers'] }, edit: { groups: [] } } });
    h.sim.createIssue({ project: 'RO', summary: 'x', properties: { seeded: 'yes' } });
    expect((await h.call('PUT', '/rest/api/3/issue/RO-1/properties/p', { json: 1, as: 'reader' })).status).toBe(403);
    expect((await h.call('GET', '/rest/api/3/issue/RO-1/properties/seeded', { as: 'reader' })).body.value).toBe('yes');
    expect((await h.call('GET', '/rest/api/3/issue/RO-1/properties', { as: DEMO.users.technician })).status).toBe(404);
  });
});
