/** The PRA simulator's control API (/pra/__sim, docs/pra-simulator.md), which the simulated consoles drive. */
import { getJson, postJson, requestJson } from '../shared/http';

// The simulator's own types: the console reads exactly what its control API returns.
import type { ClientScriptRequest as JumpRequest, JumpItem, PraUser, SessionEvent, SessionRecord as Session, TicketOutcome } from '../../../pra-simulator/model';
import type { SessionSummary } from '../../../pra-simulator/sessions';
import type { EventInput } from '../../../pra-simulator/sessionEvents';

export type { EventInput, JumpItem, JumpRequest, PraUser, Session, SessionEvent, SessionSummary, TicketOutcome };

const sim = (path: string) => `/pra/__sim${path}`;

export const praApi = {
  users: () => getJson<PraUser[]>(sim('/users')),
  jumpItems: () => getJson<JumpItem[]>(sim('/jump-items')),
  jumpRequests: () => getJson<JumpRequest[]>(sim('/client-script/requests')),
  sessions: () => getJson<SessionSummary[]>(sim('/sessions')),
  session: (lsid: string) => getJson<Session>(sim(`/sessions/${lsid}`)),
  startFromJump: (id: string, user: string, jumpItemId?: number) => postJson<Session>(sim(`/client-script/requests/${encodeURIComponent(id)}/start-session`), { user, jumpItemId }),
  startOnJumpItem: (jumpItemId: number, user: string) => postJson<Session>(sim('/sessions'), { jumpItem: { id: jumpItemId }, rep: user }),
  /** A recording whose bytes start like an MP4 file, as a real appliance's would (so the import names it .mp4). */
  setRecording: (lsid: string, size: number) => requestJson<Session>(sim(`/sessions/${lsid}`), { method: 'PATCH', body: JSON.stringify({ recording: { size, container: 'mp4' } }) }),
  addEvents: (lsid: string, events: EventInput[]) => postJson<Session>(sim(`/sessions/${lsid}/events`), { events }),
  end: (lsid: string) => postJson<Session>(sim(`/sessions/${lsid}/end`), {}),
  requestTicket: (ticketId: string, user: string, jumpItemId: number) => postJson<TicketOutcome>(sim('/ticket-system/requests'), { ticketId, user, jumpItem: { id: jumpItemId } }),
};
