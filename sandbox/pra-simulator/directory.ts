/** The appliance's configuration objects: PRA users, Jump Groups, Jumpoints, Jump Items, custom fields. */
import { z } from 'zod';
import { parseInput, SimError } from './input';
import {
  JUMP_ITEM_TYPES,
  type CustomField,
  type JumpGroup,
  type JumpItem,
  type JumpItemType,
  type Jumpoint,
  type PraUser,
  type SessionJumpItem,
} from './model';
import type { PraState } from './state';

const UserInputSchema = z
  .object({
    username: z.string().min(1),
    displayName: z.string().optional(),
    publicDisplayName: z.string().optional(),
    privateDisplayName: z.string().optional(),
    email: z.string().optional(),
    publicIp: z.string().optional(),
    privateIp: z.string().optional(),
    hostname: z.string().nullable().optional(),
    os: z.string().optional(),
  })
  .strict();
export type UserInput = z.input<typeof UserInputSchema>;

/** A PRA user: a known username, or an inline user (created when the username is new). */
export const UserRefSchema = z.union([z.string().min(1), UserInputSchema]);
export type UserRef = z.input<typeof UserRefSchema>;

const JumpGroupInputSchema = z
  .object({
    name: z.string().min(1),
    codeName: z.string().min(1).optional(),
    type: z.enum(['shared', 'personal']).optional(),
    comments: z.string().optional(),
  })
  .strict();
export type JumpGroupInput = z.input<typeof JumpGroupInputSchema>;

const JumpointInputSchema = z
  .object({ name: z.string().min(1), codeName: z.string().min(1).optional(), comments: z.string().optional() })
  .strict();
export type JumpointInput = z.input<typeof JumpointInputSchema>;

