/** The PRA simulator's control API (/pra/__sim, docs/pra-simulator.md), which the simulated consoles drive. */
import { getJson, postJson, requestJson } from '../shared/http';

export interface PraUser {
  id: number;
  username: string;
  displayName: string;
  email: string;
}

export interface JumpItem {
  id: number;
  name: string;
  hostname: string;
  type: string;
  os: string;
  ticketIdRequired: boolean;
}

export interface JumpRequest {
  id: string;
  at: number;
  type: string;
  action: string;
  params: Record<string, string>;
  customAttributes: Record<string, string>;
  matches: number[];
  sessionLsid: string | null;
}

export interface SessionEvent {
  timestamp: number;
  eventType: string;
  performedBy: { type: string; name: string } | null;
  destination: { type: string; name: string } | null;
  body: string | null;
  filename: string | null;
  filesize: number | null;
}

export interface Session {
  lsid: string;
  startTime: number;
  endTime: number | null;
  externalKey: string;
  jumpItem: { id: number | null; name: string; hostname: string };
  customer: { hostname: string; os: string; privateIp: string };
  reps: Array<{ username: string; displayName: string }>;
  events: SessionEvent[];
  recording: { size: number } | null;
}

export interface SessionSummary {
  lsid: string;
  active: boolean;
  externalKey: string;
  jumpItem: string;
  primaryRep: string;
  startTime: number;
}

export interface TicketOutcome {
  allowed: boolean;
  message: string | null;
  customAttributes: Record<string, string>;
  httpStatus: number | null;
  elapsedMs: number;
}

export interface EventInput {
  eventType: string;
  performedBy?: string;
  destination?: string;
  body?: string;
  filename?: string;
  filesize?: number;
  data?: Record<string, string | number>;
  systemInformation?: Array<{ name: string; fields: Array<{ name: string; label: string }>; rows: Array<Record<string, string>> }>;
}

const sim = (path: string) => `/pra/__sim${path}`;

export const praApi = {
  users: () => getJson<PraUser[]>(sim('/users')),
  jumpItems: () => getJson<JumpItem[]>(sim('/jump-items')),
  jumpRequests: () => getJson<JumpRequest[]>(sim('/client-script/requests')),
  sessions: () => getJson<SessionSummary[]>(sim('/sessions')),
  session: (lsid: string) => getJson<Session>(sim(`/sessions/${lsid}`)),
  startFromJump: (id: string, user: string, jumpItemId?: number) => postJson<Session>(sim(`/client-script/requests/${encodeURIComponent(id)}/start-session`), { user, jumpItemId }),
  startOnJumpItem: (jumpItemId: number, user: string) => postJson<Session>(sim('/sessions'), { jumpItem: { id: jumpItemId }, rep: user }),
  setRecording: (lsid: string, size: number) => requestJson<Session>(sim(`/sessions/${lsid}`), { method: 'PATCH', body: JSON.stringify({ recording: { size } }) }),
  addEvents: (lsid: string, events: EventInput[]) => postJson<Session>(sim(`/sessions/${lsid}/events`), { events }),
  end: (lsid: string) => postJson<Session>(sim(`/sessions/${lsid}/end`), {}),
  requestTicket: (ticketId: string, user: string, jumpItemId: number) => postJson<TicketOutcome>(sim('/ticket-system/requests'), { ticketId, user, jumpItem: { id: jumpItemId } }),
};
