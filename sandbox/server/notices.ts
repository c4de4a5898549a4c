/**
 * What the start banner says about state carried over from the last run that changes what a user sees
 * (`npm start` prints these lines under the URLs).
 */
import type { SandboxWorld } from './world';

export function carriedOverNotices(world: SandboxWorld): string[] {
  const notices: string[] = [];
  if (world.pra.getKnobs().outboundPaused) {
    const pending = world.pra.outboundQueue().length;
    notices.push(
      `PRA outbound events are OFF (the switch was saved from the last run)${pending ? `; ${pending} event(s) are held` : ''}: ended sessions are not imported until you turn them on at /pra/login or POST /pra/__sim/outbound/resume.`,
    );
  }
  return notices;
}
