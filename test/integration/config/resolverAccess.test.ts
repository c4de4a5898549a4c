/**
 * The configuration resolver is admin-only by construction (issue 12.3) and typed end to end
 * (issue 14.6): every function the resolver defines — read from the resolver itself, not from a list
 * kept here — answers FORBIDDEN to everyone but a Jira administrator, whatever the payload; payloads
 * are checked by the contract's schemas; and what the functions answer an administrator passes the
 * output schemas the configuration page parses answers with.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { CONFIG_FUNCTIONS, configResolverFunctionNames } from '../../../src/resolvers/configResolver';
import { CONFIG_CONTRACT, type ConfigFunction } from '../../../src/resolvers/configContract';

const APP_ACCOUNT_ID = '557058:f2b8c3d1-7a4e-4c2b-9e6f-0d1c2b3a4f5e';
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira administrators can view or change the BeyondTrust PRA configuration.' } };

/** Who calls, as the accountId the platform puts in the resolver's context (undefined: no user, i.e. the app). */
const CALLERS: Array<[string, string | undefined]> = [
  ['a technician', DEMO.users.technician],
  ['a technician whose email is hidden', DEMO.users.technicianHiddenEmail],
  ['a JSM customer', DEMO.users.customer],
  ['an unknown account', '5f00000000000000000000ff'],
  ['a malformed accountId', 'x"; DROP <script>\u0000\\..\\C:\\Windows'],
  ['an over-long accountId', 'a'.repeat(300)],
  ['the app (no user)', undefined],
  ["the app's own account", APP_ACCOUNT_ID],
];

/** A payload that would do something if the call were allowed. */
const PAYLOADS: Record<string, Record<string, unknown>> = {
  saveConfiguration: { settings: { enabled: false, hostName: 'evil.example.com' }, clientSecret: 'stolen' },
  regenerateUrl: { which: 'outboundEvent' },
  retryImport: { lsid: 'a'.repeat(32) },
  reimportSession: { lsid: 'b'.repeat(32) },
  listApprovalDecisions: { limit: 5 },
};

let w: Composition;
beforeAll(async () => {
  w = await compose();
  await w.configure();
});
afterAll(() => w.close());

describe('admin-only by construction', () => {
  it('the resolver defines exactly the functions of the shared contract, and none is marked open', () => {
    const names = configResolverFunctionNames();
    expect(names.length).toBeGreaterThanOrEqual(9);
    expect([...names].sort()).toEqual(Object.keys(CONFIG_CONTRACT).sort());
    expect(Object.entries(CONFIG_FUNCTIONS).filter(([, entry]) => entry.open).map(([name]) => name)).toEqual([]);
  });

  const cases = configResolverFunctionNames().flatMap((fn) => CALLERS.map(([who, accountId]) => [fn, who, accountId] as const));
  it.each(cases)('%s as %s → FORBIDDEN', async (fn, _who, accountId) => {
    const before = (await w.configCall('getConfiguration')).view;
    w.host.logs.length = 0;
    const answer = await w.host.invokeResolver({ moduleKey: 'pra-config-page', functionKey: fn, payload: PAYLOADS[fn] ?? {}, accountId });
    expect(answer).toEqual(FORBIDDEN);
    expect(w.host.logs.filter((l) => l.level === 'error')).toEqual([]);
    const after = (await w.configCall('getConfiguration')).view;
    expect(after.settings).toEqual(before.settings);
    expect(after.urls).toEqual(before.urls);
  });
});

describe('payloads are checked by the contract', () => {
  it.each([
    ['regenerateUrl', { which: 'bogus' }, 'Choose which URL to regenerate: outboundEvent or endpointApproval.'],
    ['regenerateUrl', {}, 'Choose which URL to regenerate: outboundEvent or endpointApproval.'],
    ['listApprovalDecisions', { limit: 0 }, 'The number of decisions to list is a whole number from 1 to 100.'],
    ['listApprovalDecisions', { limit: 2.5 }, 'The number of decisions to list is a whole number from 1 to 100.'],
    ['listApprovalDecisions', { cursor: 'x'.repeat(1001) }, 'The "Load more" position is not valid: reload the decisions.'],
    ['retryImport', { lsid: 42 }, 'That is not a PRA session ID (32 hexadecimal characters).'],
    ['reimportSession', {}, 'That is not a PRA session ID (32 hexadecimal characters).'],
    ['retryImport', { lsid: '../../etc/passwd' }, 'That is not a PRA session ID (32 hexadecimal characters).'],
    ['saveConfiguration', { settings: 'enabled=true' }, 'The settings must be an object with one value per setting.'],
    ['saveConfiguration', { settings: {}, clientSecret: 42 }, 'The Client Secret must be text.'],
  ])('%s %j → INVALID_INPUT', async (fn, payload, message) => {
    expect(await w.configCall(fn, payload)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
  });
});

describe('answers match the contract the page parses them with', () => {
  it.each<[ConfigFunction, Record<string, unknown>]>([
    ['getConfiguration', {}],
    ['validateConfiguration', {}],
    ['listImportActivity', {}],
    ['listApprovalDecisions', { limit: 3 }],
    ['getHealth', {}],
  ])('%s', async (fn, payload) => {
    const answer = await w.configCall(fn, payload);
    expect(answer.ok).toBe(true);
    const parsed = CONFIG_CONTRACT[fn].output.safeParse(answer);
    expect(parsed.success ? 'valid' : parsed.error.issues).toBe('valid');
  });

  it('an answer of the wrong shape does not pass', () => {
    expect(CONFIG_CONTRACT.getConfiguration.output.safeParse({ ok: true, view: { settings: {} } }).success).toBe(false);
    expect(CONFIG_CONTRACT.getHealth.output.safeParse({ ok: true, health: { warnings: 'none' } }).success).toBe(false);
    expect(CONFIG_CONTRACT.listImportActivity.output.safeParse({ ok: true, imports: [], events: {} }).success).toBe(false);
  });
});
