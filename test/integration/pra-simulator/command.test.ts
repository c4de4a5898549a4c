import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { accountToken, api, parseXml, startSim, type RunningSim } from './helpers';

let run: RunningSim;
beforeEach(async () => {
  run = await startSim();
});
afterEach(() => run.close());

function permissionOf(text: string): Record<string, string> {
  const root = parseXml(text).get_api_info as { permissions: { permission: Record<string, string> } };
  return root.permissions.permission;
}

describe('get_api_info', () => {
  it('reports the API version, a timestamp and the permissions of a full-access account', async () => {
    const bearer = await accountToken(run);
    const { status, text, headers } = await api(run, bearer, '/api/command?action=get_api_info');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/xml; charset=UTF-8');
    expect(text).toContain('<get_api_info xmlns="http://www.beyondtrust.com/sra/namespaces/API/command">');
    const root = parseXml(text).get_api_info as Record<string, string>;
    expect(root.api_version).toBe('1.25.0');
    expect(root.timestamp).toBe(String(Math.floor(run.clock.now / 1000)));
    expect(permissionOf(text)).toMatchObject({ '@perm_command': 'full_access', '@perm_reporting': '1', '@perm_configuration': '1', '@perm_backup': '0' });
  });

  it('reports read-only and no-reporting accounts as such', async () => {
    const readOnly = await accountToken(run, { permissions: { command: 'read_only' } });
    expect(permissionOf((await api(run, readOnly, '/api/command?action=get_api_info')).text)).toMatchObject({
      '@perm_command': 'read_only',
      '@perm_reporting': '1',
    });
    const noReporting = await accountToken(run, { permissions: { reporting: false, configuration: false } });
    expect(permissionOf((await api(run, noReporting, '/api/command?action=get_api_info')).text)).toMatchObject({
      '@perm_command': 'full_access',
      '@perm_reporting': '0',
      '@perm_configuration': '0',
    });
  });

  it('accepts a form-encoded POST and rejects multipart', async () => {
    const bearer = await accountToken(run);
    const form = await api(run, bearer, '/api/command', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=get_api_info',
    });
    expect(form.text).toContain('<api_version>1.25.0</api_version>');
    const data = new FormData();
    data.set('action', 'get_api_info');
    const multipart = await api(run, bearer, '/api/command', { method: 'POST', body: data });
    expect(multipart.text).toMatch(/<error[^>]*>Multipart POST is not supported/);
  });

  it('uses the namespace chosen by the knob', async () => {
    const bearer = await accountToken(run);
    run.sim.setKnobs({ namespace: 'bomgar' });
    expect((await api(run, bearer, '/api/command?action=get_api_info')).text).toContain('xmlns="http://www.bomgar.com/namespaces/API/command"');
  });
});

describe('access control and errors', () => {
  it('denies every command to an account with perm_command=deny (HTTP 403)', async () => {
    const bearer = await accountToken(run, { permissions: { command: 'deny' } });
    for (const action of ['get_api_info', 'check_health', 'get_session_attributes']) {
      const reply = await api(run, bearer, `/api/command?action=${action}`);
      expect(reply.status).toBe(403);
      expect(reply.text).toMatch(/<error[^>]*>.+<\/error>/);
    }
  });

  it('answers 403 "XML API disabled" on command and reporting when the XML API is off', async () => {
    const bearer = await accountToken(run);
    run.sim.setKnobs({ xmlApiEnabled: false });
    for (const path of ['/api/command?action=get_api_info', '/api/reporting?generate_report=AccessSessionListing&start_time=0&duration=0']) {
      const reply = await api(run, bearer, path);
      expect(reply.status).toBe(403);
      expect(reply.text).toMatch(/<error[^>]*>The XML API is disabled on this appliance\.<\/error>/);
    }
  });

  it('answers <error> for a missing or unknown action', async () => {
    const bearer = await accountToken(run);
    expect((await api(run, bearer, '/api/command')).text).toMatch(/<error[^>]*>action is required/);
    expect((await api(run, bearer, '/api/command?action=generate_session_key')).text).toMatch(/<error[^>]*>Invalid action: generate_session_key/);
  });
});

