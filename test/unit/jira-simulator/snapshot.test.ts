/**
 * jira.exportState() / jira.importState(): a site restored from a snapshot (after a JSON round trip, as the
 * sandbox stores it) answers the REST API as before — issues, comments, attachment bytes, properties,
 * Assets — and continues its ID sequences and request log.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { createJiraSimulator, DEMO, type JiraSimulator, type JiraSnapshot } from '../../../sandbox/jira-simulator';
import { ControlError } from '../../../sandbox/jira-simulator/errors';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(seed = true): Promise<{ jira: JiraSimulator; url: string }> {
  const jira = createJiraSimulator();
  if (seed) jira.seedDemo();
  const { url } = await jira.listen();
  closers.push(() => jira.close());
  return { jira, url };
}

const app = { Authorization: 'Bearer sim-app' };
const roundTrip = (snapshot: JiraSnapshot): JiraSnapshot => JSON.parse(JSON.stringify(snapshot)) as JiraSnapshot;
const BYTES = Buffer.from([0, 1, 2, 250, 251, 252, 255, 10, 13]);

async function populated() {
  const site = await start();
  const { url, jira } = site;
  const comment = await fetch(`${url}/rest/api/3/issue/SD-1/comment`, {
    method: 'POST',
    headers: { ...app, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Session imported' }] }] },
      properties: [{ key: 'beyondtrust-pra-session', value: { lsid: 'abc', part: 1 } }],
    }),
  });
  expect(comment.status).toBe(201);
  const form = new FormData();
  form.append('file', new Blob([BYTES], { type: 'application/octet-stream' }), 'recording.bin');
  const upload = await fetch(`${url}/rest/api/3/issue/SD-1/attachments`, { method: 'POST', headers: { ...app, 'X-Atlassian-Token': 'no-check' }, body: form });
  expect(upload.status).toBe(200);
  const property = await fetch(`${url}/rest/api/3/issue/SD-1/properties/pra`, { method: 'PUT', headers: { ...app, 'Content-Type': 'application/json' }, body: JSON.stringify({ seen: [1, 2] }) });
  expect(property.status).toBe(201);
  jira.createIssue({ project: 'SD', summary: 'Created later', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } });
  jira.setKnobs({ maxCommentsPerIssue: 100 });
  jira.setLatency(3);
  return site;
}

describe('exportState', () => {
  it('is plain JSON with the attachment bytes in base64', async () => {
    const { jira } = await populated();
    const snapshot = jira.exportState();
    expect(roundTrip(snapshot)).toEqual(snapshot);
    expect(snapshot.attachments.map((a) => [a.filename, Buffer.from(a.data, 'base64').equals(BYTES)])).toEqual([['recording.bin', true]]);
    expect(snapshot).toMatchObject({ format: 'jira-simulator-state', version: 1, latencyMs: 3 });
  });
});

describe('importState', () => {
  it('restores the whole site, so exporting again gives the same snapshot', async () => {
    const { jira } = await populated();
    const snapshot = jira.exportState();
    const restored = (await start(false)).jira;
    restored.importState(roundTrip(snapshot));
    expect(restored.exportState()).toEqual(snapshot);
    expect(restored.getKnobs()).toEqual(jira.getKnobs());
    expect(restored.listFaults().latencyMs).toBe(3);
  });

  it('answers the REST API as before: issue, comments with properties, attachment bytes, Assets object', async () => {
    const before = await populated();
    const after = await start(false);
    after.jira.importState(roundTrip(before.jira.exportState()));
    const read = async (base: string, path: string) => {
      const res = await fetch(`${base}${path}`, { headers: app });
      return [res.status, res.headers.get('content-type'), Buffer.from(await res.arrayBuffer()).toString('base64')];
    };
    const attachmentId = before.jira.getIssue('SD-1').attachments[0]!.id;
    for (const path of [
      '/rest/api/3/issue/SD-1?expand=names&properties=*all',
      '/rest/api/3/issue/SD-1/comment?expand=properties',
      `/rest/api/3/attachment/content/${attachmentId}`,
      `/jsm/assets/workspace/${DEMO.assets.workspaceId}/v1/object/1`,
      '/rest/api/3/field',
    ]) {
      expectAs(path, await read(after.url, path)).toEqual(await read(before.url, path));
    }
    expect(after.jira.attachmentContent(attachmentId).data.equals(BYTES)).toBe(true);
  });

  it("keeps the app's Assets role, and reads a snapshot from before it was modelled as none", async () => {
    const { jira } = await populated();
    jira.setAppAssetsRole({ role: 'Managers' });
    const restored = (await start(false)).jira;
    restored.importState(roundTrip(jira.exportState()));
    expect(restored.getAppAssetsRole()).toEqual({ role: 'Managers' });
    const { appAssetsRole: _dropped, ...older } = roundTrip(jira.exportState());
    restored.importState(older as JiraSnapshot);
    expect(restored.getAppAssetsRole()).toEqual({ role: null });
    expect(() => restored.importState({ ...roundTrip(jira.exportState()), appAssetsRole: 'Owner' } as unknown as JiraSnapshot)).toThrow(ControlError);
  });

  it('continues issue numbers, ids and the request log sequence', async () => {
    const { jira } = await populated();
    const lastSeq = jira.requests().lastSeq;
    const restored = (await start(false)).jira;
    restored.importState(roundTrip(jira.exportState()));
    expect(restored.createIssue({ project: 'SD', summary: 'Next' }).key).toBe('SD-10');
    expect(restored.createIssue({ project: 'OPS', summary: 'Next ops' }).key).toBe('OPS-2');
    expect(restored.createUser({ displayName: 'New Person' }).accountId).toBe(jira.createUser({ displayName: 'New Person' }).accountId);
    expect(restored.requests().lastSeq).toBe(lastSeq);
  });

  it('keeps permissions: a user still cannot see a project they could not see', async () => {
    const { jira } = await populated();
    const after = await start(false);
    after.jira.importState(roundTrip(jira.exportState()));
    const res = await fetch(`${after.url}/rest/api/3/issue/OPS-1`, { headers: { Authorization: `Bearer sim-user:${DEMO.users.technician}` } });
    expect(res.status).toBe(404);
    const hidden = await fetch(`${after.url}/rest/api/3/user?accountId=${encodeURIComponent(DEMO.users.technicianHiddenEmail)}`, { headers: app });
    expect(((await hidden.json()) as Record<string, unknown>).emailAddress).toBeUndefined();
  });

  it('refuses anything that is not a snapshot, and leaves the site as it was', async () => {
    const { jira } = await populated();
    const before = jira.exportState();
    const attachment = before.attachments[0]!;
    for (const bad of [null, {}, { ...before, format: 'pra-simulator-state' }, { ...before, issues: {} }, { ...before, attachments: [{ ...attachment, data: 'not base64!' }] }]) {
      let error: unknown;
      try {
        jira.importState(bad as JiraSnapshot);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ControlError);
      expect((error as ControlError).status).toBe(400);
    }
    expect(jira.exportState()).toEqual(before);
  });
});
