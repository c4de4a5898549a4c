/**
 * What the Jump to Asset resolver answers the dialog (`invoke('getJumpInfo')`). Types only: the dialog
 * (UI Kit) imports them with `import type`, so nothing of the backend reaches the frontend bundle.
 */

/** "Use Web Rep Console for Jump To" on: `web`; off: `desktop` (a BRCS session file for the Access Console). */
export type JumpMode = 'web' | 'desktop';

/** A Jump Item the PRA Configuration API lists for an asset. */
export interface JumpItemSummary {
  id: number | string;
  name: string;
  hostname: string;
  /** Configuration API type (`remote-rdp`, `shell-jump`, …, `jump-client`). */
  type: string;
}

export interface JumpAsset {
  /** The name the Jump searches for: the text field's value or the Assets object's label. */
  name: string;
  source: 'text' | 'assets';
  /** Assets objects only. */
  objectKey?: string;
  objectType?: string;
  /** The PRA client-scripting URL; absent when `problem` says why no link could be built. */
  jumpUrl?: string;
  problem?: string;
  /**
   * Jump Items named, or with the host name, `name`. Absent when they could not be listed (no
   * Configuration API permission, an error, or no answer in time): the dialog then leaves the part out.
   */
  jumpItems?: JumpItemSummary[];
  /** More Jump Items matched than `jumpItems` holds. */
  jumpItemsTruncated?: boolean;
  /**
   * PRA was asked for the Jump Items and could not say (unreachable, wrong credentials, no Configuration
   * API access, no answer in time): the dialog says so, and that the Jump link still works.
   */
  jumpItemsUnavailable?: boolean;
}

export interface JumpInfo {
  /** The issue key as Jira returned it: the session's external key. */
  issueKey: string;
  summary?: string;
  /** The configured Asset Field Name. */
  fieldName: string;
  /** At least one. */
  assets: JumpAsset[];
  /** The PRA appliance host name. */
  appliance: string;
  mode: JumpMode;
}

export type JumpErrorCode =
  | 'DISABLED' // the integration is switched off
  | 'NOT_CONFIGURED' // never saved, or the Host Name / Asset Field Name is missing
  | 'NOT_FOUND' // the issue does not exist or the user cannot view it
  | 'FIELD_MISSING' // the configured field is not on this issue
  | 'FIELD_EMPTY' // the field is on the issue but has no asset
  | 'FIELD_UNSUPPORTED' // the field's value is not text or Assets objects
  | 'ASSETS_UNAVAILABLE' // Assets objects are referenced but none could be read
  | 'ERROR'; // anything else (Jira unavailable, no issue context, …)

export interface JumpError {
  code: JumpErrorCode;
  message: string;
}

export type JumpInfoResult = { ok: true; info: JumpInfo } | { ok: false; error: JumpError };
