/**
 * Jump to Asset and endpoint approval read the asset field the same way: a text field naming two
 * assets offers both in the Jump dialog, and approval accepts a Jump to either of them.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';
import { getJumpInfo } from './jumpFixture';

let w: Composition;
beforeAll(async () => {
  w = await compose();
  await w.configure();
  w.jira.updateIssue('SD-1', { fields: { [DEMO.fields.assetName]: 'WORKSTATION-01, WEB01' } });
});
afterAll(() => w.close());

it('offers and approves each name of a text field that lists two assets', async () => {
  const info = await getJumpInfo(w, 'SD-1', DEMO.users.technician);
  expect(info.ok && info.info.assets.map((a) => a.name)).toEqual(['WORKSTATION-01', 'WEB01']);
  for (const name of ['WORKSTATION-01', 'WEB01']) {
    const outcome = await w.pra.sendTicketRequest({ ticketId: 'SD-1', user: PRA_DEMO.users.alex.username, jumpItem: { name } });
    expectAs(`${name}: ${outcome.message}`, outcome.allowed).toBe(true);
  }
  const other = await w.pra.sendTicketRequest({ ticketId: 'SD-1', user: PRA_DEMO.users.alex.username, jumpItem: { name: 'DB-SERVER-02' } });
  expect(other.allowed).toBe(false);
});
