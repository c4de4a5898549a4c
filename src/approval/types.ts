/** The outcome of one endpoint-approval request, as decided, audited, answered and commented. */
import type { MatchBasis } from '../jira/identity';
import type { WindowSummary } from '../changeWindow/windowRules';

/** The change window a decision was checked against (covered tickets only). */
export interface DecisionWindow extends WindowSummary {
  /** When the window was checked (the app's now), ISO-8601 UTC. */
  checkedAt: string;
  /** Whether that moment was inside [start − grace, end + grace]. */
  inside: boolean;
}

export type DenialReason =
  | 'missing-ticket'
  | 'malformed-ticket'
  | 'disabled'
  | 'not-found'
  | 'inactive'
  | 'unassigned'
  | 'user-mismatch'
  | 'no-jump-item'
  | 'no-asset-on-ticket'
  | 'asset-field-unusable'
  /** The ticket's Assets objects could not be read: the app has no Assets role (Assets answered 403). */
  | 'assets-no-access'
  | 'asset-mismatch'
  | 'change-window-fields-unusable'
  | 'change-window-missing'
  | 'change-window-reversed'
  | 'outside-change-window'
  | 'change-status-not-allowed'
  | 'bad-request'
  | 'unavailable';

export type DecisionReason = 'approved' | DenialReason;

export interface Decision {
  approved: boolean;
  reason: DecisionReason;
  /** Exactly what the PRA user sees. */
  message: string;
  /** The normalised key the user typed, when it was a key. */
  ticketKey?: string;
  /** The issue's key as Jira returned it (differs from ticketKey when the issue was moved). */
  issueKey?: string;
  /** On approval: the session's `external_key`. */
  externalKey?: string;
  /** How the PRA user matched the assignee. */
  matchedBy?: MatchBasis;
  /** The ticket's asset the Jump Item matched. */
  matchedAsset?: string;
  /** The ticket's change window, when the ticket is of a covered type and has a readable window. */
  changeWindow?: DecisionWindow;
  /** Jira requests sent for this decision, and how many of them had to wait for an earlier one. */
  jiraRequests: number;
  jiraRounds: number;
}
