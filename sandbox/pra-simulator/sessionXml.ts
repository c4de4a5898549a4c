/**
 * AccessSession and AccessSessionListing documents, in the element order and with the whitespace quirks of a
 * real appliance (fixture captured from a PRA cloud site): uneven indentation, `<event … >` with a space, a blank
 * line where an absent `<jumpoint>` or `<performed_by>` would be, empty elements written as open/close pairs.
 */
import { hms, isoWithOffset } from './format';
import type { Actor, SessionEvent, SessionRecord, SessionRep, SystemInfoCategory } from './model';
import { commandShellInstances, fileCounters } from './sessionEvents';
import { sessionDownloadUrl } from './urls';
import { escapeAttr, escapeText, hasInvalidXmlChars, XML_DECLARATION } from './xml';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface RenderOptions {
  namespace: string;
  /** Public host name used in the download URLs. */
  host: string;
  nowSeconds: number;
  /** Render as still in progress: empty end_time, no download URLs, no events added by the end. */
  inProgress: boolean;
  /** Display name of a custom attribute's code name. */
  displayName: (codeName: string) => string;
}

export interface ListingEntry {
  lsid: string;
  externalKey: string;
  hasRecording: boolean;
}

const el = (indent: string, name: string, text: string) => `${indent}<${name}>${escapeText(text)}</${name}>`;

function actorLine(name: 'performed_by' | 'destination', actor: Actor): string {
  return `    <${name} type="${actor.type}" gsnumber="${actor.gsnumber}">${escapeText(actor.name)}</${name}>`;
}

function systemInformationLines(categories: SystemInfoCategory[]): string[] {
  const lines = ['    <system_information>'];
  for (const category of categories) {
    lines.push(`        <category name="${escapeAttr(category.name)}">`, '            <description>');
    for (const field of category.fields) {
      lines.push(`                <field name="${escapeAttr(field.name)}">${escapeText(field.label)}</field>`);
    }
    lines.push('            </description>', '            <data>');
    for (const row of category.rows) {
      lines.push('                <row>');
      for (const [name, value] of Object.entries(row)) {
        lines.push(`                    <field name="${escapeAttr(name)}">${escapeText(value)}</field>`);
      }
      lines.push('                </row>');
    }
    lines.push('            </data>', '        </category>');
  }
  lines.push('    </system_information>');
  return lines;
}

/** `<body>`, or `<encoded_body>` (base64 of the UTF-8 text) when the text has characters XML cannot carry. */
function bodyLine(body: string): string {
  return hasInvalidXmlChars(body)
    ? `    <encoded_body>${Buffer.from(body, 'utf8').toString('base64')}</encoded_body>`
    : el('    ', 'body', body);
}

function renderEvent(event: SessionEvent): string {
  const rest: string[] = [];
  if (event.destination) rest.push(actorLine('destination', event.destination));
  if (event.body !== null) rest.push(bodyLine(event.body));
  if (event.filename !== null) rest.push(el('    ', 'filename', event.filename));
  if (event.filesize !== null) rest.push(el('    ', 'filesize', String(event.filesize)));
  if (event.files.length > 0) {
    rest.push('    <files>');
    for (const file of event.files) {
      rest.push('        <file>', el('            ', 'filename', file.filename), el('            ', 'filesize', String(file.filesize)), '        </file>');
    }
    rest.push('    </files>');
  }
  if (event.data.length > 0) {
    rest.push('    <data>');
    for (const d of event.data) rest.push(`            <value name="${escapeAttr(d.name)}" value="${escapeAttr(d.value)}" />`);
    rest.push('        </data>');
  }
  if (event.systemInformation.length > 0) rest.push(...systemInformationLines(event.systemInformation));
  return [
    `<event timestamp="${event.timestamp}" event_type="${escapeAttr(event.eventType)}" >`,
    event.performedBy ? actorLine('performed_by', event.performedBy) : '',
    ...(rest.length > 0 ? [...rest, '</event>'] : ['    </event>']),
  ].join('\n');
}

function repLines(rep: SessionRep, secondsInvolved: number): string[] {
  return [
    `    <representative gsnumber="${rep.gsnumber}" id="${rep.userId}">`,
    el('    ', 'username', rep.username),
    el('    ', 'display_name', rep.displayName),
    el('    ', 'public_display_name', rep.publicDisplayName),
    el('    ', 'private_display_name', rep.privateDisplayName),
    el('        ', 'public_ip', rep.publicIp),
    el('    ', 'private_ip', rep.privateIp),
    ...(rep.hostname ? [el('    ', 'hostname', rep.hostname)] : []),
    el('    ', 'os', rep.os),
    el('    ', 'session_owner', rep.owner ? '1' : '0'),
    el('        ', 'seconds_involved', String(secondsInvolved)),
    ...(rep.invited ? [el('    ', 'invited', '1')] : []),
    '</representative>',
  ];
}

function urlLine(name: string, url: string): string {
  return el('    ', name, url);
}

