/**
 * The data the configuration page exchanges with the app's `config-page` resolver. The answers are the
 * resolver contract's (src/resolvers/configContract.ts: one zod schema per function, shared with the
 * resolver): the types below are derived from it, or checked against it at compile time, so the page
 * and the resolver cannot drift apart.
 */
import type { ConfigFunction, ConfigSuccess } from '../../../src/resolvers/configContract';
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

/** What an invalid configuration is wrong about (the advice shown depends on it). */
export type ValidationCause = 'missing' | 'egress' | 'unreachable' | 'credentials' | 'api' | 'permissions' | 'assetField' | 'assetsRole' | 'changeWindowFields' | 'unexpected';

export type Validation = {
  status: ValidationStatus;
  message: string;
  /** Set when invalid. */
  cause?: ValidationCause;
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
  /**
   * The last connection that validated, which the integration uses; `isSaved` is false while the saved
   * Host Name, Client ID or Client Secret have not validated. Null until a connection has validated.
   */
  connectionInUse?: { hostName: string; clientId: string; validatedAt: string; isSaved: boolean } | null;
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

export type { UrlKind } from '../../../src/resolvers/configContract';

/** The success fields of a resolver function, as its contract defines them. */
type ContractFields<F extends ConfigFunction> = Omit<ConfigSuccess<F>, 'ok'>;
/** Compile-time proof that two types are the same (fails to compile otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

// The page's own names for the answers are exactly the contract's.
export type ContractCheck1 = Assert<Same<ImportActivity, ContractFields<'listImportActivity'>>>;
export type ContractCheck2 = Assert<Same<ActionDone, ContractFields<'retryImport'>>>;
export type ContractCheck3 = Assert<Same<ActionDone, ContractFields<'reimportSession'>>>;
export type ContractCheck4 = Assert<Same<DecisionPage, ContractFields<'listApprovalDecisions'>>>;
export type ContractCheck5 = Assert<Same<{ health: Health }, ContractFields<'getHealth'>>>;
// The page's ConfigView is what the contract's view answers carry (the backend's may hold more).
export type ContractCheck6 = Assert<ContractFields<'getConfiguration'> extends { view: ConfigView } ? true : false>;
export type ContractCheck7 = Assert<ContractFields<'saveConfiguration'> extends { view: ConfigView } ? true : false>;
