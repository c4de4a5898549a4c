/** Generator of large sessions (thousands of events, long chat) for stress tests and benchmarks. */
import { z } from 'zod';
import { parseInput } from './input';
import type { SessionRecord } from './model';
import type { EventInput } from './sessionEvents';
import { CreateSessionSchema, type SessionService } from './sessions';
import type { PraState } from './state';

const LargeSessionSchema = CreateSessionSchema.omit({ events: true })
  .extend({
    /** Generated events (in addition to the automatic start and end events); default 10,000. */
    eventCount: z.number().int().positive().optional(),
    /** Characters per chat message; default 2,000. */
    chatLength: z.number().int().nonnegative().optional(),
    /** Every Nth chat message contains a control character (→ `<encoded_body>`); 0 = never (default). */
    invalidXmlEvery: z.number().int().nonnegative().optional(),
    /** End the session after generating (default true). */
    end: z.boolean().optional(),
  })
  .strict();
export type LargeSessionInput = z.input<typeof LargeSessionSchema>;

const WORDS = ['restart', 'service', 'patch', 'disk', 'log', 'check', 'server', 'ticket', 'deploy', 'config', 'reboot', 'done'];

function chatText(index: number, length: number, invalid: boolean): string {
  let text = `#${index}${invalid ? '\u0001' : ''}`;
  for (let w = index; text.length < length; w += 7) text += ` ${WORDS[w % WORDS.length]}`;
  return text.slice(0, Math.max(length, invalid ? 2 : 0));
}

export interface LargeEventsOptions {
  eventCount: number;
  chatLength: number;
  invalidXmlEvery: number;
  /** Unix seconds of the first event; events are one second apart. */
  startTime: number;
}

/** A deterministic mix: chat both ways (60%), file transfers, notes, system information, window changes. */
export function buildLargeSessionEvents(options: LargeEventsOptions): EventInput[] {
  const events: EventInput[] = [];
  let chats = 0;
  for (let i = 0; i < options.eventCount; i += 1) {
    const timestamp = options.startTime + i;
    const slot = i % 10;
    if (slot < 6) {
      chats += 1;
      const invalid = options.invalidXmlEvery > 0 && chats % options.invalidXmlEvery === 0;
      const fromRep = slot % 2 === 0;
      events.push({
        eventType: 'Chat Message',
        timestamp,
        performedBy: fromRep ? 'rep' : 'customer',
        destination: fromRep ? 'customer' : 'rep',
        body: chatText(i, options.chatLength, invalid),
      });
    } else if (slot === 6) {
      const upload = i % 20 === 6;
      const filename = `C:\\temp\\file-${i}.${upload ? 'msi' : 'log'}`;
      const filesize = 1024 * ((i % 97) + 1);
      events.push({
        eventType: upload ? 'File Upload' : 'File Download',
        timestamp,
        performedBy: 'rep',
        destination: 'customer',
        filename,
        filesize,
        data: { path: filename, filename: filename.slice(8), filesize },
      });
    } else if (slot === 7) {
      events.push({ eventType: 'Session Note Added', timestamp, performedBy: 'rep', body: `Note ${i}: ${chatText(i, 200, false)}` });
    } else if (slot === 8) {
      events.push({
        eventType: 'System Information Retrieved',
        timestamp,
        performedBy: 'rep',
        systemInformation: [
          {
            name: 'Processes',
            fields: [
              { name: 'name', label: 'Name' },
              { name: 'pid', label: 'PID' },
            ],
            rows: [
              { name: 'w3wp.exe', pid: String(1000 + i) },
              { name: 'sqlservr.exe', pid: String(2000 + i) },
            ],
          },
        ],
      });
    } else {
      events.push({
        eventType: 'Session Foreground Window Changed',
        timestamp,
        performedBy: 'customer',
        data: { exeName: 'mmc.exe', windowName: `Services (${i})` },
      });
    }
  }
  return events;
}

export function createLargeSession(state: PraState, sessions: SessionService, input: LargeSessionInput = {}): SessionRecord {
  const { eventCount = 10_000, chatLength = 2_000, invalidXmlEvery = 0, end = true, ...create } = parseInput(LargeSessionSchema, input);
  const startTime = create.startTime ?? state.nowSeconds() - eventCount - 60;
  const session = sessions.create({ ...create, startTime });
  sessions.addEvents(session.lsid, buildLargeSessionEvents({ eventCount, chatLength, invalidXmlEvery, startTime: startTime + 1 }));
  return end ? sessions.end(session.lsid, { endTime: startTime + eventCount + 2, notify: create.notify }) : session;
}
