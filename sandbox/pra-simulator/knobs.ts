/** Behaviour switches of the simulated appliance (see docs/pra-simulator.md, "Knobs"). */
import { z } from 'zod';
import type { FaultInjector } from '../shared/http';
import { parseInput } from './input';
import { NAMESPACE_FLAVORS, type NamespaceFlavor } from './xml';

const REPORT_LAG_MODES = ['in-progress', 'missing'] as const;
export type ReportLagMode = (typeof REPORT_LAG_MODES)[number];

/** Knobs stored in the state; `latencyMs` lives in the FaultInjector and is added by getKnobs. */
export interface StoredKnobs {
  /** `GET /check_health` and the `check_health` command report the appliance as healthy. */
  healthy: boolean;
  /** "Enable XML API": when off, /api/command and /api/reporting answer 403. */
  xmlApiEnabled: boolean;
  /** Namespace of command and reporting documents (see xml.ts). */
  namespace: NamespaceFlavor;
  /** Token lifetime in seconds (fractions allowed, for fast expiry tests). */
  tokenLifetimeSeconds: number;
  /** Answer `"token_type":"bearer"` instead of `"Bearer"`. */
  tokenTypeLowercase: boolean;
  /** `expires_in` value to report instead of the real lifetime; null = the real lifetime. */
  expiresInOverride: number | null;
  maxTokensPerAccount: number;
  /** For this long after a session ends, AccessSession reports lag behind (see reportLagMode). */
  reportLagMs: number;
  reportLagMode: ReportLagMode;
  outboundRetryIntervalMs: number;
  outboundTimeoutMs: number;
  /** "Outbound events off": events are queued but not sent until resumed. */
  outboundPaused: boolean;
  /** Added to the injected clock (lets HTTP-only tests move time forward). */
  clockOffsetMs: number;
  /** Most recent API requests kept in the request log (counters are never capped). */
  requestLogLimit: number;
  /**
   * AccessSessionListing entries carry an `external_key` attribute (inferred, not confirmed by a real
   * listing); false = only `lsid` and `has_recording`, like the one real listing captured.
   */
  listingExternalKey: boolean;
}

export interface PraKnobs extends StoredKnobs {
  /** Delay before every non-control answer (FaultInjector.latencyMs). */
  latencyMs: number;
}

export function defaultKnobs(): StoredKnobs {
  return {
    healthy: true,
    xmlApiEnabled: true,
    namespace: 'sra',
    tokenLifetimeSeconds: 3600,
    tokenTypeLowercase: false,
    expiresInOverride: null,
    maxTokensPerAccount: 30,
    reportLagMs: 0,
    reportLagMode: 'in-progress',
    outboundRetryIntervalMs: 30_000,
    outboundTimeoutMs: 10_000,
    outboundPaused: false,
    clockOffsetMs: 0,
    requestLogLimit: 10_000,
    listingExternalKey: true,
  };
}

const nonNegative = z.number().nonnegative();

const KnobsPatchSchema = z
  .object({
    latencyMs: nonNegative,
    healthy: z.boolean(),
    xmlApiEnabled: z.boolean(),
    namespace: z.enum(NAMESPACE_FLAVORS),
    tokenLifetimeSeconds: nonNegative,
    tokenTypeLowercase: z.boolean(),
    expiresInOverride: z.number().int().nullable(),
    maxTokensPerAccount: z.number().int().positive(),
    reportLagMs: nonNegative,
    reportLagMode: z.enum(REPORT_LAG_MODES),
    outboundRetryIntervalMs: nonNegative,
    outboundTimeoutMs: z.number().positive(),
    outboundPaused: z.boolean(),
    clockOffsetMs: z.number(),
    requestLogLimit: z.number().int().nonnegative(),
    listingExternalKey: z.boolean(),
  })
  .partial()
  .strict();

export type KnobsPatch = z.input<typeof KnobsPatchSchema>;

/** Where the stored knobs live (the appliance's `PraState`); named structurally so state.ts can import this file. */
export interface KnobsHolder {
  knobs: StoredKnobs;
}

export function getKnobs(state: KnobsHolder, faults: FaultInjector): PraKnobs {
  return { ...state.knobs, latencyMs: faults.latencyMs };
}

export function setKnobs(state: KnobsHolder, faults: FaultInjector, patch: KnobsPatch): PraKnobs {
  const { latencyMs, ...stored } = parseInput(KnobsPatchSchema, patch);
  if (latencyMs !== undefined) faults.latencyMs = latencyMs;
  Object.assign(state.knobs, stored);
  return getKnobs(state, faults);
}
