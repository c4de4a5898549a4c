/** The simulator's in-memory data: what a PRA appliance knows about accounts, users, Jump Items and sessions. */

export type CommandPermission = 'full_access' | 'read_only' | 'deny';

/** API account permissions (get_api_info reports them as `perm_*` attributes). */
export interface ApiPermissions {
  command: CommandPermission;
  reporting: boolean;
  configuration: boolean;
  backup: boolean;
  configurationVaultAccount: boolean;
  ecm: boolean;
  reportingLicense: boolean;
  reportingVault: boolean;
  vaultBackup: boolean;
  scim: boolean;
}

export interface ApiAccount {
  id: number;
  name: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
  permissions: ApiPermissions;
  /** Token requests that presented this account's valid credentials. */
  tokenRequests: number;
}

export interface AccessToken {
  token: string;
  accountId: number;
  issuedAt: number;
  expiresAt: number;
}

/** A PRA user (access console user, "representative" in reports). */
export interface PraUser {
  id: number;
  username: string;
  displayName: string;
  publicDisplayName: string;
  privateDisplayName: string;
  email: string;
  /** Console address as reports show it: `ip:port` or `[ipv6]:port`. */
  publicIp: string;
  privateIp: string;
  hostname: string | null;
  os: string;
}

export type JumpGroupType = 'shared' | 'personal';

export interface JumpGroup {
  id: number;
  name: string;
  codeName: string;
  type: JumpGroupType;
  comments: string;
}

export interface Jumpoint {
  id: number;
  name: string;
  codeName: string;
  comments: string;
}

/** Config API path segment of each Jump Item type; `jump-client` items are pinned Jump Clients. */
export const JUMP_ITEM_TYPES = [
  'remote-rdp',
  'remote-vnc',
  'shell-jump',
  'protocol-tunnel-jump',
  'web-jump',
  'local-jump',
  'remote-jump',
  'jump-client',
] as const;
export type JumpItemType = (typeof JUMP_ITEM_TYPES)[number];

export interface JumpItem {
  id: number;
  type: JumpItemType;
  name: string;
  hostname: string;
  comments: string;
  tag: string;
  jumpGroupId: number;
  jumpointId: number | null;
  jumpPolicyId: number | null;
  sessionPolicyId: number | null;
  /** Jump Clients report these; client_script `client.public_ip`/`client.private_ip` match them. */
  publicIp: string;
  privateIp: string;
  os: string;
  /** The Jump Policy requires a ticket ID: sessions start only after the ticket system allowed the user. */
  ticketIdRequired: boolean;
  /** Type-specific Config API fields (e.g. `rdp_username`, `protocol`, `port`). */
  settings: Record<string, string | number | boolean>;
}

export interface CustomField {
  codeName: string;
  displayName: string;
}

export type ActorType = 'system' | 'customer' | 'representative';

export interface Actor {
  type: ActorType;
  gsnumber: number;
  name: string;
}

export interface FileEntry {
  filename: string;
  filesize: number;
}

export interface DataValue {
  name: string;
  value: string;
}

export interface SystemInfoCategory {
  name: string;
  /** Column headers: `<description><field name="…">label</field>`. */
  fields: { name: string; label: string }[];
  /** Rows: `<data><row><field name="…">value</field>`. */
  rows: Record<string, string>[];
}

export interface SessionEvent {
  timestamp: number;
  eventType: string;
  performedBy: Actor | null;
  destination: Actor | null;
  body: string | null;
  filename: string | null;
  filesize: number | null;
  files: FileEntry[];
  data: DataValue[];
  systemInformation: SystemInfoCategory[];
}

/** The endpoint side of a session (`customer_list/customer`). */
export interface SessionCustomer {
  gsnumber: number;
  username: string;
  publicIp: string;
  privateIp: string;
  hostname: string;
  os: string;
}

export interface SessionRep {
  gsnumber: number;
  userId: number;
  username: string;
  displayName: string;
  publicDisplayName: string;
  privateDisplayName: string;
  publicIp: string;
  privateIp: string;
  hostname: string | null;
  os: string;
  owner: boolean;
  invited: boolean;
  joinedAt: number;
  leftAt: number | null;
  /** Fixed value for `seconds_involved`; null = computed from join/leave times. */
  secondsInvolved: number | null;
}

