import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from '@jest/globals';
import { createPraSimulator } from '../../../sandbox/pra-simulator';
import { hms, isoWithOffset } from '../../../sandbox/pra-simulator/format';
import { renderListing, renderSession, renderSessionList, type RenderOptions } from '../../../sandbox/pra-simulator/sessionXml';
import { namespaceFor } from '../../../sandbox/pra-simulator/xml';

const START = 1733239565;
const NS = namespaceFor('sra', 'reporting');

function build(options: { end?: boolean; jumpoint?: boolean } = {}) {
  let now = START * 1000;
  const sim = createPraSimulator({ publicHost: 'pra.example.com', applianceId: 'a'.repeat(32), now: () => now });
  const group = sim.createJumpGroup({ name: 'Servers & Co' });
  const item = sim.createJumpItem({ name: 'web01', hostname: 'WEB01', jumpGroupId: group.id, jumpointId: options.jumpoint === false ? null : 1 });
  const session = sim.createSession({
    lsid: 'e9e99aeb9ad54fb381634498502c5a1b',
    jumpItem: { id: item.id },
    externalKey: 'OPS-42',
    customAttributes: { priority: 'high' },
    recording: { size: 1 },
  });
  sim.defineCustomField({ codeName: 'priority', displayName: 'Priority' });
  sim.addEvents(session.lsid, [
    { eventType: 'Chat Message', timestamp: START + 35, performedBy: 'rep', destination: 'customer', body: 'Restarting <IIS> & co' },
    { eventType: 'Chat Message', timestamp: START + 36, performedBy: 'customer', body: 'bell\u0007 here' },
    { eventType: 'File Upload', timestamp: START + 135, performedBy: 'rep', destination: 'customer', filename: 'C:\\temp\\patch.msi', filesize: 1048576 },
    { eventType: 'File Download', timestamp: START + 136, performedBy: 'rep', files: [{ filename: 'a.log', filesize: 1 }, { filename: 'b.log', filesize: 2 }] },
    { eventType: 'File Deleted', timestamp: START + 137, performedBy: 'rep', data: { path: 'C:\\x' } },
    {
      eventType: 'System Information Retrieved',
      timestamp: START + 140,
      performedBy: 'rep',
      systemInformation: [{ name: 'OS', fields: [{ name: 'hostname', label: 'Hostname' }], rows: [{ hostname: 'WEB01' }] }],
    },
    { eventType: 'Command Shell Session Started', timestamp: START + 150, performedBy: 'rep' },
  ]);
  now = (START + 902) * 1000;
  if (options.end !== false) sim.endSession(session.lsid);
  const renderOptions = (inProgress: boolean): RenderOptions => ({
    namespace: NS,
    host: 'pra.example.com',
    nowSeconds: START + 902,
    inProgress,
    displayName: (code) => sim.listCustomFields().find((f) => f.codeName === code)?.displayName ?? code,
  });
  return { sim, session: sim.getSession(session.lsid), renderOptions };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  preserveOrder: false,
  isArray: (name) => ['event', 'representative', 'session', 'session_summary', 'value', 'custom_attribute'].includes(name),
});

function parsedSession(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true);
  const list = parser.parse(xml).session_list as { session: Record<string, unknown>[] };
  return list.session[0]!;
}

/** Child element names of <session>, in document order. */
function childOrder(xml: string): string[] {
  const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true, removeNSPrefix: true }).parse(xml) as Record<string, unknown>[];
  const list = ordered.find((n) => 'session_list' in n)!.session_list as Record<string, unknown>[];
  const session = list.find((n) => 'session' in n)!.session as Record<string, unknown>[];
  return session.map((n) => Object.keys(n)[0]!).filter((k) => k !== '#text');
}

