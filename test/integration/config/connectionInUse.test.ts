/**
 * A configuration that stops validating never replaces a working connection: the integration keeps the
 * last Host Name, Client ID and Client Secret that validated (imports, Jump to Asset) until new ones do,
 * the view says which connection is in use, and each invalid result names its own cause.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO, PRA_DEMO, startImportWorld, type ImportWorld } from '../import/importFixture';
import { getJumpInfo } from '../jump/jumpFixture';

let w: ImportWorld;
beforeAll(async () => {
  w = await startImportWorld();
});
afterAll(() => w.close());

const ownComments = async (key: string, lsid: string) => (await w.comments(key)).filter((c) => c.properties?.some((p) => p.value?.lsid === lsid));

describe('the connection in use', () => {
  it('is the saved one once it validates', async () => {
    const view = (await w.configCall('getConfiguration')).view;
    expect(view.connectionInUse).toMatchObject({ hostName: 'pra.example.com', clientId: PRA_DEMO.account.clientId, isSaved: true });
    expect(Date.parse(view.connectionInUse.validatedAt)).toBeGreaterThan(0);
  });

  it('stays the last working one when a wrong secret is saved, until a working one is saved again', async () => {
    const saved = await w.configure({}, 'wrong-secret \\ "quoted" 🔑');
    expect(saved.view!.validation).toMatchObject({ status: 'invalid', cause: 'credentials' });
    expect(saved.view!.connectionInUse).toMatchObject({ hostName: 'pra.example.com', isSaved: false });
    expect(saved.view!.clientSecretSet).toBe(true);

    // sessions still import with the working secret
    const lsid = await w.endSession({ externalKey: 'SD-2', rep: PRA_DEMO.users.sam.username });
    await w.settle();
    expect(await ownComments('SD-2', lsid)).toHaveLength(1);

    // "Test connection" re-checks the saved (wrong) settings: still invalid, still the old one in use
    const tested = await w.configCall('validateConfiguration');
    expect(tested.view.validation.status).toBe('invalid');
    expect(tested.view.connectionInUse.isSaved).toBe(false);

    const fixed = await w.configure();
    expect(fixed.view!.validation.status).toBe('valid');
    expect(fixed.view!.connectionInUse).toMatchObject({ isSaved: true });
  });

  it('stays the last working one when a host that does not resolve is saved; Jump links keep that host', async () => {
    const saved = await w.configure({ hostName: 'pra.typo.example' });
    try {
      expect(saved.view!.validation).toMatchObject({ status: 'invalid', cause: 'unreachable' });
      expect(saved.view!.settings).toMatchObject({ hostName: 'pra.typo.example' }); // what was typed is kept
      expect(saved.view!.connectionInUse).toMatchObject({ hostName: 'pra.example.com', isSaved: false });
      const jump = await getJumpInfo(w, 'SD-1', DEMO.users.technician);
      expect(jump.ok && jump.info.appliance).toBe('pra.example.com');
      expect(jump.ok && jump.info.assets[0]!.jumpUrl!.startsWith('https://pra.example.com/')).toBe(true);
    } finally {
      await w.configure();
    }
  });

  it('follows a new host and client once they validate, even if the asset field is wrong (the connection works)', async () => {
    const saved = await w.configure({ assetFieldName: 'Asset Nmae' });
    try {
      expect(saved.view!.validation).toMatchObject({ status: 'invalid', cause: 'assetField' });
      expect(saved.view!.connectionInUse).toMatchObject({ isSaved: true });
    } finally {
      await w.configure();
    }
  });

  it('names the cause of each kind of failure', async () => {
    w.pra.setKnobs({ xmlApiEnabled: false });
    try {
      expect((await w.configure()).view!.validation).toMatchObject({ status: 'invalid', cause: 'api' });
    } finally {
      w.pra.setKnobs({ xmlApiEnabled: true });
    }
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: false } });
    try {
      expect((await w.configure()).view!.validation).toMatchObject({ status: 'invalid', cause: 'permissions' });
    } finally {
      w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: true } });
    }
    expect((await w.configure({ clientId: '', enabled: false })).view!.validation).toMatchObject({ status: 'unchecked' });
    expect((await w.configure()).view!.validation.status).toBe('valid');
  });
});
