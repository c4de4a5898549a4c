/**
 * Writes a large AccessSession report to a file, shaped like real appliance output (the real header fixture,
 * then events in the simulator's real-appliance layout): 60 % chat both ways with long messages (every 50th
 * with a control character, so sent as <encoded_body>; character references, quotes, backslashes, emoji and
 * CJK text throughout), file transfers, notes, system information and window changes. Written event by
 * event, so sessions of any size can be generated without holding them.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { escapeAttr, escapeText } from '../../sandbox/pra-simulator/xml';

const HEADER_FIXTURE = path.resolve(__dirname, '../../test/fixtures/pra-reports/access-session-real-header.xml');
const FIXTURE_LSID = 'e9e99aeb9ad54fb381634498502c5a1b';
const WORDS = ['restart', 'service', 'patch', 'disk', 'log', 'C:\\Windows\\Temp', '"quoted"', 'Müller', '漢字', '😀', "it's", 'a&b', '<tag>', 'done'];

function chatText(i: number, length: number): string {
  let text = `#${i}`;
  for (let w = i; text.length < length; w += 7) text += ` ${WORDS[w % WORDS.length]}`;
  return text.slice(0, length);
}

/** One event in the appliance's layout; references are written the way PHP's htmlspecialchars does. */
function eventXml(i: number, t: number, chatLength: number): string {
  const refs = (s: string) => escapeText(s).replace(/'/g, '&#039;').replace(/ü/g, '&#252;');
  const slot = i % 10;
  const rep = '    <performed_by type="representative" gsnumber="21">Ren&#233;e O&#039;Brien</performed_by>';
  const customer = '    <performed_by type="customer" gsnumber="22">web01</performed_by>';
  if (slot < 6) {
    const fromRep = slot % 2 === 0;
    const body = chatText(i, chatLength);
    const encoded = i % 50 === 0;
    return [
      `<event timestamp="${t}" event_type="Chat Message" >`,
      fromRep ? rep : customer,
      fromRep ? '    <destination type="customer" gsnumber="22">web01</destination>' : '    <destination type="representative" gsnumber="21">Ren&#233;e O&#039;Brien</destination>',
      encoded ? `    <encoded_body>${Buffer.from(`${body}\u0007\u001b[0m`, 'utf8').toString('base64')}</encoded_body>` : `    <body>${refs(body)}</body>`,
      '</event>',
    ].join('\n');
  }
  if (slot === 6) {
    const upload = i % 20 === 6;
    const filename = `C:\\temp\\file-${i}.${upload ? 'msi' : 'log'}`;
    return [
      `<event timestamp="${t}" event_type="${upload ? 'File Upload' : 'File Download'}" >`,
      rep,
      '    <destination type="customer" gsnumber="22">web01</destination>',
      `    <filename>${escapeText(filename)}</filename>`,
      `    <filesize>${1024 * ((i % 97) + 1)}</filesize>`,
      '</event>',
    ].join('\n');
  }
  if (slot === 7) return [`<event timestamp="${t}" event_type="Session Note Added" >`, rep, `    <body>${refs(`Note ${i}: ${chatText(i, 200)}`)}</body>`, '</event>'].join('\n');
  if (slot === 8) {
    return [
      `<event timestamp="${t}" event_type="System Information Retrieved" >`,
      rep,
      '    <system_information>',
      '        <category name="Processes">',
      '            <description>',
      '                <field name="name">Name</field>',
      '                <field name="pid">PID</field>',
      '            </description>',
      '            <data>',
      `                <row>\n                    <field name="name">w3wp.exe</field>\n                    <field name="pid">${1000 + i}</field>\n                </row>`,
      `                <row>\n                    <field name="name">sqlservr.exe</field>\n                    <field name="pid">${2000 + i}</field>\n                </row>`,
      '            </data>',
      '        </category>',
      '    </system_information>',
      '</event>',
    ].join('\n');
  }
  return [
    `<event timestamp="${t}" event_type="Session Foreground Window Changed" >`,
    customer,
    '    <data>',
    '            <value name="exeName" value="mmc.exe" />',
    `            <value name="windowName" value="${escapeAttr(`Services (${i}) – "Dienste"`)}" />`,
    '        </data>',
    '</event>',
  ].join('\n');
}

/** Writes the report; returns its size in bytes. */
export async function writeLargeReport(file: string, lsid: string, events: number, chatLength: number): Promise<number> {
  const fixture = readFileSync(HEADER_FIXTURE, 'utf8').replaceAll(FIXTURE_LSID, lsid);
  const head = fixture.slice(0, fixture.indexOf('<session_details>') + '<session_details>'.length);
  const start = 1733239565;
  const out = createWriteStream(file);
  let size = 0;
  const write = async (text: string) => {
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${head}\n<event timestamp="${start}" event_type="Session Start" >\n    </event>\n`);
  for (let i = 0; i < events; i++) await write(`${eventXml(i, start + 1 + i, chatLength)}\n`);
  await write(`<event timestamp="${start + events + 2}" event_type="Session End" >\n    </event>\n</session_details>\n</session>\n</session_list>\n`);
  out.end();
  await once(out, 'finish');
  return size;
}