describe('check_health', () => {
  it('reports the appliance and success flag', async () => {
    const bearer = await accountToken(run, { permissions: { command: 'read_only' } });
    const healthy = parseXml((await api(run, bearer, '/api/command?action=check_health')).text).check_health as Record<string, unknown>;
    expect(healthy.success).toBe('1');
    expect(healthy.appliance).toEqual({ '#text': 'pra.example.com', '@id': '0f1e2d3c4b5a69788796a5b4c3d2e1f0' });
    expect(healthy.error_message).toBeUndefined();
    run.sim.setKnobs({ healthy: false });
    const sick = parseXml((await api(run, bearer, '/api/command?action=check_health')).text).check_health as Record<string, unknown>;
    expect(sick.success).toBe('0');
    expect(sick.error_message).toBeTruthy();
  });
});

describe('session attributes', () => {
  it('gets and sets attributes of an active session (full access), within the limits', async () => {
    const bearer = await accountToken(run);
    run.sim.defineCustomField({ codeName: 'ticket_url', displayName: 'Ticket URL' });
    const { lsid } = run.sim.createSession({ externalKey: 'OLD-1' });
    const set = await api(run, bearer, '/api/command', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'set_session_attributes', lsid, 'session.custom.external_key': 'OPS-42', 'session.custom.ticket_url': 'https://x/OPS-42' }).toString(),
    });
    expect(set.text).toContain('<success xmlns="http://www.beyondtrust.com/sra/namespaces/API/command">Session attributes were set</success>');
    expect(run.sim.getSession(lsid)).toMatchObject({ externalKey: 'OPS-42', customAttributes: { ticket_url: 'https://x/OPS-42' } });

    const get = parseXml((await api(run, bearer, `/api/command?action=get_session_attributes&lsid=${lsid}`)).text);
    const attributes = (get.custom_attributes as { custom_attribute: Record<string, string>[] }).custom_attribute;
    expect(attributes).toEqual([
      { '#text': 'OPS-42', '@display_name': 'External Key', '@code_name': 'external_key' },
      { '#text': 'https://x/OPS-42', '@display_name': 'Ticket URL', '@code_name': 'ticket_url' },
    ]);

    const tooLong = await api(run, bearer, `/api/command?action=set_session_attributes&lsid=${lsid}&session.custom.external_key=${'x'.repeat(1025)}`);
    expect(tooLong.text).toMatch(/<error[^>]*>The value of external_key exceeds 1024 characters/);
    const unknownField = await api(run, bearer, `/api/command?action=set_session_attributes&lsid=${lsid}&session.custom.nope=1`);
    expect(unknownField.text).toMatch(/<error[^>]*>Unknown custom field code name: nope/);
    const cleared = await api(run, bearer, `/api/command?action=set_session_attributes&lsid=${lsid}&session.custom.ticket_url=`);
    expect(cleared.text).toContain('<success');
    expect(run.sim.getSession(lsid).customAttributes).toEqual({});
    expect(run.sim.getSession(lsid).externalKey).toBe('OPS-42');
  });

  it('refuses set_session_attributes to read-only accounts and inactive sessions', async () => {
    const readOnly = await accountToken(run, { permissions: { command: 'read_only' } });
    const full = await accountToken(run);
    const { lsid } = run.sim.createSession();
    const denied = await api(run, readOnly, `/api/command?action=set_session_attributes&lsid=${lsid}&session.custom.external_key=A-1`);
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('full command API access');
    expect((await api(run, readOnly, `/api/command?action=get_session_attributes&lsid=${lsid}`)).text).toContain('<custom_attributes');
    run.sim.endSession(lsid);
    for (const bearer of [full, readOnly]) {
      const ended = await api(run, bearer, `/api/command?action=get_session_attributes&lsid=${lsid}`);
      expect(ended.text).toMatch(/<error[^>]*>There is no active session/);
    }
    expect((await api(run, full, `/api/command?action=set_session_attributes&lsid=${lsid}&session.custom.external_key=A-1`)).text).toMatch(
      /<error[^>]*>There is no active session/,
    );
  });
});
