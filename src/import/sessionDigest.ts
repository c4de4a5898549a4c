/**
 * What the comments need from a session, gathered one event at a time while the report streams by, in memory
 * that does not grow with the session: counts by type, the first and last events and chat messages, the notes
 * up to a budget, file-transfer counts and first rows, and per system-information category a summary and the
 * rows of its first retrieval. Everything else goes only to the attached files. Pure: no I/O.
 */
import type { SessionEvent, SystemInfoCategory } from './sessionReport';
import { clip } from '../shared/format';
import { eventLine } from './eventLine';

/** How much of each list is kept (the renderer then shows what its share of the ten comments allows). */
export const DIGEST_LIMITS = {
  firstEvents: 60,
  lastEvents: 60,
  firstChat: 40,
  lastChat: 40,
  /** Characters of note text kept, oldest first. */
  noteChars: 120_000,
  fileRows: 80,
  /** Event types counted one by one; further types are counted together. */
  eventTypes: 200,
  systemCategories: 40,
  systemRowsPerCategory: 60,
  /** Characters of one chat message or note kept for a comment. */
  itemChars: 2_000,
  /** Lines of one chat message or note a comment shows; further lines run on (the files have them all). */
  itemLines: 40,
};

export interface ChatItem {
  timestamp: number;
  from: string;
  to?: string;
  text: string;
}

export interface NoteItem {
  timestamp: number;
  by: string;
  text: string;
}

export interface FileRow {
  timestamp: number;
  action: string;
  filename: string;
  size?: number;
  by: string;
}

export interface SystemCategorySummary {
  name: string;
  retrievals: number;
  rows: number;
  firstAt: number;
  lastAt: number;
  /** Column labels and up to `systemRowsPerCategory` rows of the first retrieval. */
  columns: string[];
  sample: string[][];
}

export const FILE_EVENT_LABELS: Record<string, string> = {
  'File Upload': 'Upload to endpoint',
  'File Download': 'Download from endpoint',
  'File Upload Failed': 'Upload failed',
  'File Download Failed': 'Download failed',
  'File Moved': 'Moved',
  'File Deleted': 'Deleted',
  'Directory Created': 'Directory created',
  'Files Shared': 'Files shared',
};

export const OTHER_EVENT_TYPES = '(other event types)';

/** A fixed-size window of the newest items. */
class Tail<T> {
  private items: T[] = [];
  private start = 0;
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.size;
    }
  }
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

const who = (party: { name: string } | undefined) => party?.name || 'system';

export class SessionDigest {
  events = 0;
  chat = 0;
  notes = 0;
  fileOps = 0;
  /** Some kept text was cut to `itemChars`. */
  clipped = false;
  readonly eventTypes = new Map<string, number>();
  readonly firstEvents: string[] = [];
  private readonly lastEventsTail = new Tail<{ index: number; line: string }>(DIGEST_LIMITS.lastEvents);
  readonly firstChat: ChatItem[] = [];
  private readonly lastChatTail = new Tail<{ index: number; item: ChatItem }>(DIGEST_LIMITS.lastChat);
  readonly keptNotes: NoteItem[] = [];
  private noteChars = 0;
  readonly fileStats = new Map<string, { count: number; bytes: number }>();
  readonly fileRows: FileRow[] = [];
  readonly system = new Map<string, SystemCategorySummary>();
  systemCategoriesDropped = 0;

  constructor(private readonly excluded: ReadonlySet<string>) {}

  /** Whether an event type is left out by the settings (and so from comments and files alike). */
  isExcluded(type: string): boolean {
    return this.excluded.has(type);
  }

  private take(text: string): string {
    const { text: kept, clipped } = clip(text, DIGEST_LIMITS.itemChars);
    if (clipped || (kept.match(/\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/g)?.length ?? 0) >= DIGEST_LIMITS.itemLines) this.clipped = true;
    return kept;
  }

  add(e: SessionEvent): void {
    if (this.excluded.has(e.type)) return;
    const index = this.events;
    this.events += 1;
    const typeKey = this.eventTypes.has(e.type) || this.eventTypes.size < DIGEST_LIMITS.eventTypes ? e.type : OTHER_EVENT_TYPES;
    this.eventTypes.set(typeKey, (this.eventTypes.get(typeKey) ?? 0) + 1);
    const line = eventLine(e);
    if (this.firstEvents.length < DIGEST_LIMITS.firstEvents) this.firstEvents.push(line);
    else this.lastEventsTail.push({ index, line });

    if (e.type === 'Chat Message' && e.body) {
      const chatIndex = this.chat;
      this.chat += 1;
      const item: ChatItem = { timestamp: e.timestamp, from: who(e.performedBy), to: e.destination?.name || undefined, text: this.take(e.body) };
      if (this.firstChat.length < DIGEST_LIMITS.firstChat) this.firstChat.push(item);
      else this.lastChatTail.push({ index: chatIndex, item });
    } else if (e.type === 'Session Note Added' && e.body) {
      this.notes += 1;
      if (this.noteChars < DIGEST_LIMITS.noteChars) {
        const text = this.take(e.body);
        this.noteChars += text.length;
        this.keptNotes.push({ timestamp: e.timestamp, by: who(e.performedBy), text });
      }
    }

    const action = FILE_EVENT_LABELS[e.type];
    if (action) {
      const files = e.files.length
        ? e.files
        : [{ filename: e.type === 'File Moved' && e.data.old_path ? `${e.data.old_path} → ${e.data.new_path ?? '?'}` : (e.filename ?? e.data.path ?? ''), filesize: e.filesize }];
      for (const f of files) {
        this.fileOps += 1;
        const stats = this.fileStats.get(action) ?? { count: 0, bytes: 0 };
        stats.count += 1;
        stats.bytes += f.filesize !== undefined && Number.isFinite(f.filesize) ? f.filesize : 0;
        this.fileStats.set(action, stats);
        if (this.fileRows.length < DIGEST_LIMITS.fileRows) {
          this.fileRows.push({ timestamp: e.timestamp, action, filename: clip(f.filename || '(no name)', 1000).text, size: f.filesize, by: who(e.performedBy) });
        }
      }
    }

    if (e.type === 'System Information Retrieved') for (const category of e.systemInformation) this.addCategory(category, e.timestamp);
  }

  private addCategory(category: SystemInfoCategory, at: number): void {
    const name = clip(category.name || '(unnamed)', 200).text;
    const known = this.system.get(name);
    if (known) {
      known.retrievals += 1;
      known.rows += category.rows.length;
      known.lastAt = at;
      return;
    }
    if (this.system.size >= DIGEST_LIMITS.systemCategories) {
      this.systemCategoriesDropped += 1;
      return;
    }
    const columns = category.columns.length
      ? category.columns
      : [...new Set(category.rows.slice(0, DIGEST_LIMITS.systemRowsPerCategory).flatMap((row) => Object.keys(row)))].map((key) => ({ key, label: key }));
    this.system.set(name, {
      name,
      retrievals: 1,
      rows: category.rows.length,
      firstAt: at,
      lastAt: at,
      columns: columns.slice(0, 12).map((c) => clip(c.label, 200).text),
      sample: category.rows.slice(0, DIGEST_LIMITS.systemRowsPerCategory).map((row) => columns.slice(0, 12).map((c) => clip(row[c.key] ?? '', 500).text)),
    });
  }

  /** The newest events not among the first ones, oldest first, with their position in the session. */
  lastEvents(): Array<{ index: number; line: string }> {
    return this.lastEventsTail.toArray();
  }

  lastChat(): Array<{ index: number; item: ChatItem }> {
    return this.lastChatTail.toArray();
  }
}
