/**
 * The exactly-once write protocol over an in-memory ledger and an in-memory ticket that can lose answers:
 * whatever is interrupted, every part and file ends up on the ticket exactly once.
 */
import { describe, expect, it } from '@jest/globals';
import { planOnce, writePlanned, type PlannedUpload, type ProgressStore, type TicketWriter } from '../../../src/import/importProgress';
import { newRecord, type ImportRecord } from '../../../src/import/ledger';
import { doc, paragraph, plain, type AdfDoc } from '../../../src/jira/adf';

class MemoryLedger implements ProgressStore {
  saved: ImportRecord[] = [];
  async save(record: ImportRecord): Promise<ImportRecord> {
    const copy = JSON.parse(JSON.stringify(record)) as ImportRecord;
    this.saved.push(copy);
    return copy;
  }
  get latest(): ImportRecord {
    return this.saved[this.saved.length - 1]!;
  }
}

/** A ticket that stores writes; `loseNext` makes the next write land but its answer never arrive. */
class MemoryTicket implements TicketWriter {
  comments: Array<{ id: string; part: number }> = [];
  files: Array<{ id: string; filename: string; created: number }> = [];
  requests: string[] = [];
  loseNext: 'comment' | 'file' | undefined;
  private ids = 0;
  async postComment(part: number): Promise<string> {
    this.requests.push(`post ${part}`);
    const id = String(++this.ids);
    this.comments.push({ id, part });
    if (this.loseNext === 'comment') {
      this.loseNext = undefined;
      throw new Error('socket hang up');
    }
    return id;
  }
  async findComment(part: number): Promise<string | undefined> {
    this.requests.push(`find comment ${part}`);
    return this.comments.find((c) => c.part === part)?.id;
  }
  async uploadFile(filename: string): Promise<string> {
    this.requests.push(`upload ${filename}`);
    const id = String(++this.ids);
    this.files.push({ id, filename, created: Date.now() });
    if (this.loseNext === 'file') {
      this.loseNext = undefined;
      throw new Error('socket hang up');
    }
    return id;
  }
  async findFile(filename: string, since: number): Promise<string | undefined> {
    this.requests.push(`find file ${filename}`);
    return this.files.find((f) => f.filename === filename && f.created >= since)?.id;
  }
}

const parts: AdfDoc[] = [1, 2, 3].map((k) => doc([paragraph(plain(`part ${k}`))]));
const uploads = (made: string[]): PlannedUpload[] =>
  ['t.txt', 'e.csv'].map((filename) => ({
    filename,
    contentType: 'text/plain',
    content: async () => {
      made.push(filename);
      return Buffer.from(filename);
    },
  }));
const start = () => ({ ...newRecord('a'.repeat(32), 'event'), generationStartedAt: new Date().toISOString() });