/** One `<session>` element (ends with a newline). */
export function renderSession(session: SessionRecord, options: RenderOptions): string {
  const ended = !options.inProgress && session.endTime !== null;
  const until = ended ? (session.endTime ?? options.nowSeconds) : options.nowSeconds;
  const events =
    !ended && session.eventsBeforeEnd !== null ? session.events.slice(0, session.eventsBeforeEnd) : session.events;
  const counters = fileCounters(events);
  const download = (kind: 'chat' | 'sr', view: boolean) =>
    sessionDownloadUrl({ host: options.host, lsid: session.lsid, hash: session.urlHash, kind, view });
  const attributes = Object.entries(session.customAttributes);
  const shells = ended ? commandShellInstances(session) : [];
  const primaryRep = session.reps.find((r) => r.gsnumber === session.primaryRepGsnumber);
  const { jumpGroup, jumpoint } = session.jumpItem;
  const c = session.customer;

  const lines = [
    `<session lsid="${escapeAttr(session.lsid)}">`,
    el('    ', 'session_type', 'support'),
    el('    ', 'lseq', String(session.lseq)),
    `    <start_time timestamp="${session.startTime}">${isoWithOffset(session.startTime)}</start_time>`,
    ended ? `    <end_time timestamp="${session.endTime}">${isoWithOffset(until)}</end_time>` : '    <end_time></end_time>',
    el('    ', 'duration', hms(until - session.startTime)),
    el('    ', 'external_key', session.externalKey),
    ...(attributes.length === 0
      ? ['    <custom_attributes></custom_attributes>']
      : [
          '    <custom_attributes>',
          ...attributes.map(
            ([code, value]) =>
              `        <custom_attribute display_name="${escapeAttr(options.displayName(code))}" code_name="${escapeAttr(code)}">${escapeText(value)}</custom_attribute>`,
          ),
          '    </custom_attributes>',
        ]),
    ...(ended ? [urlLine('session_chat_view_url', download('chat', true)), urlLine('session_chat_download_url', download('chat', false))] : []),
    ...(ended && session.recording
      ? [urlLine('session_recording_view_url', download('sr', true)), urlLine('session_recording_download_url', download('sr', false))]
      : []),
    ...(shells.length > 0
      ? [
          '    <command_shell_recordings>',
          ...shells.flatMap((instance) => {
            const url = (view: boolean) =>
              sessionDownloadUrl({ host: options.host, lsid: session.lsid, hash: session.urlHash, kind: 'csr', view, instance });
            return [
              `        <command_shell_recording instance="${instance}">`,
              el('            ', 'download_url', url(false)),
              el('            ', 'view_url', url(true)),
              '        </command_shell_recording>',
            ];
          }),
          '    </command_shell_recordings>',
        ]
      : []),
    el('    ', 'file_transfer_count', String(counters.transfers)),
    el('    ', 'file_move_count', String(counters.moves)),
    el('    ', 'file_delete_count', String(counters.deletes)),
    `    <primary_customer gsnumber="${c.gsnumber}">${escapeText(session.jumpItem.name)}</primary_customer>`,
    `    <jump_group type="${jumpGroup.type}" id="${jumpGroup.id}">${escapeText(jumpGroup.name)}</jump_group>`,
    jumpoint ? `    <jumpoint id="${jumpoint.id}">${escapeText(jumpoint.name)}</jumpoint>` : '',
    primaryRep
      ? `    <primary_rep gsnumber="${primaryRep.gsnumber}" id="${primaryRep.userId}">${escapeText(primaryRep.displayName)}</primary_rep>`
      : '    <primary_rep></primary_rep>',
    '    <customer_list>',
    `    <customer gsnumber="${c.gsnumber}">`,
    el('    ', 'username', c.username),
    el('    ', 'public_ip', c.publicIp),
    el('    ', 'private_ip', c.privateIp),
    el('    ', 'hostname', c.hostname),
    el('    ', 'os', c.os),
    '</customer>',
    '    </customer_list>',
    '    <rep_list>',
    ...session.reps.flatMap((rep) =>
      repLines(rep, rep.secondsInvolved ?? Math.max(0, Math.min(rep.leftAt ?? until, until) - rep.joinedAt)),
    ),
    '    </rep_list>',
    '<session_details>',
    ...events.map(renderEvent),
    '</session_details>',
    '</session>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The AccessSession document around already rendered `<session>` elements. */
export function renderSessionList(sessionElements: string[], namespace: string): string {
  return `${XML_DECLARATION}<session_list xmlns="${namespace}" xmlns:xsi="${XSI}">\n${sessionElements.join('')}</session_list>\n`;
}

/** AccessSessionListing; `external_key` is left out when empty (hence the real output's double space). */
export function renderListing(entries: ListingEntry[], namespace: string): string {
  const lines = entries.map(
    (e) =>
      `<session_summary lsid="${escapeAttr(e.lsid)}" has_recording="${e.hasRecording ? 1 : 0}" ${e.externalKey ? `external_key="${escapeAttr(e.externalKey)}"` : ''} />`,
  );
  return `${XML_DECLARATION}<session_summary_list xmlns="${namespace}">\n${lines.map((l) => `${l}\n`).join('')}</session_summary_list>\n`;
}
