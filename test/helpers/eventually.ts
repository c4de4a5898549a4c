/**
 * Polls a value until a jest matcher passes, for what a browser shows a moment later:
 *
 *   await eventually(() => page.locator('h1').textContent()).toBe('Title');
 *
 * The value is read again every `interval` ms until the matcher passes or `timeout` ms have passed; then
 * the matcher's own failure (with the last value read) is thrown.
 */
import { expect } from '@jest/globals';

export interface EventuallyOptions {
  /** How long to keep trying, in ms (default 5,000). */
  timeout?: number;
  /** How long to wait between reads, in ms (default 50). */
  interval?: number;
}

type Matchers = ReturnType<typeof expect<unknown>>;
type MatcherName = 'toBe' | 'toEqual' | 'toContain' | 'toMatch' | 'toBeGreaterThan' | 'toBeGreaterThanOrEqual' | 'toBeLessThan' | 'toHaveLength' | 'toBeTruthy';
type Eventually = { [K in MatcherName]: (...args: Parameters<Matchers[K]>) => Promise<void> } & { not: Omit<Eventually, 'not'> };

const MATCHERS: MatcherName[] = ['toBe', 'toEqual', 'toContain', 'toMatch', 'toBeGreaterThan', 'toBeGreaterThanOrEqual', 'toBeLessThan', 'toHaveLength', 'toBeTruthy'];

function poller(read: () => unknown, options: EventuallyOptions, negate: boolean): Omit<Eventually, 'not'> {
  const timeout = options.timeout ?? 5_000;
  const interval = options.interval ?? 50;
  const entries = MATCHERS.map((name) => [
    name,
    async (...args: unknown[]) => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await read();
        try {
          const matchers = negate ? expect(value).not : expect(value);
          (matchers[name] as (...a: unknown[]) => void)(...args);
          return;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    },
  ]);
  return Object.fromEntries(entries) as Omit<Eventually, 'not'>;
}

/** `expect` for a value that becomes right after a while: see the module comment. */
export function eventually(read: () => unknown, options: EventuallyOptions = {}): Eventually {
  return { ...poller(read, options, false), not: poller(read, options, true) } as Eventually;
}
