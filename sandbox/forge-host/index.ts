/** The local Forge host: runs a Forge app's real handlers on this machine (see docs/architecture.md). */
import './globals';

export { ForgeHost, InvocationTimeoutError, TIME_LIMITS_MS, type ForgeHostOptions, type InvocationLog, type JiraCall, type ScheduledRunRecord } from './host';
export { createHostHandler, listenHost, WEB_TRIGGER_PAYLOAD_LIMIT } from './server';
export { originalFetch } from './globals';
export { isNeedsAuthentication, type ConsentRecord } from './userConsent';
