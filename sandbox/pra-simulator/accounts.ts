/** API accounts (Management > API Configuration): credentials, enabled flag, permissions. */
import { z } from 'zod';
import { randomAlnum, randomHex } from './ids';
import { parseInput, SimError } from './input';
import type { ApiAccount, ApiPermissions } from './model';
import type { PraState } from './state';

const PermissionsPatchSchema = z
  .object({
    command: z.enum(['full_access', 'read_only', 'deny']),
    reporting: z.boolean(),
    configuration: z.boolean(),
    backup: z.boolean(),
    configurationVaultAccount: z.boolean(),
    ecm: z.boolean(),
    reportingLicense: z.boolean(),
    reportingVault: z.boolean(),
    vaultBackup: z.boolean(),
    scim: z.boolean(),
  })
  .partial()
  .strict();

const AccountPatchSchema = z
  .object({
    name: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
    permissions: PermissionsPatchSchema.optional(),
  })
  .strict();

const AccountInputSchema = AccountPatchSchema.extend({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
}).strict();

export type AccountInput = z.input<typeof AccountInputSchema>;
export type AccountPatch = z.input<typeof AccountPatchSchema>;

export interface ApiAccountView extends ApiAccount {
  /** Tokens of this account that are currently valid. */
  liveTokens: number;
}

/** A new account gets full command access, reporting and configuration access, nothing else. */
function defaultPermissions(): ApiPermissions {
  return {
    command: 'full_access',
    reporting: true,
    configuration: true,
    backup: false,
    configurationVaultAccount: false,
    ecm: false,
    reportingLicense: false,
    reportingVault: false,
    vaultBackup: false,
    scim: false,
  };
}

function findAccount(state: PraState, clientId: string): ApiAccount {
  const account = state.accounts.get(clientId);
  if (!account) throw new SimError(404, `No API account with client ID ${clientId}`);
  return account;
}

function liveTokenCount(state: PraState, accountId: number): number {
  const now = state.now();
  let count = 0;
  for (const token of state.tokens.values()) if (token.accountId === accountId && token.expiresAt > now) count += 1;
  return count;
}

function revokeTokens(state: PraState, accountId: number): void {
  for (const [value, token] of state.tokens) if (token.accountId === accountId) state.tokens.delete(value);
}

function view(state: PraState, account: ApiAccount): ApiAccountView {
  return { ...account, permissions: { ...account.permissions }, liveTokens: liveTokenCount(state, account.id) };
}

export function createAccount(state: PraState, input: AccountInput = {}): ApiAccountView {
  const parsed = parseInput(AccountInputSchema, input);
  const clientId = parsed.clientId ?? randomHex(40);
  if (state.accounts.has(clientId)) throw new SimError(409, `An API account with client ID ${clientId} already exists`);
  const id = state.nextSeq('account');
  const account: ApiAccount = {
    id,
    name: parsed.name ?? `API account ${id}`,
    clientId,
    clientSecret: parsed.clientSecret ?? randomAlnum(44),
    enabled: parsed.enabled ?? true,
    permissions: { ...defaultPermissions(), ...parsed.permissions },
    tokenRequests: 0,
  };
  state.accounts.set(clientId, account);
  return view(state, account);
}

/** Changes name, enabled flag or permissions; disabling an account also invalidates its tokens. */
export function updateAccount(state: PraState, clientId: string, patch: AccountPatch): ApiAccountView {
  const parsed = parseInput(AccountPatchSchema, patch);
  const account = findAccount(state, clientId);
  if (parsed.name !== undefined) account.name = parsed.name;
  if (parsed.enabled !== undefined) account.enabled = parsed.enabled;
  if (parsed.permissions) account.permissions = { ...account.permissions, ...parsed.permissions };
  if (!account.enabled) revokeTokens(state, account.id);
  return view(state, account);
}

/** Regenerates the client secret (or sets the given one); all of the account's tokens stop working. */
export function rotateSecret(state: PraState, clientId: string, newSecret?: string): ApiAccountView {
  const account = findAccount(state, clientId);
  account.clientSecret = newSecret ?? randomAlnum(44);
  revokeTokens(state, account.id);
  return view(state, account);
}

export function listAccounts(state: PraState): ApiAccountView[] {
  return [...state.accounts.values()].map((account) => view(state, account));
}
