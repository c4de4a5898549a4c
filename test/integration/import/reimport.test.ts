/**
 * Re-import replaces instead of duplicating: the new generation's comments and files are written in
 * full, then the app deletes its own earlier set for that session, never a person's comment or file
 * (even one with the same name). Interrupted at every write, the ticket still holds exactly one complete
 * set at the moment of the crash, and exactly one set once the import resumes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adfText, DEMO, PRA_DEMO, startImportWorld, type ImportWorld } from './importFixture';

const MARKER = 'beyondtrust-pra-session';
const TICKET = 'SD-4';

let w: ImportWorld;
let lsid: string;
/** Comment parts and file names of one complete set. */
let parts: number;
let fileNames: string[];

/** The app's comments and files for the session on the ticket, and the person's. */
async function ticketState() {
  const comments = await w.comments(TICKET);
  const files = await w.attachments(TICKET);
  const own = comments.filter((c) => c.properties?.some((p) => p.key === MARKER && p.value.lsid === lsid));
  const generations = new Map<number, number[]>();
  for (const c of own) {
    const marker = c.properties!.find((p) => p.key === MARKER)!.value as { generation: number; part: number };
    generations.set(marker.generation, [...(generations.get(marker.generation) ?? []), marker.part]);
  }
  const complete = [...generations.entries()].filter(([, p]) => [...p].sort((a, b) => a - b).join() === Array.from({ length: parts }, (_, i) => i + 1).join());
  const appFiles = files.filter((f: any) => f.filename.startsWith(`pra-session-${lsid}-`) && f.author !== DEMO.users.technician);
  return { comments, files, own, generations, complete: complete.map(([g]) => g), appFiles };
}

/** Exactly one complete set: one generation's comments (all parts), each file exactly once; returns that generation. */
async function expectExactlyOneSet(): Promise<number> {
  const s = await ticketState();
  expect(s.generations.size).toBe(1);
  expect(s.complete).toHaveLength(1);
  expect(s.own).toHaveLength(parts);
  expect(s.appFiles.map((f) => f.filename).sort()).toEqual([...fileNames].sort());
  return s.complete[0]!;
}

/** At least one complete set: some generation has every part, every file is there at least once. */
async function expectAtLeastOneCompleteSet(): Promise<void> {
  const s = await ticketState();
  expect(s.complete.length).toBeGreaterThanOrEqual(1);
  for (const name of fileNames) expect(s.appFiles.some((f) => f.filename === name)).toBe(true);
}

const record = async () => (await w.configCall('listImportActivity')).imports.find((i: { lsid: string }) => i.lsid === lsid);

