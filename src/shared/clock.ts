/**
 * The app's notion of now, for rules that compare times with the present (change windows). On Forge it
 * is the system clock. The local Forge host can move it for tests and the sandbox (docs/sandbox.md,
 * "Clock") through `globalThis.__forge_host_now__`, which the Forge runtime never defines.
 */
type HostClock = { __forge_host_now__?: () => number | undefined };

export function nowMs(): number {
  const hostNow = (globalThis as HostClock).__forge_host_now__?.();
  return typeof hostNow === 'number' && Number.isFinite(hostNow) ? hostNow : Date.now();
}
