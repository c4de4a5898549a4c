import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/config/settings';
import { HOST_NAME_MESSAGES } from '../../../src/config/hostName';

const valid = { ...DEFAULT_SETTINGS, enabled: true, hostName: 'PRA.example.com', clientId: 'abc', assetFieldName: 'Asset Name' };

describe('settings parsing', () => {
  it('accepts a complete enabled configuration and normalises the host name', () => {
    const r = parseSettings(valid);
    expect(r).toMatchObject({ ok: true, settings: { hostName: 'pra.example.com', useWebConsole: true, requireAssetMatch: true } });
  });

  it('fills defaults for missing optional settings and drops unknown ones', () => {
    const r = parseSettings({ enabled: false, hostName: '', clientId: '', assetFieldName: '', bogus: 1 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.settings).toEqual(DEFAULT_SETTINGS);
      expect(r.settings).not.toHaveProperty('bogus');
    }
  });

  it('requires host, client id and asset field when enabled, each with its own message', () => {
    const r = parseSettings({ ...valid, hostName: '', clientId: ' ', assetFieldName: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors.hostName).toBe(HOST_NAME_MESSAGES.empty);
      expect(r.fieldErrors.clientId).toMatch(/Client ID/);
      expect(r.fieldErrors.assetFieldName).toMatch(/Jira field/);
    }
  });

  it('checks the host name format even when disabled', () => {
    const r = parseSettings({ ...valid, enabled: false, hostName: 'https://pra.example.com' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors.hostName).toBe(HOST_NAME_MESSAGES.protocol);
  });

  it('bounds the recording size and de-duplicates excluded event types', () => {
    expect(parseSettings({ ...valid, recordingMaxMb: 0 }).ok).toBe(false);
    expect(parseSettings({ ...valid, recordingMaxMb: 101 }).ok).toBe(false);
    expect(parseSettings({ ...valid, recordingMaxMb: 100 }).ok).toBe(true);
    const r = parseSettings({ ...valid, excludedEventTypes: ['Chat Message', 'Chat Message', 'File Upload'] });
    expect(r.ok && r.settings.excludedEventTypes).toEqual(['Chat Message', 'File Upload']);
  });

  it('rejects wrongly typed values', () => {
    expect(parseSettings({ ...valid, enabled: 'yes' }).ok).toBe(false);
    expect(parseSettings({ ...valid, excludedEventTypes: 'Chat Message' }).ok).toBe(false);
    expect(parseSettings(null).ok).toBe(true);
  });
});

describe('change window settings (issue 15)', () => {
  it('defaults: off, fields found automatically, Change, 15 minutes, any active status', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      requireChangeWindow: false,
      changeWindowStartField: '',
      changeWindowEndField: '',
      changeWindowIssueTypes: ['Change'],
      changeWindowGraceMinutes: 15,
      changeWindowStatuses: [],
    });
  });

  it('asks for both field names or neither', () => {
    expect(parseSettings({ ...valid, changeWindowStartField: 'Window from' })).toEqual({
      ok: false,
      fieldErrors: { changeWindowEndField: expect.stringContaining('both window field names') },
    });
    expect(parseSettings({ ...valid, changeWindowStartField: ' Window from ', changeWindowEndField: 'Window to' })).toMatchObject({
      ok: true,
      settings: { changeWindowStartField: 'Window from' },
    });
  });

  it.each([-1, 1441, 2.5, '15', null])('refuses a grace of %j minutes', (grace) => {
    expect(parseSettings({ ...valid, changeWindowGraceMinutes: grace })).toEqual({
      ok: false,
      fieldErrors: { changeWindowGraceMinutes: 'Enter a whole number of minutes from 0 to 1440 (24 hours).' },
    });
  });

  it('needs an issue type when the window is required', () => {
    expect(parseSettings({ ...valid, requireChangeWindow: true, changeWindowIssueTypes: [] })).toMatchObject({
      ok: false,
      fieldErrors: { changeWindowIssueTypes: expect.any(String) },
    });
    expect(parseSettings({ ...valid, requireChangeWindow: false, changeWindowIssueTypes: [] }).ok).toBe(true);
  });
});
