import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { accountToken, api, parseXml, startSim, type RunningSim } from './helpers';

let run: RunningSim;
let web01: number;
let web02: number;
let db01: number;

beforeEach(async () => {
  run = await startSim({ publicHost: 'access.example.com' });
  web01 = run.sim.createJumpItem({ name: 'WEB01 (IIS)', hostname: 'web01.corp.example', comments: 'Production web' }).id;
  web02 = run.sim.createJumpItem({ name: 'web02', hostname: 'web02.corp.example', type: 'jump-client', privateIp: '10.1.2.3' }).id;
  db01 = run.sim.createJumpItem({ name: 'db01', hostname: 'db01.corp.example', type: 'shell-jump', tag: 'database' }).id;
  run.sim.createUser({ username: 'jdoe', displayName: 'Jane Doe' });
});
afterEach(() => run.close());

const script = (query: string) => fetch(`${run.url}/api/client_script?${query}`, { redirect: 'manual' });

describe('validation', () => {
  it.each([
    ['action=start_jump_item_session&search_string=web', /type must be rep or web_console/],
    ['type=desktop&operation=generate&action=login', /type must be rep or web_console/],
    ['type=rep&operation=execute&action=login', /operation must be generate for type=rep/],
    ['type=web_console&operation=generate&action=start_jump_item_session&search_string=x', /operation must be execute/],
    ['type=rep&operation=generate', /action is required/],
    ['type=rep&operation=generate&action=format_disk', /unknown action format_disk/],
    ['type=web_console&operation=execute&action=login', /supports only action=start_jump_item_session/],
    ['type=rep&operation=generate&action=start_jump_item_session', /search_string is required/],
    [`type=rep&operation=generate&action=start_jump_item_session&client.hostname=${'h'.repeat(256)}`, /client.hostname exceeds 255/],
    ['type=rep&operation=generate&action=start_jump_item_session&client.color=red', /unknown filter client.color/],
    ['type=rep&operation=generate&action=start_jump_item_session&search_string=x&jump.method=teleport', /jump.method must be one of/],
    [`type=rep&operation=generate&action=start_jump_item_session&search_string=x&session.custom.external_key=${'k'.repeat(1025)}`, /exceeds 1024/],
    [
      `type=rep&operation=generate&action=start_jump_item_session&search_string=x${Array.from({ length: 11 }, (_, i) => `&session.custom.f${i}=${'v'.repeat(1000)}`).join('')}`,
      /exceed 10240 bytes/,
    ],
    ['type=rep&operation=generate&action=start_shell_jump_session', /target is required/],
    ['type=rep&operation=generate&action=start_shell_jump_session&target=db01&protocol=rdp', /protocol must be ssh or telnet/],
    ['type=rep&operation=generate&action=push_and_start_remote&hostname=h', /hostname and jumpoint are required/],
  ])('rejects %s', async (query, message) => {
    const response = await script(query);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(message);
    expect(run.sim.listClientScriptRequests()).toHaveLength(0);
  });
});

