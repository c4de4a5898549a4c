/** Shared helpers for the PRA simulator integration tests: a running simulator, tokens, a scriptable receiver. */
import { XMLParser } from 'fast-xml-parser';
import { createHandler, listen, Router, type Listening, type SimRequest } from '../../../sandbox/shared/http';
import { createPraSimulator, type PraSimulator, type PraSimulatorOptions } from '../../../sandbox/pra-simulator';

export interface RunningSim {
  sim: PraSimulator;
  url: string;
  /** A mutable clock (ms) the simulator reads. */
  clock: { now: number };
  close(): Promise<void>;
}

export const T0 = Date.UTC(2024, 11, 3, 15, 26, 5);

export async function startSim(options: PraSimulatorOptions = {}): Promise<RunningSim> {
  const clock = { now: T0 };
  const sim = createPraSimulator({ now: () => clock.now, applianceId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', ...options });
  const listening = await sim.listen();
  return { sim, url: listening.url, clock, close: () => sim.close() };
}

export const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

export function requestToken(url: string, clientId: string, secret: string, body = 'grant_type=client_credentials'): Promise<Response> {
  return fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: basic(clientId, secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function token(url: string, clientId: string, secret: string): Promise<string> {
  const response = await requestToken(url, clientId, secret);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Creates an API account with the given permissions and returns a bearer token for it. */
export async function accountToken(run: RunningSim, permissions: Parameters<PraSimulator['createAccount']>[0] = {}): Promise<string> {
  const account = run.sim.createAccount(permissions);
  return token(run.url, account.clientId, account.clientSecret);
}

export async function api(run: RunningSim, bearer: string, path: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${run.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${bearer}`, ...(init.headers as Record<string, string> | undefined) },
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Parses XML by local names (namespace prefixes removed), attributes without prefix. */
export function parseXml(text: string): Record<string, unknown> {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ['session', 'event', 'session_summary', 'representative', 'value', 'custom_attribute'].includes(name),
  }).parse(text) as Record<string, unknown>;
}

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type ReceiverReply = number | { status: number; body?: unknown; delayMs?: number; headers?: Record<string, string> };

/** A local HTTP server that records every request and answers what `reply` says. */
export async function startReceiver(reply: (req: SimRequest, index: number) => ReceiverReply): Promise<{
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}> {
  const requests: ReceivedRequest[] = [];
  const router = new Router().on(['GET', 'POST', 'PUT'], '/*', async (req) => {
    const index = requests.length;
    requests.push({ at: Date.now(), method: req.method, path: req.path, headers: req.headers, body: req.text() });
    const answer = reply(req, index);
    const { status, body, delayMs, headers } = typeof answer === 'number' ? { status: answer, body: undefined, delayMs: 0, headers: {} } : answer;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { status, body: body ?? '', headers };
  });
  const listening: Listening = await listen(createHandler({ router }));
  return { url: listening.url, requests, close: () => listening.close() };
}

/** Polls until the predicate holds (fails after timeoutMs). */
export async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
