/**
 * The data the configuration page exchanges with the app's `config-page` resolver.
 * Mirrors the resolver contract documented in `docs/config-page.md`. The shapes of the activity and
 * health answers are the backend's own types, imported as types only (no runtime code, no Forge imports
 * reach the page's bundle).
 */
import type { ApprovalRecord } from '../../../src/approval/audit';
import type { Health } from '../../../src/health/health';
import type { ImportSummary } from '../../../src/import/activity';
import type { LoggedEvent } from '../../../src/import/eventLog';

export type { ApprovalRecord, Health, ImportSummary, LoggedEvent };

export type Settings = {
  /** "Enable Integration": master switch. */
  enabled: boolean;
  /** "Host Name": the PRA appliance host name, without protocol (e.g. pra.yourcompany.com). */
  hostName: string;
  /** "Client ID": OAuth client ID of the PRA API account. */
  clientId: string;
  /** "Asset Field Name": the Jira field holding the asset (e.g. Assets, Asset Name). */
  assetFieldName: string;
  /** "Use Web Rep Console for Jump To". */
  useWebConsole: boolean;
  /** "Auto Associate With User". */
  autoAssociateUser: boolean;
  /** "Events to Exclude": PRA session event types that are not imported. */
  excludedEventTypes: string[];
  /** "Attach session recordings". */
  attachRecordings: boolean;
  /** "Largest recording to attach (MB)", 1..1024. */
  recordingMaxMb: number;
  /** "Require asset match for endpoint approval". */
  requireAssetMatch: boolean;
  /** "Add a comment to the ticket for each approval decision". */
  commentOnApproval: boolean;
  /** "Statuses that count as inactive". */
  inactiveStatusNames: string[];
  /** "Resolutions that count as inactive". */
  inactiveResolutionNames: string[];
  /** "Require change window" (issue 15): covered tickets are approved only within their planned window. */
  requireChangeWindow: boolean;
  /** "Planned start field" / "Planned end field": empty = Planned start/end, else Change start date/completion date. */
  changeWindowStartField: string;
  changeWindowEndField: string;
  /** "Issue types with a change window". */
  changeWindowIssueTypes: string[];
  /** "Grace period (minutes)", 0..1440. */
  changeWindowGraceMinutes: number;
  /** "Statuses in which access is allowed"; empty = any active status. */
  changeWindowStatuses: string[];
};

export type ValidationStatus = 'valid' | 'invalid' | 'unchecked';

export type Validation = {
  status: ValidationStatus;
  message: string;
  /** ISO-8601 time of the check. */
  checkedAt?: string;
  details?: string[];
};

export type IntegrationUrls = {
  outboundEventUrl: string;
  endpointApprovalUrl: string;
};

export type ConfigView = {
  settings: Settings;
  /** Whether a client secret is stored; the secret itself never reaches the browser. */
  clientSecretSet: boolean;
  /** PRA session event types offered in "Events to Exclude". */
  eventTypeOptions: string[];
  validation: Validation;
  /** Null until the configuration has been saved once. */
  urls: IntegrationUrls | null;
  /** Suggested PRA custom link, e.g. https://<site>.atlassian.net/browse/%SESSION.CUSTOM.EXTERNAL_KEY% */
  customLinkUrl: string;
};

/** Field names the server (and the page) can attach an error message to. */
export type FieldName = keyof Settings | 'clientSecret';

export type FieldErrors = Partial<Record<string, string>>;

export type ApiError = { code: string; message: string };

export type ApiFailure = { ok: false; error: ApiError; fieldErrors?: FieldErrors };

/** A resolver's answer: its fields on success, or the failure. */
export type Result<T extends object> = ({ ok: true } & T) | ApiFailure;

export type ViewResult = Result<{ view: ConfigView }>;

/** `listImportActivity`: the newest imports and the outbound events that were not imported. */
export type ImportActivity = { imports: ImportSummary[]; events: LoggedEvent[] };

/** `retryImport`, `reimportSession`: what was done, in a sentence. */
export type ActionDone = { message: string };

/** `listApprovalDecisions`: one page of endpoint-approval decisions, newest first. */
export type DecisionPage = { decisions: ApprovalRecord[]; nextCursor?: string };

export type UrlKind = 'outboundEvent' | 'endpointApproval';
