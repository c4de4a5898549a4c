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
  ok: boolean;
  /** The status of the function's response (424 when it returned none, as Forge records it). */
  statusCode?: number;
  /** The response's body, parsed when it is JSON (the reconciliation answers what its pass did). */
  result?: unknown;
  error?: string;
}

/**
 * What Forge makes of a scheduled trigger's return value: it must be a response (`{statusCode, headers?,
 * body?}`), otherwise the platform records the run as failed with 424 Failed Dependency.
 */
export function scheduledOutcome(returned: unknown): Pick<ScheduledRun, 'ok' | 'statusCode' | 'result' | 'error'> {
  const response = returned as { statusCode?: unknown; body?: unknown } | null | undefined;
  if (typeof response !== 'object' || response === null || !Number.isInteger(response.statusCode)) {
    return { ok: false, statusCode: 424, error: 'Failed Dependency: the function returned no {statusCode} response' };
  }
  const statusCode = response.statusCode as number;
  let result: unknown = response.body ?? null;
  if (typeof result === 'string') {
    try {
      result = JSON.parse(result);
    } catch {
      // not JSON: keep the text
    }
  }
  return statusCode >= 200 && statusCode < 300 ? { ok: true, statusCode, result } : { ok: false, statusCode, result, error: `The function answered ${statusCode}` };
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
      run = { key, at, ms: 0, ...scheduledOutcome(await this.host.runScheduledTrigger(key)) };
    } catch (error) {
      run = { key, at, ms: 0, ok: false, error: (error as Error).message };
    }
    run.ms = Date.now() - started;
    this.runs.push(run);
    if (this.runs.length > 100) this.runs.shift();
    return run;
  }
}