describe('type=rep&operation=generate', () => {
  it('answers a BRCS script download with login first and the request re-encoded', async () => {
    const response = await script(
      'type=rep&operation=generate&action=start_jump_item_session&client.hostname=web01&session.custom.external_key=OPS-42&session.custom.note=a%20b%26c',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="start_jump_item_session.brcs-access"');
    expect(await response.text()).toBe(
      'BRCS1.0\naction=login\naction=start_jump_item_session&client.hostname=web01&session.custom.external_key=OPS-42&session.custom.note=a%20b%26c\n',
    );
    expect(run.sim.listClientScriptRequests()[0]).toMatchObject({
      id: 'csr-1',
      type: 'rep',
      action: 'start_jump_item_session',
      params: { 'client.hostname': 'web01', 'session.custom.note': 'a b&c' },
      customAttributes: { external_key: 'OPS-42', note: 'a b&c' },
      matches: [web01],
    });
  });

  it('matches search_string over hostname, name, comments and IPs, case-insensitively and partially', async () => {
    const cases: [string, number[]][] = [
      ['search_string=WEB0', [web01, web02]],
      ['search_string=iis', [web01]],
      ['search_string=production', [web01]],
      ['search_string=10.1.2', [web02]],
      ['search_string=web&jump.method=pinned', [web02]],
      ['client.hostname=CORP.EXAMPLE', [web01, web02, db01]],
      ['client.tag=datab', [db01]],
      ['client.private_ip=10.1', [web02]],
      ['search_string=nothing-like-this', []],
    ];
    for (const [filter, expected] of cases) {
      await script(`type=rep&operation=generate&action=start_jump_item_session&${filter}`);
      expectAs(filter, run.sim.listClientScriptRequests().at(-1)?.matches).toEqual(expected);
    }
    await script('type=rep&operation=generate&action=start_shell_jump_session&target=DB01.corp.example&protocol=ssh&port=22');
    expect(run.sim.listClientScriptRequests().at(-1)?.matches).toEqual([db01]);
  });
});

describe('type=web_console&operation=execute', () => {
  it('redirects to the web console with the request id', async () => {
    const response = await script('type=web_console&operation=execute&action=start_jump_item_session&search_string=web02&session.custom.external_key=OPS-7');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://access.example.com/console?jump=csr-1');
  });
});

describe('Jump → session', () => {
  it('starts a session on the matched Jump Item with the external key, which then ends and reports', async () => {
    await script('type=web_console&operation=execute&action=start_jump_item_session&search_string=web01&session.custom.external_key=OPS-42');
    const started = await fetch(`${run.url}/__sim/client-script/requests/csr-1/start-session`, {
      method: 'POST',
      body: JSON.stringify({ user: 'jdoe' }),
    });
    expect(started.status).toBe(201);
    const session = (await started.json()) as { lsid: string; externalKey: string; jumpItem: { id: number; name: string } };
    expect(session).toMatchObject({ externalKey: 'OPS-42', jumpItem: { id: web01, name: 'WEB01 (IIS)' } });
    expect(run.sim.listClientScriptRequests()[0]?.sessionLsid).toBe(session.lsid);

    run.sim.addEvent(session.lsid, { eventType: 'Chat Message', performedBy: 'rep', body: 'on it' });
    run.sim.endSession(session.lsid);
    const bearer = await accountToken(run);
    const listing = await api(run, bearer, '/api/reporting?generate_report=AccessSessionListing&end_time=0&duration=0');
    expect(listing.text).toContain(`lsid="${session.lsid}" has_recording="0" external_key="OPS-42"`);
    const report = parseXml((await api(run, bearer, `/api/reporting?generate_report=AccessSession&lsid=${session.lsid}`)).text);
    const xmlSession = (report.session_list as { session: Record<string, unknown>[] }).session[0]!;
    expect(xmlSession.primary_rep).toMatchObject({ '#text': 'Jane Doe' });
    expect(xmlSession.primary_customer).toMatchObject({ '#text': 'WEB01 (IIS)' });

    const again = await fetch(`${run.url}/__sim/client-script/requests/csr-1/start-session`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('needs jumpItemId when the search matched several Jump Items, and refuses when it matched none', async () => {
    await script('type=rep&operation=generate&action=start_jump_item_session&search_string=web');
    expect(() => run.sim.startSessionFromJump('csr-1')).toThrow(/matches 2 Jump Items/);
    expect(() => run.sim.startSessionFromJump('csr-1', { jumpItemId: db01 })).toThrow(/not among the matches/);
    expect(run.sim.startSessionFromJump('csr-1', { jumpItemId: web02 }).jumpItem.id).toBe(web02);
    await script('type=rep&operation=generate&action=start_jump_item_session&search_string=zzz');
    expect(() => run.sim.startSessionFromJump('csr-2')).toThrow(/matches 0 Jump Items/);
    expect(() => run.sim.startSessionFromJump('csr-99')).toThrow(/No client script request/);
  });
});
