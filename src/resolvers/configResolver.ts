/**
 * Resolver of the configuration page (jira:adminPage). Every call is refused unless the caller is a
 * Jira administrator, checked on the server for each call: the page being an admin page is not enough,
 * since any user can call a resolver directly.
 */
import Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { JiraClient } from '../jira/client';
import { isJiraAdmin } from '../jira/permissions';
import { configurationView, regenerateUrl, revalidate, saveConfiguration } from '../config/configuration';
import type { TriggerKind } from '../config/webTriggerTokens';
import { importActivity } from '../import/activity';
import { integrationHealth } from '../health/health';
import { administratorRequester, reimportSession, retryImport } from '../import/adminActions';
import { log } from '../shared/log';
import { listApprovalRecords } from '../approval/audit';

export type ResolverFailure = { ok: false; error: { code: 'FORBIDDEN' | 'INVALID_INPUT' | 'INTERNAL'; message: string } };

interface ResolverContext {
  accountId?: string;
  siteUrl?: string;
}

class Forbidden extends Error {}

async function requireAdmin(context: ResolverContext): Promise<void> {
  if (!context.accountId || !(await isJiraAdmin(JiraClient.asApp(), context.accountId))) {
    throw new Forbidden('Only Jira administrators can view or change the BeyondTrust PRA configuration.');
  }
}

async function siteUrlOf(context: ResolverContext): Promise<string> {
  if (context.siteUrl) return context.siteUrl;
  const info = await JiraClient.asApp().json<{ baseUrl: string }>(route`/rest/api/3/serverInfo`);
  return info.baseUrl;
}

/** What failed, in the page's words, per resolver function. */
const FAILURE_TEXT: Record<string, string> = {
  getConfiguration: 'The configuration could not be loaded',
  saveConfiguration: 'The configuration could not be saved',
  validateConfiguration: 'The configuration could not be checked',
  regenerateUrl: 'The URL could not be regenerated',
  listApprovalDecisions: 'The approval decisions could not be loaded',
  getHealth: 'The health of the integration could not be checked',
  listImportActivity: 'The import activity could not be loaded',
  retryImport: 'The import could not be queued',
  reimportSession: 'The import could not be queued',
};

/** Wraps an admin-only resolver function: authorisation, and errors turned into answers the page can show. */
export function adminOnly<P>(name: string, fn: (payload: P, siteUrl: string, accountId: string) => Promise<object>) {
  return async ({ payload, context }: { payload: P; context: ResolverContext }): Promise<object> => {
    try {
      await requireAdmin(context);
      return await fn(payload, await siteUrlOf(context), context.accountId!);
    } catch (error) {
      if (error instanceof Forbidden) return { ok: false, error: { code: 'FORBIDDEN', message: error.message } } satisfies ResolverFailure;
      log.error('config.resolver.failed', { function: name, error });
      return { ok: false, error: { code: 'INTERNAL', message: `${FAILURE_TEXT[name] ?? 'The request could not be completed'}: ${(error as Error).message}` } } satisfies ResolverFailure;
    }
  };
}

const TRIGGER_KINDS: TriggerKind[] = ['outboundEvent', 'endpointApproval'];

const resolver = new Resolver()
  .define('getConfiguration', adminOnly('getConfiguration', async (_payload, siteUrl) => ({ ok: true, view: await configurationView(siteUrl) })))
  .define(
    'saveConfiguration',
    adminOnly<{ settings?: unknown; clientSecret?: unknown }>('saveConfiguration', (payload, siteUrl) => saveConfiguration(payload ?? {}, siteUrl)),
  )
  .define('validateConfiguration', adminOnly('validateConfiguration', async (_payload, siteUrl) => ({ ok: true, view: await revalidate(siteUrl) })))
  .define(
    'regenerateUrl',
    adminOnly<{ which?: unknown }>('regenerateUrl', async (payload, siteUrl) => {
      const which = payload?.which as TriggerKind;
      if (!TRIGGER_KINDS.includes(which)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Choose which URL to regenerate: outboundEvent or endpointApproval.' } };
      }
      return { ok: true, view: await regenerateUrl(which, siteUrl) };
    }),
  )
  .define(
    'listApprovalDecisions',
    adminOnly<{ limit?: unknown; cursor?: unknown }>('listApprovalDecisions', async (payload) => ({
      ok: true,
      ...(await listApprovalRecords({
        limit: typeof payload?.limit === 'number' ? payload.limit : undefined,
        cursor: typeof payload?.cursor === 'string' && payload.cursor.length <= 1000 ? payload.cursor : undefined,
      })),
    })),
  );

resolver
  .define('getHealth', adminOnly('getHealth', async () => ({ ok: true, health: await integrationHealth() })))
  .define('listImportActivity', adminOnly('listImportActivity', async () => ({ ok: true, ...(await importActivity()) })))
  .define('retryImport', adminOnly<{ lsid?: unknown }>('retryImport', async (payload, _site, accountId) => actionResult(await retryImport(payload?.lsid, await administratorRequester(accountId)))))
  .define(
    'reimportSession',
    adminOnly<{ lsid?: unknown }>('reimportSession', async (payload, _site, accountId) => actionResult(await reimportSession(payload?.lsid, await administratorRequester(accountId)))),
  );

function actionResult(result: { ok: boolean; message: string }): object {
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: { code: 'INVALID_INPUT', message: result.message } };
}

export const configResolver = resolver.getDefinitions();
