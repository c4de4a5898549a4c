import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { accountToken, api, startSim, type RunningSim } from './helpers';

let run: RunningSim;
let bearer: string;
beforeEach(async () => {
  run = await startSim();
  bearer = await accountToken(run);
  for (let i = 1; i <= 5; i += 1) run.sim.createJumpItem({ name: `rdp${i}`, hostname: `rdp${i}.corp`, type: 'remote-rdp' });
  run.sim.createJumpItem({ name: 'db01', hostname: 'db01.corp', type: 'shell-jump', settings: { username: 'postgres' } });
  run.sim.createJumpItem({ name: 'laptop', hostname: 'laptop.corp', type: 'jump-client', privateIp: '10.9.9.9' });
});
afterEach(() => run.close());

const get = (path: string, accept = 'application/json') => api(run, bearer, `/api/config/v1${path}`, { headers: { Accept: accept } });

describe('configuration API', () => {
  it('pages through Jump Items with per_page/current_page and a Link rel="next" header', async () => {
    const first = await get('/jump-item/remote-rdp?per_page=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/json');
    expect((JSON.parse(first.text) as { name: string }[]).map((i) => i.name)).toEqual(['rdp1', 'rdp2']);
    expect(first.headers.get('link')).toBe('<https://pra.example.com/api/config/v1/jump-item/remote-rdp?per_page=2&current_page=2>; rel="next"');
    const names: string[] = [];
    let next: string | null = '/jump-item/remote-rdp?per_page=2';
    while (next) {
      const page = await get(next);
      names.push(...(JSON.parse(page.text) as { name: string }[]).map((i) => i.name));
      const link = page.headers.get('link');
      next = link ? (/<https:\/\/pra\.example\.com\/api\/config\/v1([^>]+)>; rel="next"/.exec(link)?.[1] ?? null) : null;
    }
    expect(names).toEqual(['rdp1', 'rdp2', 'rdp3', 'rdp4', 'rdp5']);
    expect((await get('/jump-item/remote-rdp?per_page=2&current_page=3')).headers.get('link')).toBeNull();
    expect((await get('/jump-item/remote-rdp?per_page=0')).status).toBe(400);
  });

  it('returns the §4.7 fields, type-specific ones, filters and single items', async () => {
    const [shell] = JSON.parse((await get('/jump-item/shell-jump')).text) as Record<string, unknown>[];
    expect(shell).toMatchObject({
      name: 'db01',
      hostname: 'db01.corp',
      jumpoint_id: 1,
      jump_group_id: 1,
      jump_group_type: 'shared',
      tag: '',
      comments: '',
      jump_policy_id: null,
      session_policy_id: null,
      protocol: 'ssh',
      port: 22,
      username: 'postgres',
    });
    const all = JSON.parse((await get('/jump-item')).text) as { type: string }[];
    expect(all.map((i) => i.type)).toEqual(['remote-rdp', 'remote-rdp', 'remote-rdp', 'remote-rdp', 'remote-rdp', 'shell-jump']);
    expect(JSON.parse((await get('/jump-item?hostname=RDP3.CORP')).text)).toHaveLength(1);
    expect(JSON.parse((await get('/jump-item/remote-rdp?name=rdp4')).text)[0]).toMatchObject({ name: 'rdp4', rdp_username: '' });
    expect(JSON.parse((await get(`/jump-item/shell-jump/${String(shell?.id)}`)).text)).toMatchObject({ name: 'db01' });
    expect((await get('/jump-item/shell-jump/999')).status).toBe(404);
    expect((await get('/jump-item/teleporter')).status).toBe(404);
    expect(JSON.parse((await get('/jump-client')).text)[0]).toMatchObject({ name: 'laptop', private_ip: '10.9.9.9' });
    expect(JSON.parse((await get('/jump-group')).text)).toEqual([{ id: 1, name: 'Default', code_name: 'default', comments: '', type: 'shared' }]);
    expect(JSON.parse((await get('/jumpoint/1')).text)).toMatchObject({ id: 1, name: 'Default Jumpoint' });
  });

  it('requires perm_configuration (403 JSON), a token (401) and Accept: application/json (406)', async () => {
    const noConfig = await accountToken(run, { permissions: { configuration: false } });
    const denied = await api(run, noConfig, '/api/config/v1/jump-item', { headers: { Accept: 'application/json' } });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text)).toEqual({ message: expect.stringContaining('configuration API') });
    expect((await fetch(`${run.url}/api/config/v1/jump-group`, { headers: { Accept: 'application/json' } })).status).toBe(401);
    expect((await get('/jump-group', 'text/html')).status).toBe(406);
  });
});