async function asPerson(path: string, init: RequestInit) {
  const res = await fetch(`${w.jiraUrl}${path}`, { ...init, headers: { Authorization: `Bearer sim-user:${DEMO.users.technician}`, ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  w = await startImportWorld({ attachRecordings: true, recordingMaxMb: 1 });
  // two comment parts of hostile chat, one message long enough to be cut (so the full logs are attached)
  const chat = (i: number, length: number) => ({
    eventType: 'Chat Message',
    performedBy: 'rep' as const,
    destination: 'customer' as const,
    body: `#${i} "C:\\Users\\a&b\\日志.txt" <tag> &amp; 🔧 `.padEnd(length, i % 2 ? 'x' : '字'),
  });
  const session = w.pra.createSession({
    externalKey: TICKET,
    recording: { size: 4096 },
    rep: PRA_DEMO.users.alex.username,
    notify: false,
    events: [...Array.from({ length: 12 }, (_, i) => chat(i, 3500)), chat(99, 5000)],
  });
  w.pra.endSession(session.lsid);
  lsid = session.lsid;
  await w.settle();
  const first = await ticketState();
  parts = first.own[0]!.properties!.find((p) => p.key === MARKER)!.value.parts;
  fileNames = first.appFiles.map((f) => f.filename);
  expect(parts).toBeGreaterThanOrEqual(2);
  expect(fileNames).toHaveLength(3); // transcript, event log, recording

  // a person's comment, and a person's file with exactly the name of one of the app's
  await asPerson(`/rest/api/3/issue/${TICKET}/comment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Checked the logs myself — «C:\\temp\\ok.txt» 日志 ✅' }] }] } }),
  });
  const boundary = '----person';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileNames[0]}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from('my own notes'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  await asPerson(`/rest/api/3/issue/${TICKET}/attachments`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'X-Atlassian-Token': 'no-check' },
    body,
  });
}, 120_000);
afterAll(() => w.close());

/** Every person-written comment and file is still there. */
async function expectPeoplesWorkKept() {
  const s = await ticketState();
  expect(s.comments.some((c) => adfText(c.body).includes('Checked the logs myself'))).toBe(true);
  expect(s.files.filter((f: any) => f.author === DEMO.users.technician).map((f) => f.filename)).toEqual([fileNames[0]]);
}

describe('re-import', () => {
  it('replaces the earlier set once the new one is complete, keeps what people wrote, and names who asked', async () => {
    const before = await ticketState();
    w.pra.faults.add({ path: '/api/reporting', delayMs: 1500, count: 1 }); // holds the import before it writes
    const answer = await w.configCall('reimportSession', { lsid });
    expect(answer).toMatchObject({ ok: true });
    const meanwhile = await record();
    expect(['queued', 'running']).toContain(meanwhile.status);
    // still listed on its ticket, as a re-import, with who asked
    expect(meanwhile).toMatchObject({ replacing: true, requestedBy: 'Morgan Lee (administrator)', ticketKey: TICKET });
    expect((await w.configCall('reimportSession', { lsid })).error.message).toBe(`Session ${lsid} is already being imported.`);
    await w.settle();
    const generation = await expectExactlyOneSet();
    expect(generation).toBe(2);
    const after = await ticketState();
    // new comments and files, not the earlier ones kept
    expect(after.own.map((c) => c.id).some((id) => before.own.some((o) => o.id === id))).toBe(false);
    expect(after.appFiles.map((f) => f.id).some((id) => before.appFiles.some((o) => o.id === id))).toBe(false);
    await expectPeoplesWorkKept();
    expect(await record()).toMatchObject({ status: 'done', replacing: false, requestedBy: 'Morgan Lee (administrator)' });
  });

  /** The writes of one re-import, in order: each is a point where the import can be interrupted. */
  function writeSteps() {
    const steps: Array<{ name: string; path: string; method: string; index: number }> = [];
    for (let k = 1; k <= parts; k++) steps.push({ name: `posting comment ${k}`, path: `^/rest/api/3/issue/${TICKET}/comment$`, method: 'POST', index: k });
    for (let k = 1; k <= fileNames.length; k++) steps.push({ name: `uploading file ${k}`, path: `^/rest/api/3/issue/${TICKET}/attachments$`, method: 'POST', index: k });
    for (let k = 1; k <= parts; k++) steps.push({ name: `deleting earlier comment ${k}`, path: `^/rest/api/3/issue/${TICKET}/comment/\\d+$`, method: 'DELETE', index: k });
    for (let k = 1; k <= fileNames.length; k++) steps.push({ name: `deleting earlier file ${k}`, path: '^/rest/api/3/attachment/\\d+$', method: 'DELETE', index: k });
    return steps;
  }

  /** Lets the first `index - 1` matching writes through, then applies `fault` to the next one. */
  function interruptAt(step: { path: string; method: string; index: number }, fault: Record<string, unknown>) {
    if (step.index > 1) w.jira.addFault({ path: step.path, method: step.method, delayMs: 0, count: step.index - 1 });
    w.jira.addFault({ path: step.path, method: step.method, count: 1, ...fault });
  }

  it('stopped at each write, leaves one complete set at that moment and exactly one once retried', async () => {
    const steps = writeSteps();
    expect(steps.length).toBe(2 * (parts + fileNames.length));
    for (const step of steps) {
      // a refusal Jira will not take back: the import stops there (failed) until someone retries it
      interruptAt(step, { status: 403 });
      expect(await w.configCall('reimportSession', { lsid })).toMatchObject({ ok: true });
      await w.settle();
      expect({ step: step.name, faults: w.jira.listFaults().faults, status: (await record()).status }).toEqual({ step: step.name, faults: [], status: 'failed' });
      await expectAtLeastOneCompleteSet();
      await expectPeoplesWorkKept();

      expect(await w.configCall('retryImport', { lsid })).toMatchObject({ ok: true });
      await w.settle();
      expect({ step: step.name, status: (await record()).status }).toEqual({ step: step.name, status: 'done' });
      await expectExactlyOneSet();
      await expectPeoplesWorkKept();
    }
  }, 300_000);

  it('with the acknowledgement of each write lost (written, but the app never hears), still ends with exactly one set', async () => {
    for (const step of writeSteps()) {
      interruptAt(step, { dropResponse: true });
      expect(await w.configCall('reimportSession', { lsid })).toMatchObject({ ok: true });
      await w.settle();
      expect({ step: step.name, faults: w.jira.listFaults().faults, status: (await record()).status }).toEqual({ step: step.name, faults: [], status: 'done' });
      await expectExactlyOneSet();
      await expectPeoplesWorkKept();
    }
  }, 300_000);

  it('follows a session whose external key moved to another ticket: the earlier set goes from the old ticket', async () => {
    const moved = await w.endSession({ externalKey: 'SD-2', rep: PRA_DEMO.users.sam.username, recording: { size: 1000, container: 'webm' } });
    await w.settle();
    const onSd2 = async () => (await w.comments('SD-2')).filter((c) => c.properties?.some((p) => p.key === MARKER && p.value.lsid === moved));
    const filesOn = async (key: string) => (await w.attachments(key)).filter((f) => f.filename.startsWith(`pra-session-${moved}-`));
    expect(await onSd2()).toHaveLength(1);
    expect(await filesOn('SD-2')).toHaveLength(1);

    w.pra.updateSession(moved, { externalKey: 'SD-7' });
    expect(await w.configCall('reimportSession', { lsid: moved })).toMatchObject({ ok: true });
    await w.settle();
    expect(await onSd2()).toHaveLength(0);
    expect(await filesOn('SD-2')).toHaveLength(0);
    expect((await w.comments('SD-7')).filter((c) => c.properties?.some((p) => p.key === MARKER && p.value.lsid === moved))).toHaveLength(1);
    expect((await filesOn('SD-7')).map((f) => f.filename)).toEqual([`pra-session-${moved}-recording.webm`]);
  });
});
