/**
 * Reads the configured asset field of one issue AS THE CURRENT USER: a user who cannot view the issue
 * learns nothing from it (Jira answers 404, which is all they get).
 *
 * Finding the field: the field id for the configured name is resolved once and cached (as the app:
 * field metadata is the same for everyone), then the issue is read with that field and `expand=names`,
 * which tells whether the field is on this issue. When it is not (another issue type, or a team-managed
 * project with its own field of that name), the issue's navigable fields are read once more with their
 * names and searched for the configured name. So: one Jira request as the user, two at most, plus the
 * Assets object lookups (also as the user) for an Assets field.
 */
import { JiraClient, JiraError } from '../jira/client';
import { resolveField, type ResolvedField } from '../jira/fields';
import { getIssue, type Issue } from '../jira/issues';
import { getAssetObjects } from '../jira/assets';
import { log } from '../shared/log';
import { parseAssetValue } from '../jira/assetFieldValue';
import { JUMP_MESSAGES } from './messages';
import type { JumpError } from './contract';

export interface IssueAsset {
  name: string;
  source: 'text' | 'assets';
  objectKey?: string;
  objectType?: string;
}

export type IssueAssetsResult =
  | { ok: true; issueKey: string; summary?: string; assets: IssueAsset[] }
  | { ok: false; error: JumpError };

const fail = (code: JumpError['code'], message: string): IssueAssetsResult => ({ ok: false, error: { code, message } });

/** The field's id on this issue: the one Jira names exactly `fieldName` (the resolved id first). */
function fieldIdOn(issue: Issue, fieldName: string, preferred?: string): string | undefined {
  const names = issue.names ?? {};
  if (preferred && names[preferred] === fieldName) return preferred;
  const ids = Object.keys(names).filter((id) => names[id] === fieldName);
  return ids.find((id) => issue.fields[id] !== null && issue.fields[id] !== undefined) ?? ids[0];
}

/** A field on this issue whose name differs from the configured one only by case or spacing. */
function similarName(issue: Issue, fieldName: string): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return Object.values(issue.names ?? {}).find((name) => name !== fieldName && norm(name) === norm(fieldName));
}

async function resolveQuietly(fieldName: string): Promise<ResolvedField | undefined> {
  try {
    return await resolveField(JiraClient.asApp(), fieldName);
  } catch (error) {
    log.warn('jump.field.resolve-failed', { error });
    return undefined;
  }
}

export async function readIssueAssets(issueKey: string, fieldName: string): Promise<IssueAssetsResult> {
  const user = JiraClient.asUser();
  try {
    const resolved = await resolveQuietly(fieldName);
    let issue = await getIssue(user, issueKey, resolved ? ['summary', resolved.id] : ['*navigable'], { expandNames: true });
    if (!issue) return fail('NOT_FOUND', JUMP_MESSAGES.notFound(issueKey));
    let fieldId = fieldIdOn(issue, fieldName, resolved?.id);
    if (!fieldId && resolved) {
      issue = await getIssue(user, issueKey, ['*navigable'], { expandNames: true });
      if (!issue) return fail('NOT_FOUND', JUMP_MESSAGES.notFound(issueKey));
      fieldId = fieldIdOn(issue, fieldName);
    }
    if (!fieldId) return fail('FIELD_MISSING', JUMP_MESSAGES.fieldMissing(fieldName, similarName(issue, fieldName)));

    const summary = typeof issue.fields.summary === 'string' ? issue.fields.summary : undefined;
    const value = parseAssetValue(issue.fields[fieldId]);
    const kindHint = resolved && resolved.id === fieldId && resolved.kind !== 'unsupported' ? resolved.kind : undefined;
    switch (value.kind) {
      case 'empty':
        return fail('FIELD_EMPTY', JUMP_MESSAGES.fieldEmpty(fieldName, issue.key, kindHint));
      case 'unsupported':
        return fail('FIELD_UNSUPPORTED', JUMP_MESSAGES.fieldUnsupported(fieldName, value.description));
      case 'text':
        return { ok: true, issueKey: issue.key, summary, assets: value.names.map((name) => ({ name, source: 'text' as const })) };
      case 'assets': {
        const objects = await getAssetObjects(user, value.refs);
        const seen = new Set<string>();
        const assets: IssueAsset[] = [];
        for (const object of objects) {
          const name = object.label.trim();
          if (!name || seen.has(name.toLowerCase())) continue;
          seen.add(name.toLowerCase());
          assets.push({ name, source: 'assets', objectKey: object.objectKey, objectType: object.objectType });
        }
        if (assets.length === 0) return fail('ASSETS_UNAVAILABLE', JUMP_MESSAGES.assetsUnavailable(fieldName, value.refs.length));
        return { ok: true, issueKey: issue.key, summary, assets };
      }
    }
  } catch (error) {
    if (error instanceof JiraError) {
      log.warn('jump.issue.read-failed', { status: error.status, error });
      return fail('ERROR', JUMP_MESSAGES.jiraError(error.message));
    }
    throw error;
  }
}
