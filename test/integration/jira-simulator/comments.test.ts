import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { doc, startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const post = (body: unknown, as?: string, key = 'SD-1') => h.call('POST', `/rest/api/3/issue/${key}/comment`, { json: { body }, as });

/** A one-paragraph document whose JSON.stringify length is exactly `length`. */
function docOfLength(length: number): unknown {
  const overhead = JSON.stringify(doc('')).length;
  const d = doc('x'.repeat(length - overhead));
  expect(JSON.stringify(d).length).toBe(length);
  return d;
}

describe('comments', () => {
  it('creates a comment authored by the app and lists it', async () => {
    h.clock.now += 5_000;
    const res = await post(doc('Session 1 imported.'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: '10000',
      self: 'https://sandbox.atlassian.net/rest/api/3/issue/10000/comment/10000',
      author: { accountType: 'app', accountId: h.sim.state.appUser.accountId },
      body: doc('Session 1 imported.'),
      created: '2026-01-15T10:00:05.000+0000',
      jsdPublic: true,
    });
    const list = await h.call('GET', '/rest/api/3/issue/sd-1/comment');
    expect(list.body).toMatchObject({ startAt: 0, total: 1, comments: [{ id: '10000' }] });
    expect(h.sim.getIssue('SD-1')).toMatchObject({ updated: '2026-01-15T10:00:05.000+0000', comments: [{ id: '10000', author: h.sim.state.appUser.accountId }] });
  });

  it('uses the calling user as author', async () => {
    const res = await post(doc('hi'), DEMO.users.technician);
    expect(res.body.author).toMatchObject({ accountId: DEMO.users.technician, emailAddress: 'alex.rivera@example.com' });
  });

  it('rejects bodies that are not valid ADF with a message naming the problem', async () => {
    const empty = await post({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] });
    expect(empty.status).toBe(400);
    expect(empty.body.errorMessages).toEqual([]);
    expect(empty.body.errors.comment).toMatch(/Comment body is not valid! \/content\/0\/content\/0\/text/);
    const unknown = await post({ type: 'doc', version: 1, content: [{ type: 'fancyTable' }] });
    expect(unknown.body.errors.comment).toMatch(/unknown node type 'fancyTable'/);
    expect((await post('plain text')).body).toEqual({ errorMessages: [], errors: { comment: 'Comment body is not valid!' } });
    expect((await h.call('POST', '/rest/api/3/issue/SD-1/comment', { json: {} })).body.errors.comment).toBe('Comment body can not be empty!');
    expect(h.sim.getIssue('SD-1').comments).toHaveLength(0);
  });

  it('accepts exactly 32,767 characters of serialised ADF and rejects 32,768', async () => {
    expect((await post(docOfLength(32767))).status).toBe(201);
    const tooLong = await post(docOfLength(32768));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({
      errorMessages: [],
      errors: { comment: 'The entered text is too long. It exceeds the allowed limit of 32767 characters.' },
    });
    expect(h.sim.getIssue('SD-1').comments.map((c) => c.length)).toEqual([32767]);
  });

  it('counts the limit in UTF-8 bytes of the serialised ADF, so emoji and CJK text count more than once', async () => {
    const cjk = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '漢'.repeat(11_000) }] }] };
    expect(JSON.stringify(cjk).length).toBeLessThan(32_767);
    const res = await post(cjk);
    expect(res.status).toBe(400);
    expect(res.body.errors.comment).toMatch(/exceeds the allowed limit of 32767 characters/);
  });

  it('applies the text limit knob', async () => {
    h.sim.setKnobs({ commentTextLimit: 100 });
    expect((await post(docOfLength(100))).status).toBe(201);
    expect((await post(docOfLength(101))).body.errors.comment).toMatch(/allowed limit of 100 characters/);
  });

  it('answers 413 when the per-issue comment cap is reached', async () => {
    h.sim.setKnobs({ maxCommentsPerIssue: 2 });
    expect((await post(doc('1'))).status).toBe(201);
    expect((await post(doc('2'))).status).toBe(201);
    const third = await post(doc('3'));
    expect(third.status).toBe(413);
    expect(third.body.errorMessages[0]).toMatch(/limit of 2 comments/);
    expect((await post(doc('other issue'), undefined, 'SD-2')).status).toBe(201);
  });

  it('pages and orders the comment list', async () => {
    for (const n of ['a', 'b', 'c']) {
      h.clock.now += 1000;
      await post(doc(n));
    }
    const page = await h.call('GET', '/rest/api/3/issue/SD-1/comment?startAt=1&maxResults=1');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3 });
    expect(page.body.comments.map((c: any) => c.body.content[0].content[0].text)).toEqual(['b']);
    const newest = await h.call('GET', '/rest/api/3/issue/SD-1/comment?orderBy=-created&maxResults=1');
    expect(newest.body.comments[0].body).toEqual(doc('c'));
  });

  it('gets, updates and deletes a comment with own/all permissions', async () => {
    const created = (await post(doc('draft'), DEMO.users.technician)).body;
    const path = `/rest/api/3/issue/SD-1/comment/${created.id}`;
    expect((await h.call('GET', path)).body.body).toEqual(doc('draft'));
    const byOther = await h.call('PUT', path, { json: { body: doc('hijack') }, as: DEMO.users.technicianHiddenEmail });
    expect(byOther.status).toBe(403);
    const edited = await h.call('PUT', path, { json: { body: doc('final') }, as: DEMO.users.technician });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toEqual(doc('final'));
    const byAdmin = await h.call('PUT', path, { json: { body: doc('moderated') }, as: DEMO.users.admin });
    expect(byAdmin.body.updateAuthor.accountId).toBe(DEMO.users.admin);
    expect((await h.call('DELETE', path, { as: DEMO.users.technicianHiddenEmail })).status).toBe(403);
    expect((await h.call('DELETE', path)).status).toBe(204);
    expect((await h.call('GET', path)).status).toBe(404);
  });

  it('stores visibility and properties; group-restricted comments are hidden from non-members', async () => {
    const res = await h.call('POST', '/rest/api/3/issue/SD-1/comment', {
      json: {
        body: doc('internal'),
        visibility: { type: 'group', value: 'jira-administrators' },
        properties: [{ key: 'sd.public.comment', value: { internal: true } }],
      },
    });
    expect(res.body).toMatchObject({ visibility: { type: 'group', value: 'jira-administrators' }, jsdPublic: false });
    expect((await h.call('GET', '/rest/api/3/issue/SD-1/comment', { as: DEMO.users.technician })).body.total).toBe(0);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1/comment', { as: DEMO.users.admin })).body.total).toBe(1);
    const withProps = await h.call('GET', `/rest/api/3/issue/SD-1/comment/${res.body.id}?expand=properties`);
    expect(withProps.body.properties).toEqual([{ key: 'sd.public.comment', value: { internal: true } }]);
    expect((await h.call('POST', '/rest/api/3/issue/SD-1/comment', { json: { body: doc('x'), visibility: { type: 'team' } } })).status).toBe(400);
  });

  it('answers 403 without Add Comments and 404 to a user who cannot see the issue', async () => {
    h.sim.createUser({ accountId: 'reader', displayName: 'Reader', groups: ['readers'] });
    h.sim.createProject({ key: 'RO', name: 'Read only', permissions: { browse: { groups: ['readers'] }, edit: { groups: [] } } });
    h.sim.createIssue({ project: 'RO', summary: 'x' });
    expect((await post(doc('x'), 'reader', 'RO-1')).status).toBe(403);
    expect((await post(doc('x'), DEMO.users.technician, 'OPS-1')).status).toBe(404);
  });
});
