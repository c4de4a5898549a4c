/** `/api/reporting`: AccessSession, AccessSessionListing and AccessSessionRecording. */
import { createHash } from 'node:crypto';
import { xml, type Router, type SimRequest, type SimResponse } from '../shared/http';
import { customFieldDisplayName } from './directory';
import type { SessionRecord } from './model';
import { rawDocument, rawSessionElement } from './rawSession';
import { inRange, parseReportQuery, reportStatus, type ReportQuery, type ReportStatus } from './reportFilter';
import { renderListing, renderSession, renderSessionList } from './sessionXml';
import type { PraState } from './state';
import { noDataDocument } from './xml';
import { openXmlApi, xmlErrorReply } from './xmlApi';

const RECORDING_EXPIRED_MESSAGE = 'This recording has expired and can no longer be viewed or downloaded.';

interface Visible {
  session: SessionRecord;
  status: Exclude<ReportStatus, 'hidden'>;
}

function visibleSessions(state: PraState, query: ReportQuery): Visible[] {
  const now = state.now();
  const withStatus = (session: SessionRecord): Visible | null => {
    const held = (session.inProgressFetchesLeft ?? 0) !== 0 && session.endedAtMs !== null;
    const status = held ? 'in-progress' : reportStatus(session, now, state.knobs.reportLagMs, state.knobs.reportLagMode);
    return status === 'hidden' ? null : { session, status };
  };
  if (query.kind === 'lsids') {
    return [...new Set(query.lsids)]
      .map((lsid) => state.sessions.get(lsid))
      .flatMap((session) => (session ? [withStatus(session)] : []))
      .filter((v): v is Visible => v !== null);
  }
  return [...state.sessions.values()]
    .sort((a, b) => a.startTime - b.startTime || a.lseq - b.lseq)
    .map(withStatus)
    .filter((v): v is Visible => v !== null && inRange(query, v.session, v.status));
}

const noData = (): SimResponse => xml(200, noDataDocument());

function accessSession(state: PraState, params: URLSearchParams, namespace: string): SimResponse {
  const query = parseReportQuery(params, true);
  if ('error' in query) return xmlErrorReply(200, namespace, query.error);
  const selected = visibleSessions(state, query);
  for (const { session } of selected) {
    if ((session.inProgressFetchesLeft ?? 0) > 0) session.inProgressFetchesLeft! -= 1;
  }
  const only = selected[0];
  if (!only) return noData();
  if (selected.length === 1 && query.kind === 'lsids' && only.session.rawXml !== null) {
    return xml(200, rawDocument(only.session.rawXml, only.status === 'in-progress'));
  }
  const nowSeconds = state.nowSeconds();
  const elements = selected.map(({ session, status }) =>
    session.rawXml !== null
      ? rawSessionElement(session.rawXml, status === 'in-progress')
      : renderSession(session, {
          namespace,
          host: state.publicHost,
          nowSeconds,
          inProgress: status === 'in-progress',
          displayName: (codeName) => customFieldDisplayName(state, codeName),
        }),
  );
  return xml(200, renderSessionList(elements, namespace));
}

function accessSessionListing(state: PraState, params: URLSearchParams, namespace: string): SimResponse {
  const query = parseReportQuery(params, false);
  if ('error' in query) return xmlErrorReply(200, namespace, query.error);
  const selected = visibleSessions(state, query);
  if (selected.length === 0) return noData();
  const entries = selected.map(({ session }) => ({
    lsid: session.lsid,
    externalKey: state.knobs.listingExternalKey ? session.externalKey : '',
    hasRecording: session.recording !== null && !session.recording.expired,
  }));
  return xml(200, renderListing(entries, namespace));
}

/** The start of each container the simulator can produce: an MP4 `ftyp` box, a WebM EBML header. */
const CONTAINER_HEADERS: Record<'mp4' | 'webm', Buffer> = {
  mp4: Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'),
  webm: Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102', 'hex'),
};

/** Deterministic stand-in bytes for a recording of the given size, starting with its container's header (cut to the size). */
function recordingBytes(session: SessionRecord, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  if (size > 0) buffer.fill(createHash('sha256').update(session.lsid).digest());
  const container = session.recording?.container;
  if (container) CONTAINER_HEADERS[container].copy(buffer, 0, 0, Math.min(size, CONTAINER_HEADERS[container].length));
  return buffer;
}

function accessSessionRecording(state: PraState, params: URLSearchParams, namespace: string): SimResponse {
  const lsid = params.get('lsid');
  if (!lsid) return xmlErrorReply(200, namespace, 'lsid is required.');
  const [visible] = visibleSessions(state, { kind: 'lsids', lsids: [lsid] });
  if (!visible) return noData();
  const { session, status } = visible;
  if (status !== 'closed') return xmlErrorReply(200, namespace, 'The recording is not available until the session has ended.');
  if (!session.recording) return xmlErrorReply(200, namespace, 'This session has no recording.');
  if (session.recording.expired) return xmlErrorReply(200, namespace, RECORDING_EXPIRED_MESSAGE);
  return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: recordingBytes(session, session.recording.size) };
}

function handleReporting(state: PraState, req: SimRequest): SimResponse {
  const { account, params, namespace } = openXmlApi(state, req, 'reporting');
  if (!account.permissions.reporting) {
    return xmlErrorReply(403, namespace, 'This API account is not allowed to access session reports and recordings.');
  }
  const report = params.get('generate_report');
  switch (report) {
    case 'AccessSession':
      return accessSession(state, params, namespace);
    case 'AccessSessionListing':
      return accessSessionListing(state, params, namespace);
    case 'AccessSessionRecording':
      return accessSessionRecording(state, params, namespace);
    case null:
      return xmlErrorReply(200, namespace, 'generate_report is required.');
    default:
      return xmlErrorReply(200, namespace, `Unsupported report type: ${report}`);
  }
}

export function registerReportingRoutes(router: Router, state: PraState): void {
  router.on(['GET', 'POST'], '/api/reporting', (req) => handleReporting(state, req));
}