/** The Jump Item as the session remembers it (reports carry names, not the Jump Item ID). */
export interface SessionJumpItem {
  id: number | null;
  name: string;
  hostname: string;
  jumpGroup: { id: number; type: JumpGroupType; name: string };
  jumpoint: { id: number; name: string } | null;
}

export interface SessionRecording {
  /** Size in bytes of the AccessSessionRecording download. */
  size: number;
  expired: boolean;
  /** The container header the bytes start with; absent = filler. */
  container?: 'mp4' | 'webm';
}

export interface SessionRecord {
  lsid: string;
  lseq: number;
  startTime: number;
  /** Unix seconds; null while the session is active. */
  endTime: number | null;
  /** Simulator clock (ms) when the session was ended; drives the report-lag knob. */
  endedAtMs: number | null;
  externalKey: string;
  /** Custom attributes other than the external key, by code name. */
  customAttributes: Record<string, string>;
  jumpItem: SessionJumpItem;
  customer: SessionCustomer;
  reps: SessionRep[];
  primaryRepGsnumber: number;
  events: SessionEvent[];
  /** Number of events before the ones added by ending the session (hidden while the report lags). */
  eventsBeforeEnd: number | null;
  recording: SessionRecording | null;
  /** The 40-hex `h=` part of the session download URLs. */
  urlHash: string;
  /** A session imported from a raw AccessSession document is served back verbatim. */
  rawXml: string | null;
  /**
   * AccessSession fetches still to be answered as "in progress" (empty end_time) although the session has
   * ended; -1 = until `completeSession`. Absent or 0 = served as it is.
   */
  inProgressFetchesLeft?: number;
  nextGsnumber: number;
}

export const OUTBOUND_EVENTS = [
  'support_conference_begin',
  'support_conference_end',
  'support_conference_member_added',
  'support_conference_member_departed',
  'support_conference_owner_changed',
] as const;
export type OutboundEventName = (typeof OUTBOUND_EVENTS)[number];

export interface QueuedOutboundEvent {
  id: string;
  event: OutboundEventName;
  lsid: string;
  /** The form fields, in the order they are sent. */
  fields: [string, string][];
  enqueuedAt: number;
  attempts: number;
}

export interface DeliveryAttempt {
  eventId: string;
  event: OutboundEventName;
  lsid: string;
  attempt: number;
  at: number;
  durationMs: number;
  /** HTTP status, or null when no answer arrived (timeout, connection error). */
  status: number | null;
  error: string | null;
  delivered: boolean;
}

export interface OutboundRecipient {
  id: string;
  name: string;
  url: string;
  events: OutboundEventName[];
  enabled: boolean;
  queue: QueuedOutboundEvent[];
  log: DeliveryAttempt[];
}

export interface TicketSystemConfig {
  /** The ticket system URL of the Jump Policies page; null = not configured (requests are denied). */
  url: string | null;
  timeoutMs: number;
}

/** What the PRA user sees after entering a ticket ID. */
export interface TicketOutcome {
  allowed: boolean;
  /** Shown to the user on denial; null when allowed. */
  message: string | null;
  customAttributes: Record<string, string>;
  /** HTTP status of the ticket system's answer; null when none arrived. */
  httpStatus: number | null;
  elapsedMs: number;
}

export interface TicketLogEntry {
  id: string;
  at: number;
  ticketId: string;
  username: string;
  jumpItemId: number;
  url: string | null;
  request: unknown;
  responseBody: string | null;
  outcome: TicketOutcome;
}

export interface ClientScriptRequest {
  id: string;
  at: number;
  type: string;
  operation: string;
  action: string;
  /** Every query parameter, decoded (the last one wins when repeated). */
  params: Record<string, string>;
  /** `session.custom.*` parameters by code name (including `external_key`). */
  customAttributes: Record<string, string>;
  /** IDs of the Jump Items the request's search matches. */
  matches: number[];
  /** lsid of the session started from this request, once started. */
  sessionLsid: string | null;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** The parameters, URL-encoded: the query string's, then a form-encoded body's (never `client_secret`). */
  query: string;
  status: number;
  /** The API account behind the bearer token or Basic credentials, when known. */
  clientId: string | null;
  /** `action` of a command request or `generate_report` of a reporting request. */
  operation: string | null;
}

export interface RequestCounters {
  total: number;
  byPath: Record<string, number>;
  byCommandAction: Record<string, number>;
  byReportType: Record<string, number>;
}
