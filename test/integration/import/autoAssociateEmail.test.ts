/**
 * "Auto Associate With User" ties a representative whose username is an email to a Jira account only by
 * the exact address (issue 12.2): a prefix of someone's hidden email is no match, the whole address is,
 * read with Jira's email lookup for apps.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adfText, DEMO, startImportWorld, type ImportWorld } from './importFixture';

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld({ autoAssociateUser: true });
});
afterAll(() => w.close());

const ownComment = async (key: string, lsid: string) =>
  (await w.comments(key)).find((c) => c.properties?.some((p) => p.key === 'beyondtrust-pra-session' && p.value.lsid === lsid));
const assignee = async (key: string) => ((await (await fetch(`${w.jiraUrl}/__sim/issues/${key}`)).json()) as { assignee: string | null }).assignee;

describe('auto-associate by email is exact', () => {
  it('a prefix of a hidden email matches no one; the whole address matches its owner', async () => {
    const before = await assignee('SD-3');
    const prefix = await w.endSession({ externalKey: 'SD-3', rep: { username: 'sam.patel@example.co', displayName: 'S. P. "x" \\ 🛠' } });
    await w.settle();
    expect(adfText((await ownComment('SD-3', prefix))!.body)).toContain('Assignee not changed: no Jira user matches the primary representative');
    expect(await assignee('SD-3')).toBe(before);

    const exact = await w.endSession({ externalKey: 'SD-3', rep: { username: 'Sam.Patel@Example.com', displayName: 'S. P.' } });
    await w.settle();
    expect(adfText((await ownComment('SD-3', exact))!.body)).toContain('Assignee set to Sam Patel');
    expect(await assignee('SD-3')).toBe(DEMO.users.technicianHiddenEmail);
  });
});
