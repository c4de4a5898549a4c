/**
 * Resolver of the configuration page (jira:adminPage). Defined from one table: each function has its
 * payload and answer schemas (src/resolvers/configContract.ts, shared with the page) and is admin-only
 * unless its entry is marked `open: true` (none is). The admin check is made on the server for every
 * call: the page being an admin page is not enough, since any user can call a resolver directly.
 */
import Resolver from '@forge/resolver';
import { route } from '@forge/api';
import type { z } from 'zod';
import { isConsentRequired, JiraClient } from '../jira/client';
import { isJiraAdmin } from '../jira/permissions';
import { configurationView, regenerateUrl, revalidate, saveConfiguration } from '../config/configuration';
import { importActivity } from '../import/activity';
import { integrationHealth } from '../health/health';
import { administratorRequester, reimportSession, retryImport, type ActionResult } from '../import/adminActions';
import { log } from '../shared/log';
import { listApprovalRecords } from '../approval/audit';
import {
  CONFIG_CONTRACT,
  CONTRACT_MESSAGES,
  type ConfigAnswer,
  type ConfigFunction,
  type ConfigParsedInput,
  type ResolverFailure,
} from './configContract';

export type { ResolverFailure };

interface ResolverContext {
  accountId?: string;
  siteUrl?: string;
}

interface Entry<F extends ConfigFunction> {
  /** What failed, in the page's words, when the function throws. */
  failure: string;
  /** Callable by anyone, not only Jira administrators. Admin-only is the default. */
  open?: true;
  /** `accountId` is the caller's (an administrator's, unless the entry is open). */
  run(input: ConfigParsedInput<F>, siteUrl: () => Promise<string>, accountId: string): Promise<ConfigAnswer<F>>;
}

type Table = { [F in ConfigFunction]: Entry<F> };

function actionAnswer(result: ActionResult): ConfigAnswer<'retryImport'> {
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: { code: 'INVALID_INPUT', message: result.message } };
}

/** Every function of the resolver. None is marked `open`. */
export const CONFIG_FUNCTIONS: Table = {
  getConfiguration: {
    failure: 'The configuration could not be loaded',
    run: async (_input, siteUrl) => ({ ok: true, view: await configurationView(await siteUrl()) }),
  },
  saveConfiguration: {
    failure: 'The configuration could not be saved',
    run: async (input, siteUrl) => saveConfiguration(input, await siteUrl()),
  },
  validateConfiguration: {
    failure: 'The configuration could not be checked',
    run: async (_input, siteUrl) => ({ ok: true, view: await revalidate(await siteUrl()) }),
  },
  regenerateUrl: {
    failure: 'The URL could not be regenerated',
    run: async ({ which }, siteUrl) => ({ ok: true, view: await regenerateUrl(which, await siteUrl()) }),
  },
  listApprovalDecisions: {
    failure: 'The approval decisions could not be loaded',
    run: async (input) => ({ ok: true, ...(await listApprovalRecords(input)) }),
  },
  getHealth: {
    failure: 'The health of the integration could not be checked',
    run: async () => ({ ok: true, health: await integrationHealth() }),
  },
  listImportActivity: {
    failure: 'The import activity could not be loaded',
    run: async () => ({ ok: true, ...(await importActivity()) }),
  },
  retryImport: {
    failure: 'The import could not be queued',
    run: async ({ lsid }, _siteUrl, accountId) => actionAnswer(await retryImport(lsid, await administratorRequester(accountId))),
  },
  reimportSession: {
    failure: 'The import could not be queued',
    run: async ({ lsid }, _siteUrl, accountId) => actionAnswer(await reimportSession(lsid, await administratorRequester(accountId))),
  },
};

const forbidden = (): ResolverFailure => ({ ok: false, error: { code: 'FORBIDDEN', message: CONTRACT_MESSAGES.forbidden } });

/** The first problem with a payload, in words the page can show. */
function invalidInput(error: z.ZodError): ResolverFailure {
  return { ok: false, error: { code: 'INVALID_INPUT', message: error.issues[0]?.message ?? 'The request is not valid.' } };
}

/** Wraps one table entry: authorisation (unless open), payload parsing, errors turned into answers. */
function defineFunction<F extends ConfigFunction>(name: F, entry: Entry<F>) {
  return async ({ payload, context }: { payload: unknown; context: ResolverContext }): Promise<ConfigAnswer<F>> => {
    try {
      if (!entry.open && !(await isAdministrator(context.accountId))) return forbidden();
      const parsed = CONFIG_CONTRACT[name].input.safeParse(payload ?? {});
      if (!parsed.success) return invalidInput(parsed.error);
      return await entry.run(parsed.data as ConfigParsedInput<F>, () => siteUrlOf(context), context.accountId ?? '');
    } catch (error) {
      // Never swallowed (the page reads Jira as the app today, but an asUser() read would need Jira's prompt).
      if (isConsentRequired(error)) throw error;
      log.error('config.resolver.failed', { function: name, error });
      return { ok: false, error: { code: 'INTERNAL', message: `${entry.failure}: ${(error as Error).message}` } };
    }
  };
}

async function isAdministrator(accountId: string | undefined): Promise<boolean> {
  return !!accountId && (await isJiraAdmin(JiraClient.asApp(), accountId));
}

async function siteUrlOf(context: ResolverContext): Promise<string> {
  if (context.siteUrl) return context.siteUrl;
  const info = await JiraClient.asApp().json<{ baseUrl: string }>(route`/rest/api/3/serverInfo`);
  return info.baseUrl;
}

const resolver = new Resolver();
for (const name of Object.keys(CONFIG_FUNCTIONS) as ConfigFunction[]) {
  resolver.define(name, defineFunction(name, CONFIG_FUNCTIONS[name] as Entry<typeof name>));
}

/** The names the resolver answers to, read from the resolver itself (tests enumerate them). */
export function configResolverFunctionNames(): string[] {
  return Object.keys((resolver as unknown as { functions: Record<string, unknown> }).functions);
}

export const configResolver = resolver.getDefinitions();
