/**
 * Runs the manifest's scheduled triggers at their intervals (the reconciliation is `interval: hour`), as
 * Forge does, and on demand (`POST /sandbox/api/scheduled/<key>/run`, the console's "Run now").
 */
import type { ForgeHost } from '../forge-host';

const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

export interface ScheduledRun {
  key: string;
  at: string;
  ms: number;
  /** As the platform records it: only a well-formed answer with status 204 is success. */
  ok: boolean;
  /** The status the platform records (424 when the function's answer is missing or malformed). */
  status?: number;
  /** The response's body, parsed when it is JSON (the reconciliation answers what its pass did). */
  result?: unknown;
  error?: string;
}

/** A scheduled trigger's answer body, parsed when it is JSON, else the text (null when there is none). */
export function responseBody(response: unknown): unknown {
  const body = (response as { body?: unknown } | null | undefined)?.body ?? null;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export class ScheduledTriggers {
  private readonly timers: NodeJS.Timeout[] = [];
  readonly runs: ScheduledRun[] = [];

  constructor(private readonly host: ForgeHost) {}

  start(): void {
    for (const trigger of this.host.manifest.scheduledTriggers) {
      const timer = setInterval(() => void this.run(trigger.key).catch(() => undefined), INTERVAL_MS[trigger.interval] ?? INTERVAL_MS.hour);
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    this.timers.splice(0).forEach(clearInterval);
  }

  keys(): string[] {
    return this.host.manifest.scheduledTriggers.map((t) => t.key);
  }

  async run(key: string): Promise<ScheduledRun> {
    const started = Date.now();
    const at = new Date(started).toISOString();
    let run: ScheduledRun;
    try {
      const outcome = await this.host.runScheduledTrigger(key);
      run = { key, at, ms: 0, ok: outcome.ok, status: outcome.status, result: responseBody(outcome.response), error: outcome.error };
    } catch (error) {
      run = { key, at, ms: 0, ok: false, error: (error as Error).message };
    }
    run.ms = Date.now() - started;
    this.runs.push(run);
    if (this.runs.length > 100) this.runs.shift();
    return run;
  }
}