const JumpItemFields = {
  type: z.enum(JUMP_ITEM_TYPES),
  name: z.string().min(1).max(128),
  hostname: z.string().min(1).max(128),
  comments: z.string().max(1024),
  tag: z.string().max(1024),
  jumpGroupId: z.number().int(),
  jumpointId: z.number().int().nullable(),
  jumpPolicyId: z.number().int().nullable(),
  sessionPolicyId: z.number().int().nullable(),
  publicIp: z.string(),
  privateIp: z.string(),
  os: z.string(),
  ticketIdRequired: z.boolean(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
};

const JumpItemPatchSchema = z.object(JumpItemFields).partial().strict();
const JumpItemInputSchema = JumpItemPatchSchema.required({ name: true, hostname: true });
export type JumpItemInput = z.input<typeof JumpItemInputSchema>;
export type JumpItemPatch = z.input<typeof JumpItemPatchSchema>;

/**
 * A Jump Item: `{id}` must exist; otherwise the item whose name and/or hostname equal the given ones
 * (case-insensitive); otherwise a new Jump Item is created from the given fields.
 */
export const JumpItemRefSchema = JumpItemPatchSchema.extend({ id: z.number().int().optional() }).strict();
export type JumpItemRef = z.input<typeof JumpItemRefSchema>;

const CustomFieldInputSchema = z
  .object({ codeName: z.string().regex(/^[a-z0-9_]+$/, 'code names are lowercase letters, digits and _'), displayName: z.string().min(1) })
  .strict();
export type CustomFieldInput = z.input<typeof CustomFieldInputSchema>;

/** Types that reach the endpoint through a Jumpoint (the others run from a Jump Client or the console's network). */
const JUMPOINT_TYPES = new Set<JumpItemType>(['remote-rdp', 'remote-vnc', 'shell-jump', 'protocol-tunnel-jump', 'web-jump', 'remote-jump']);

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

// ---- users ----

function findUser(state: PraState, username: string): PraUser | undefined {
  for (const user of state.users.values()) if (sameText(user.username, username)) return user;
  return undefined;
}

const UserPatchSchema = UserInputSchema.omit({ username: true })
  .extend({ email: z.string().nullable().optional() })
  .partial()
  .strict();
export type UserPatch = z.input<typeof UserPatchSchema>;

/** Changes a user (by username); `email: null` or `""` leaves the user without an email address. */
export function updateUser(state: PraState, username: string, patch: UserPatch): PraUser {
  const parsed = parseInput(UserPatchSchema, patch);
  const user = findUser(state, username);
  if (!user) throw new SimError(404, `No PRA user named ${username}`);
  const { email, ...rest } = parsed;
  Object.assign(user, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
  if (email !== undefined) user.email = email ?? '';
  return user;
}

export function createUser(state: PraState, input: UserInput): PraUser {
  const parsed = parseInput(UserInputSchema, input);
  if (findUser(state, parsed.username)) throw new SimError(409, `A PRA user named ${parsed.username} already exists`);
  const displayName = parsed.displayName ?? parsed.username;
  const id = state.nextSeq('user');
  const user: PraUser = {
    id,
    username: parsed.username,
    displayName,
    publicDisplayName: parsed.publicDisplayName ?? displayName,
    privateDisplayName: parsed.privateDisplayName ?? displayName,
    email: parsed.email ?? `${parsed.username}@example.com`,
    publicIp: parsed.publicIp ?? `203.0.113.${10 + (id % 200)}:5${String(id).padStart(4, '0')}`,
    privateIp: parsed.privateIp ?? 'Unknown',
    hostname: parsed.hostname ?? null,
    os: parsed.os ?? 'Unknown',
  };
  state.users.set(id, user);
  return user;
}

export function resolveUser(state: PraState, ref: UserRef): PraUser {
  const parsed = parseInput(UserRefSchema, ref);
  if (typeof parsed === 'string') {
    const user = findUser(state, parsed);
    if (!user) throw new SimError(404, `No PRA user named ${parsed}`);
    return user;
  }
  return findUser(state, parsed.username) ?? createUser(state, parsed);
}

// ---- Jump Groups and Jumpoints ----

const codeNameOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export function createJumpGroup(state: PraState, input: JumpGroupInput): JumpGroup {
  const parsed = parseInput(JumpGroupInputSchema, input);
  const id = state.nextSeq('jumpGroup');
  const group: JumpGroup = {
    id,
    name: parsed.name,
    codeName: parsed.codeName ?? codeNameOf(parsed.name),
    type: parsed.type ?? 'shared',
    comments: parsed.comments ?? '',
  };
  state.jumpGroups.set(id, group);
  return group;
}

export function createJumpoint(state: PraState, input: JumpointInput): Jumpoint {
  const parsed = parseInput(JumpointInputSchema, input);
  const id = state.nextSeq('jumpoint');
  const jumpoint: Jumpoint = { id, name: parsed.name, codeName: parsed.codeName ?? codeNameOf(parsed.name), comments: parsed.comments ?? '' };
  state.jumpoints.set(id, jumpoint);
  return jumpoint;
}

// ---- Jump Items ----

function checkReferences(state: PraState, item: JumpItem): void {
  if (!state.jumpGroups.has(item.jumpGroupId)) throw new SimError(400, `No Jump Group with id ${item.jumpGroupId}`);
  if (item.jumpointId !== null && !state.jumpoints.has(item.jumpointId)) {
    throw new SimError(400, `No Jumpoint with id ${item.jumpointId}`);
  }
}

function buildJumpItem(state: PraState, fields: z.output<typeof JumpItemInputSchema>): JumpItem {
  const type = fields.type ?? 'remote-rdp';
  const defaultJumpoint = JUMPOINT_TYPES.has(type) ? ([...state.jumpoints.keys()][0] ?? null) : null;
  const item: JumpItem = {
    id: state.nextSeq('jumpItem'),
    type,
    name: fields.name,
    hostname: fields.hostname,
    comments: fields.comments ?? '',
    tag: fields.tag ?? '',
    jumpGroupId: fields.jumpGroupId ?? [...state.jumpGroups.keys()][0] ?? 0,
    jumpointId: fields.jumpointId === undefined ? defaultJumpoint : fields.jumpointId,
    jumpPolicyId: fields.jumpPolicyId ?? null,
    sessionPolicyId: fields.sessionPolicyId ?? null,
    publicIp: fields.publicIp ?? '',
    privateIp: fields.privateIp ?? '',
    os: fields.os ?? '',
    ticketIdRequired: fields.ticketIdRequired ?? false,
    settings: fields.settings ?? {},
  };
  checkReferences(state, item);
  state.jumpItems.set(item.id, item);
  return item;
}

export function createJumpItem(state: PraState, input: JumpItemInput): JumpItem {
  return buildJumpItem(state, parseInput(JumpItemInputSchema, input));
}

function findJumpItem(state: PraState, id: number): JumpItem {
  const item = state.jumpItems.get(id);
  if (!item) throw new SimError(404, `No Jump Item with id ${id}`);
  return item;
}

export function updateJumpItem(state: PraState, id: number, patch: JumpItemPatch): JumpItem {
  const parsed = parseInput(JumpItemPatchSchema, patch);
  const item = findJumpItem(state, id);
  const updated = { ...item, ...parsed };
  checkReferences(state, updated);
  Object.assign(item, updated);
  return item;
}

export function deleteJumpItem(state: PraState, id: number): void {
  findJumpItem(state, id);
  state.jumpItems.delete(id);
}

export function resolveJumpItem(state: PraState, ref: JumpItemRef): JumpItem {
  const { id, ...fields } = parseInput(JumpItemRefSchema, ref);
  if (id !== undefined) return findJumpItem(state, id);
  const { name, hostname } = fields;
  if (name === undefined && hostname === undefined) throw new SimError(400, 'A Jump Item needs an id, a name or a hostname');
  for (const item of state.jumpItems.values()) {
    if ((name === undefined || sameText(item.name, name)) && (hostname === undefined || sameText(item.hostname, hostname))) return item;
  }
  return buildJumpItem(state, { ...fields, name: name ?? hostname ?? '', hostname: hostname ?? name ?? '' });
}

/** The Jump Item as a session records it (group and Jumpoint names resolved). */
export function jumpItemSnapshot(state: PraState, item: JumpItem): SessionJumpItem {
  const group = state.jumpGroups.get(item.jumpGroupId);
  const jumpoint = item.jumpointId === null ? undefined : state.jumpoints.get(item.jumpointId);
  return {
    id: item.id,
    name: item.name,
    hostname: item.hostname,
    jumpGroup: { id: item.jumpGroupId, type: group?.type ?? 'shared', name: group?.name ?? '' },
    jumpoint: jumpoint ? { id: jumpoint.id, name: jumpoint.name } : null,
  };
}

// ---- custom fields ----

export function defineCustomField(state: PraState, input: CustomFieldInput): CustomField {
  const parsed = parseInput(CustomFieldInputSchema, input);
  if (parsed.codeName === 'external_key') throw new SimError(400, 'external_key is built in and needs no custom field');
  if (!state.customFields.has(parsed.codeName) && state.customFields.size >= 30) {
    throw new SimError(409, 'At most 30 custom fields can be defined');
  }
  state.customFields.set(parsed.codeName, parsed);
  return parsed;
}

export function customFieldDisplayName(state: PraState, codeName: string): string {
  return codeName === 'external_key' ? 'External Key' : (state.customFields.get(codeName)?.displayName ?? codeName);
}