describe('AccessSession rendering', () => {
  it('emits the §6.4 elements in order', () => {
    const { session, renderOptions } = build();
    const xml = renderSessionList([renderSession(session, renderOptions(false))], NS);
    expect(childOrder(xml)).toEqual([
      'session_type',
      'lseq',
      'start_time',
      'end_time',
      'duration',
      'external_key',
      'custom_attributes',
      'session_chat_view_url',
      'session_chat_download_url',
      'session_recording_view_url',
      'session_recording_download_url',
      'command_shell_recordings',
      'file_transfer_count',
      'file_move_count',
      'file_delete_count',
      'primary_customer',
      'jump_group',
      'jumpoint',
      'primary_rep',
      'customer_list',
      'rep_list',
      'session_details',
    ]);
  });

  it('renders values, attributes, counters and URLs', () => {
    const { session, renderOptions } = build();
    const s = parsedSession(renderSessionList([renderSession(session, renderOptions(false))], NS));
    expect(s).toMatchObject({
      '@lsid': 'e9e99aeb9ad54fb381634498502c5a1b',
      session_type: 'support',
      lseq: '1',
      start_time: { '#text': '2024-12-03T15:26:05+00:00', '@timestamp': String(START) },
      end_time: { '#text': '2024-12-03T15:41:07+00:00', '@timestamp': String(START + 902) },
      duration: '00:15:02',
      external_key: 'OPS-42',
      custom_attributes: { custom_attribute: [{ '#text': 'high', '@display_name': 'Priority', '@code_name': 'priority' }] },
      file_transfer_count: '3',
      file_move_count: '0',
      file_delete_count: '1',
      primary_customer: { '#text': 'web01', '@gsnumber': '22' },
      jump_group: { '#text': 'Servers & Co', '@type': 'shared', '@id': '2' },
      jumpoint: { '#text': 'Default Jumpoint', '@id': '1' },
      primary_rep: { '#text': 'Admin', '@gsnumber': '21', '@id': '1' },
    });
    expect(s.session_chat_view_url).toBe(
      'https://pra.example.com/session_download?lsid=l%3De9e99aeb9ad54fb381634498502c5a1b%3Bh%3D' +
        session.urlHash +
        '%3Bt%3Dsd%3Bm%3Dchat&dl_action=chat&view=1',
    );
    expect(s.session_chat_download_url).toBe(String(s.session_chat_view_url).replace('&view=1', ''));
    expect(session.urlHash).toMatch(/^[0-9a-f]{40}$/);
    expect(s.command_shell_recordings).toMatchObject({ command_shell_recording: { '@instance': '0', download_url: expect.stringContaining('m%3Dcsr') } });
    const rep = (s.rep_list as { representative: Record<string, unknown>[] }).representative[0];
    expect(rep).toMatchObject({ username: 'admin', session_owner: '1', seconds_involved: '902', private_ip: 'Unknown' });
    expect((s.customer_list as { customer: Record<string, unknown> }).customer).toMatchObject({ hostname: 'WEB01', username: 'web01' });
  });

  it('renders events with actors, body or encoded_body, files, data and system information', () => {
    const { session, renderOptions } = build();
    const s = parsedSession(renderSessionList([renderSession(session, renderOptions(false))], NS));
    const events = (s.session_details as { event: Record<string, any>[] }).event;
    const byType = (type: string) => events.filter((e) => e['@event_type'] === type);
    expect(events[0]).toMatchObject({ '@event_type': 'Session Start', '@timestamp': String(START) });
    expect(events.at(-1)).toMatchObject({ '@event_type': 'Session End', '@timestamp': String(START + 902) });
    const [toCustomer, withBell] = byType('Chat Message');
    expect(toCustomer).toMatchObject({
      performed_by: { '#text': 'Admin', '@type': 'representative', '@gsnumber': '21' },
      destination: { '#text': 'web01', '@type': 'customer', '@gsnumber': '22' },
      body: 'Restarting <IIS> & co',
    });
    expect(withBell?.body).toBeUndefined();
    expect(Buffer.from(withBell?.encoded_body as string, 'base64').toString('utf8')).toBe('bell\u0007 here');
    expect(byType('File Upload')[0]).toMatchObject({ filename: 'C:\\temp\\patch.msi', filesize: '1048576' });
    expect(byType('File Download')[0]?.files.file).toEqual([
      { filename: 'a.log', filesize: '1' },
      { filename: 'b.log', filesize: '2' },
    ]);
    expect(byType('File Deleted')[0]?.data.value).toEqual([{ '@name': 'path', '@value': 'C:\\x' }]);
    expect(byType('System Information Retrieved')[0]?.system_information.category).toEqual({
      '@name': 'OS',
      description: { field: { '#text': 'Hostname', '@name': 'hostname' } },
      data: { row: { field: { '#text': 'WEB01', '@name': 'hostname' } } },
    });
    expect(byType('Conference Owner Changed')[0]).toMatchObject({
      destination: { '#text': 'Pre-start Conference', '@type': 'system', '@gsnumber': '0' },
      data: { value: [{ '@name': 'owner', '@value': 'Pre-start Conference' }] },
    });
  });

  it('reproduces the real whitespace quirks', () => {
    const { session, renderOptions } = build({ jumpoint: false });
    const xml = renderSession(session, renderOptions(false));
    expect(xml).toContain(`<event timestamp="${START}" event_type="Session Start" >\n\n    </event>\n`);
    expect(xml).toContain('    <jump_group type="shared" id="2">Servers &amp; Co</jump_group>\n\n    <primary_rep');
    expect(xml).toContain('    <representative gsnumber="21" id="1">\n    <username>admin</username>');
    expect(xml).toContain('        <public_ip>203.0.113.10:56722</public_ip>\n');
    expect(xml).toContain('</customer>\n    </customer_list>');
    expect(xml).toContain('            <value name="owner" value="Pre-start Conference" />\n        </data>\n</event>');
    expect(xml).toContain('&amp;dl_action=chat&amp;view=1</session_chat_view_url>');
    expect(xml).not.toContain('<jumpoint');
  });

  it('renders a session in progress with an empty end_time, no URLs and no end events', () => {
    const running = build({ end: false });
    const open = parsedSession(renderSessionList([renderSession(running.session, running.renderOptions(false))], NS));
    expect(open.end_time).toBe('');
    expect(open.duration).toBe('00:15:02');
    expect(open.session_chat_view_url).toBeUndefined();
    expect(open.session_recording_view_url).toBeUndefined();
    expect(open.command_shell_recordings).toBeUndefined();
    const ended = build();
    const lagging = renderSession(ended.session, ended.renderOptions(true));
    expect(lagging).toContain('    <end_time></end_time>\n');
    expect(lagging).not.toContain('Session End');
  });

  it('switches the namespace and always declares xsi', () => {
    const { session, renderOptions } = build();
    for (const flavor of ['sra', 'documented', 'bomgar'] as const) {
      const namespace = namespaceFor(flavor, 'reporting');
      const xml = renderSessionList([renderSession(session, { ...renderOptions(false), namespace })], namespace);
      expect(xml.split('\n')[1]).toBe(`<session_list xmlns="${namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`);
    }
    expect(namespaceFor('documented', 'reporting')).toBe('https://www.beyondtrust.com/namespaces/API/reporting');
    expect(namespaceFor('bomgar', 'command')).toBe('http://www.bomgar.com/namespaces/API/command');
  });
});

describe('AccessSessionListing rendering', () => {
  it('omits an empty external_key (leaving the double space) and flags recordings', () => {
    const xml = renderListing(
      [
        { lsid: 'a'.repeat(32), externalKey: '', hasRecording: false },
        { lsid: 'b'.repeat(32), externalKey: 'OPS-"1"', hasRecording: true },
      ],
      NS,
    );
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<session_summary_list xmlns="${NS}">\n` +
        `<session_summary lsid="${'a'.repeat(32)}" has_recording="0"  />\n` +
        `<session_summary lsid="${'b'.repeat(32)}" has_recording="1" external_key="OPS-&quot;1&quot;" />\n` +
        '</session_summary_list>\n',
    );
    const entries = (parser.parse(xml).session_summary_list as { session_summary: Record<string, string>[] }).session_summary;
    expect(entries.map((e) => e['@external_key'])).toEqual([undefined, 'OPS-"1"']);
  });
});

describe('formats', () => {
  it('formats times with an explicit offset and durations as HH:MM:SS', () => {
    expect(isoWithOffset(START)).toBe('2024-12-03T15:26:05+00:00');
    expect(hms(902)).toBe('00:15:02');
    expect(hms(90_061)).toBe('25:01:01');
  });
});
