/** The AccessSession report as a plain model (pra-appliance-api.md §6.4): what the reader produces. Types only. */

export interface Party {
  type?: string;
  gsnumber?: string;
  name: string;
}

export interface SystemInfoCategory {
  name: string;
  /** Column keys (the fields' names) with their labels (the header text, else the name). */
  columns: Array<{ key: string; label: string }>;
  rows: Array<Record<string, string>>;
}

export interface SessionEvent {
  /** Unix seconds. */
  timestamp: number;
  type: string;
  performedBy?: Party;
  destination?: Party;
  body?: string;
  filename?: string;
  filesize?: number;
  files: Array<{ filename: string; filesize?: number }>;
  data: Record<string, string>;
  systemInformation: SystemInfoCategory[];
}

export interface Representative {
  gsnumber?: string;
  id?: string;
  username?: string;
  displayName?: string;
  publicDisplayName?: string;
  privateDisplayName?: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
  owner: boolean;
  secondsInvolved?: number;
  invited: boolean;
}

export interface Endpoint {
  gsnumber?: string;
  username?: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
}

export interface SessionReport {
  lsid: string;
  sessionType?: string;
  lseq?: string;
  /** Unix seconds; undefined when absent. */
  startTime?: number;
  /** Unix seconds; undefined while the session is in progress (empty end_time). */
  endTime?: number;
  duration?: string;
  externalKey?: string;
  customAttributes: Array<{ displayName?: string; codeName?: string; value: string }>;
  chatViewUrl?: string;
  chatDownloadUrl?: string;
  recordingViewUrl?: string;
  recordingDownloadUrl?: string;
  commandShellRecordings: Array<{ instance?: string; viewUrl?: string; downloadUrl?: string }>;
  fileTransferCount?: number;
  fileMoveCount?: number;
  fileDeleteCount?: number;
  jumpItem?: string;
  jumpGroup?: { name: string; type?: string; id?: string };
  jumpoint?: { name: string; id?: string };
  primaryRep?: { name: string; id?: string; gsnumber?: string };
  endpoints: Endpoint[];
  representatives: Representative[];
  events: SessionEvent[];
}