describe('exactly-once writes', () => {
  it('writes every part and file once, recording each id, and leaves nothing pending', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    const done = await writePlanned(start(), ledger, ticket, parts, uploads([]));
    expect(ticket.comments.map((c) => c.part)).toEqual([1, 2, 3]);
    expect(ticket.files.map((f) => f.filename)).toEqual(['t.txt', 'e.csv']);
    expect(Object.keys(done.progress.comments)).toEqual(['1', '2', '3']);
    expect(Object.keys(done.progress.attachments)).toEqual(['t.txt', 'e.csv']);
    expect(done.progress.pending).toBeUndefined();
    // the intent is saved before every write
    expect(ledger.saved.filter((r) => r.progress.pending).map((r) => r.progress.pending)).toEqual([
      { kind: 'comment', part: 1 },
      { kind: 'comment', part: 2 },
      { kind: 'comment', part: 3 },
      { kind: 'attachment', filename: 't.txt' },
      { kind: 'attachment', filename: 'e.csv' },
    ]);
  });

  it('a comment whose answer was lost is found again by its marker, not posted twice', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    ticket.loseNext = 'comment';
    await expect(writePlanned(start(), ledger, ticket, parts, uploads([]))).rejects.toThrow('socket hang up');
    expect(ledger.latest.progress.pending).toEqual({ kind: 'comment', part: 1 });
    const done = await writePlanned(ledger.latest, ledger, ticket, parts, uploads([]));
    expect(ticket.comments.map((c) => c.part)).toEqual([1, 2, 3]);
    expect(done.progress.comments['1']).toBe(ticket.comments[0]!.id);
  });

  it('an attachment upload whose answer was lost is not uploaded twice', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    ticket.loseNext = 'file';
    await expect(writePlanned(start(), ledger, ticket, parts, uploads([]))).rejects.toThrow('socket hang up');
    expect(ledger.latest.progress.pending).toEqual({ kind: 'attachment', filename: 't.txt' });
    const made: string[] = [];
    const done = await writePlanned(ledger.latest, ledger, ticket, parts, uploads(made));
    expect(ticket.files.map((f) => f.filename)).toEqual(['t.txt', 'e.csv']);
    expect(ticket.requests.filter((r) => r === 'upload t.txt')).toHaveLength(1);
    expect(made).toEqual(['e.csv']); // the recovered file's content is not even produced again
    expect(done.progress.attachments['t.txt']).toBe(ticket.files[0]!.id);
    expect(ticket.comments).toHaveLength(3);
  });

  it('a write that never landed is made on resume', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    const crashed = { ...start(), progress: { comments: { '1': 'x1' }, attachments: {}, pending: { kind: 'comment' as const, part: 2 } } };
    const done = await writePlanned(crashed, ledger, ticket, parts, uploads([]));
    expect(ticket.comments.map((c) => c.part)).toEqual([2, 3]);
    expect(done.progress.comments).toMatchObject({ '1': 'x1', '2': expect.any(String), '3': expect.any(String) });
  });

  it('a file from before this generation does not count as the lost upload', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    ticket.files.push({ id: 'old', filename: 't.txt', created: Date.now() - 3_600_000 });
    const crashed = { ...start(), progress: { comments: { '1': 'a', '2': 'b', '3': 'c' }, attachments: {}, pending: { kind: 'attachment' as const, filename: 't.txt' } } };
    const done = await writePlanned(crashed, ledger, ticket, parts, uploads([]));
    expect(done.progress.attachments['t.txt']).not.toBe('old');
    expect(ticket.files.map((f) => f.id)).toHaveLength(3);
  });

  it('a record with everything written makes no request at all', async () => {
    const ledger = new MemoryLedger();
    const ticket = new MemoryTicket();
    const complete = { ...start(), progress: { comments: { '1': 'a', '2': 'b', '3': 'c' }, attachments: { 't.txt': 'd', 'e.csv': 'e' } } };
    await writePlanned(complete, ledger, ticket, parts, uploads([]));
    expect(ticket.requests).toEqual([]);
  });
});

describe('the plan', () => {
  const plan = { parts: 3, files: ['t.txt', 'e.csv'], excludedEventTypes: [] };

  it('is decided once and stored with the start of the generation', async () => {
    const ledger = new MemoryLedger();
    let decided = 0;
    const decide = async () => {
      decided += 1;
      return { plan, assignee: 'done' as const };
    };
    const planned = await planOnce(newRecord('b'.repeat(32), 'event'), ledger, decide);
    expect(planned.plan).toEqual(plan);
    expect(planned.progress.assignee).toBe('done');
    expect(planned.generationStartedAt).toEqual(expect.any(String));
    // a resumed import keeps it: the assignee is not changed again, the parts stay the same
    const again = await planOnce(planned, ledger, decide);
    expect(again).toBe(planned);
    expect(decided).toBe(1);
    expect(ledger.saved).toHaveLength(1);
  });

  it('keeps the generation start of a deliberate re-import', async () => {
    const ledger = new MemoryLedger();
    const start = '2026-01-01T00:00:00.000Z';
    const planned = await planOnce({ ...newRecord('c'.repeat(32), 'manual'), generation: 2, generationStartedAt: start }, ledger, async () => ({ plan }));
    expect(planned.generationStartedAt).toBe(start);
  });
});
