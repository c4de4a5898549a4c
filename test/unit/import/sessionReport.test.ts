import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAccessSession, parseSessionListing } from '../../../src/import/sessionReport';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports', name), 'utf8');

describe('AccessSession report parsing', () => {
  it('reads the real appliance header fixture (sra namespace, whitespace quirks)', () => {
    const r = parseAccessSession(fixture('access-session-real-header.xml'), 'e9e99aeb9ad54fb381634498502c5a1b');
    expect(r.kind).toBe('session');
    if (r.kind !== 'session') return;
    const s = r.report;
    expect(s).toMatchObject({
      lsid: 'e9e99aeb9ad54fb381634498502c5a1b',
      lseq: '8',
      startTime: 1733239565,
      endTime: 1733240467,
      duration: '00:15:02',
      externalKey: 'OPS-42',
      jumpItem: 'web01',
      jumpGroup: { name: 'Servers', type: 'shared', id: '1' },
      primaryRep: { name: 'Admin', id: '1' },
      fileTransferCount: 2,
    });
    expect(s.chatViewUrl).toContain('&dl_action=chat&view=1');
    expect(s.endpoints[0]).toMatchObject({ hostname: 'WEB01', privateIp: '10.0.0.4', os: 'Windows Server 2022 Datacenter Azure Edition (21H2)' });
    expect(s.representatives[0]).toMatchObject({ username: 'admin', owner: true, secondsInvolved: 901, publicIp: '[2001:db8::1]:56722' });
    expect(s.events.map((e) => e.type)).toEqual(['Session Start', 'Conference Owner Changed', 'Chat Message', 'File Upload', 'Session Note Added', 'Session End']);
    expect(s.events[1]!.data).toEqual({ owner: 'Pre-start Conference' });
    expect(s.events[2]).toMatchObject({ body: 'Restarting IIS now', performedBy: { type: 'representative', gsnumber: '21', name: 'Admin' } });
    expect(s.events[3]).toMatchObject({ filename: 'C:\\temp\\patch.msi', filesize: 1048576 });
  });

  it('reads the documented namespace, encoded_body, multi-file events, system information and ignores unknown elements', () => {
    const r = parseAccessSession(fixture('access-session-quirks.xml'), '0123456789ABCDEF0123456789ABCDEF');
    if (r.kind !== 'session') throw new Error(r.kind);
    const s = r.report;
    expect(s.externalKey).toBe('sd-7');
    expect(s.customAttributes).toEqual([
      { displayName: 'Change Ticket', codeName: 'change_ticket', value: 'CHG-9' },
      { displayName: 'Empty', codeName: 'empty', value: '' },
    ]);
    expect(s.representatives[1]).toMatchObject({ displayName: 'Helper & Co', invited: true, owner: false });
    const chat = s.events.filter((e) => e.type === 'Chat Message');
    expect(chat[0]!.body).toBe('Line one\nline two with <b>markup</b> and **stars**');
    expect(chat[1]!.body).toBe('Control char: \u0007 bell');
    expect(s.events.find((e) => e.type === 'File Download')!.files).toEqual([
      { filename: 'C:\\logs\\a.log', filesize: 2048 },
      { filename: 'C:\\logs\\b.log', filesize: 10 },
    ]);
    const sys = s.events.find((e) => e.type === 'System Information Retrieved')!.systemInformation;
    expect(sys).toEqual([
      {
        name: 'Processes',
        columns: [
          { key: 'name', label: 'Name' },
          { key: 'pid', label: 'PID' },
        ],
        rows: [
          { name: 'explorer.exe', pid: '1234' },
          { name: 'svchost.exe', pid: '88' },
        ],
      },
    ]);
    expect(s.commandShellRecordings).toEqual([{ instance: '0', downloadUrl: 'https://pra.example.com/shell?i=0', viewUrl: 'https://pra.example.com/shell?i=0&view=1' }]);
    expect(s.events.find((e) => e.type === 'Some Future Event')!.data).toEqual({ k: 'v' });
  });

  it('treats an empty end_time as a session still in progress', () => {
    const xml = fixture('access-session-real-header.xml').replace(/<end_time timestamp="\d+">[^<]*<\/end_time>/, '<end_time></end_time>');
    const r = parseAccessSession(xml, 'e9e99aeb9ad54fb381634498502c5a1b');
    expect(r.kind === 'session' && r.report.endTime).toBeUndefined();
  });

  it('answers no-data for the appliance error and for another session, invalid for junk', () => {
    expect(parseAccessSession('<error >No Support report information matching your chosen criteria is available.</error>', 'x')).toEqual({
      kind: 'no-data',
      message: 'No Support report information matching your chosen criteria is available.',
    });
    expect(parseAccessSession(fixture('access-session-real-header.xml'), 'ffffffffffffffffffffffffffffffff').kind).toBe('no-data');
    expect(parseAccessSession('<html><body>proxy error</body></html>', 'x').kind).toBe('invalid');
    expect(parseAccessSession('not xml at all', 'x').kind).toBe('invalid');
  });

  it('parses AccessSessionListing with optional external keys', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<session_summary_list xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting">
<session_summary lsid="e9e99aeb9ad54fb381634498502c5a1b" has_recording="0"  />
<session_summary lsid="219ca41dc71940a5a69687b49736d97b" external_key="SD-9" has_recording="1"  />
</session_summary_list>`;
    expect(parseSessionListing(xml)).toEqual({
      kind: 'list',
      sessions: [
        { lsid: 'e9e99aeb9ad54fb381634498502c5a1b', externalKey: undefined, hasRecording: false },
        { lsid: '219ca41dc71940a5a69687b49736d97b', externalKey: 'SD-9', hasRecording: true },
      ],
    });
  });
});
