/**
 * The Forge Key-Value Store as the real @forge/kvs client sees it: the `/api/v1/*` operations
 * (get, set, delete, query, secret/*, batch/*, transaction) over the host database, with Forge's
 * limits enforced (key length and characters, value size and depth, query page size, transaction size)
 * and secrets encrypted at rest.
 *
 * Error bodies follow `{code, message}` so @forge/kvs raises ForgeKvsAPIError with that code.
 * A FAIL_IF_EXISTS conflict answers 409 with code KEY_ALREADY_EXISTS (the real code is undocumented;
 * the app treats any 409 on such a write as "already exists").
 */
import crypto from 'node:crypto';
import type { HostDatabase } from './database';

type Namespace = 'app' | 'secret';

export interface KvsReply {
  status: number;
  body?: unknown;
}

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

interface SetOptions {
  ttl?: { value: number; unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMetadataFields?: string[];
  metadataFields?: string[];
}

interface WhereClause {
  property: string;
  condition: string;
  values: Array<string | number>;
}

export const KVS_LIMITS = {
  keyMaxLength: 500,
  valueMaxBytes: 240 * 1024,
  maxDepth: 31,
  queryMaxLimit: 100,
  queryDefaultLimit: 10,
  transactionMaxOps: 25,
  transactionMaxBytes: 4 * 1024 * 1024,
  ttlMaxSeconds: 366 * 24 * 3600,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 } as const;

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function depthOf(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(child, depth + 1));
  }
  return max;
}

export class KvsStore {
  /** Counts operations by path, for benchmarks and tests. */
  readonly operations = new Map<string, number>();

  constructor(
    private readonly database: HostDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  handle(path: string, body: unknown): KvsReply {
    const op = path.replace(/^\/api\/v1\//, '');
    this.operations.set(op, (this.operations.get(op) ?? 0) + 1);
    try {
      return this.dispatch(op, body);
    } catch (error) {
      if (error instanceof KvsError) return { status: error.status, body: { code: error.code, message: error.message } };
      throw error;
    }
  }

  private dispatch(op: string, body: unknown): KvsReply {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (op) {
      case 'get':
        return this.get('app', b);
      case 'secret/get':
        return this.get('secret', b);
      case 'set':
        return this.set('app', b);
      case 'secret/set':
        return this.set('secret', b);
      case 'delete':
        return this.remove('app', b);
      case 'secret/delete':
        return this.remove('secret', b);
      case 'query':
        return this.query(b);
      case 'batch/set':
        return this.batchSet(body);
      case 'batch/get':
        return this.batchGet(body);
      case 'batch/delete':
        return this.batchDelete(body);
      case 'transaction':
        return this.transaction(b);
      default:
        if (op.startsWith('entity/')) {
          throw new KvsError(400, 'ENTITY_NOT_DECLARED', 'Custom entities are not declared in manifest.yml');
        }
        throw new KvsError(404, 'NOT_FOUND', `Unknown KVS operation ${op}`);
    }
  }

  // ---- single-key operations -------------------------------------------------------------

  private get(ns: Namespace, b: Record<string, unknown>): KvsReply {
    const key = this.checkKey(b.key);
    const row = this.read(ns, key);
    if (!row) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: `Key ${key} not found` } };
    return { status: 200, body: this.present(ns, row) };
  }

  private set(ns: Namespace, b: Record<string, unknown>): KvsReply {
    const key = this.checkKey(b.key);
    const options = (b.options ?? {}) as SetOptions;
    const previous = this.read(ns, key);
    const written = this.write(ns, key, b.value, options, previous);
    if (options.returnValue) {
      const shown = options.returnValue === 'PREVIOUS' ? previous : written;
      return { status: 200, body: shown ? this.present(ns, shown) : { key } };
    }
    return { status: 204 };
  }

  private remove(ns: Namespace, b: Record<string, unknown>): KvsReply {
    const key = this.checkKey(b.key);
    this.database.db.prepare('DELETE FROM kvs WHERE namespace = ? AND key = ?').run(ns, key);
    return { status: 204 };
  }

  // ---- query -----------------------------------------------------------------------------

  private query(b: Record<string, unknown>): KvsReply {
    const limit = b.limit === undefined ? KVS_LIMITS.queryDefaultLimit : Number(b.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryMaxLimit) {
      throw new KvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `limit must be between 1 and ${KVS_LIMITS.queryMaxLimit}`);
    }
    const where = (b.where as WhereClause[] | undefined) ?? [];
    const clauses: string[] = ['namespace = ?', '(expire_at IS NULL OR expire_at > ?)'];
    const params: Array<string | number> = ['app', this.now()];
    for (const clause of where) {
      if (clause.property !== 'key') {
        throw new KvsError(400, 'QUERY_WHERE_INVALID', 'Only the key property can be filtered');
      }
      const [first, second] = clause.values.map(String);
      switch (clause.condition) {
        case 'BEGINS_WITH':
          clauses.push('substr(key, 1, ?) = ?');
          params.push((first ?? '').length, first ?? '');
          break;
        case 'EQUAL_TO':
          clauses.push('key = ?');
          params.push(first ?? '');
          break;
        case 'BETWEEN':
          clauses.push('key >= ? AND key <= ?');
          params.push(first ?? '', second ?? '');
          break;
        case 'GREATER_THAN':
          clauses.push('key > ?');
          params.push(first ?? '');
          break;
        case 'GREATER_THAN_EQUAL_TO':
          clauses.push('key >= ?');
          params.push(first ?? '');
          break;
        case 'LESS_THAN':
          clauses.push('key < ?');
          params.push(first ?? '');
          break;
        case 'LESS_THAN_EQUAL_TO':
          clauses.push('key <= ?');
          params.push(first ?? '');
          break;
        default:
          throw new KvsError(400, 'QUERY_WHERE_INVALID', `Unsupported condition ${clause.condition}`);
      }
    }
    if (typeof b.after === 'string' && b.after) {
      clauses.push('key > ?');
      params.push(Buffer.from(b.after, 'base64url').toString('utf8'));
    }
    const rows = this.database.db
      .prepare(`SELECT key, value, created_at, updated_at, expire_at FROM kvs WHERE ${clauses.join(' AND ')} ORDER BY key LIMIT ?`)
      .all(...params, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((row) => this.present('app', row)),
        ...(hasMore && last ? { cursor: Buffer.from(last.key, 'utf8').toString('base64url') } : {}),
      },
    };
  }

  // ---- batch and transactions --------------------------------------------------------------

  private batchItems(body: unknown): Array<Record<string, unknown>> {
    if (!Array.isArray(body)) throw new KvsError(400, 'INVALID_REQUEST', 'Batch body must be an array');
    if (body.length > KVS_LIMITS.transactionMaxOps) {
      throw new KvsError(400, 'BATCH_TOO_LARGE', `A batch can hold at most ${KVS_LIMITS.transactionMaxOps} items`);
    }
    return body as Array<Record<string, unknown>>;
  }

  private batchSet(body: unknown): KvsReply {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      try {
        if (item.entityName) throw new KvsError(400, 'ENTITY_NOT_DECLARED', 'Custom entities are not declared');
        const key = this.checkKey(item.key);
        this.write('app', key, item.value, (item.options ?? {}) as SetOptions, this.read('app', key));
        successfulKeys.push({ key });
      } catch (error) {
        if (!(error instanceof KvsError)) throw error;
        failedKeys.push({ key: item.key, error: { code: error.code, message: error.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(body: unknown): KvsReply {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const key = this.checkKey(item.key);
      const row = this.read('app', key);
      if (row) successfulKeys.push(this.present('app', row));
      else failedKeys.push({ key, error: { code: 'KEY_NOT_FOUND', message: `Key ${key} not found` } });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(body: unknown): KvsReply {
    const successfulKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const key = this.checkKey(item.key);
      this.database.db.prepare('DELETE FROM kvs WHERE namespace = ? AND key = ?').run('app', key);
      successfulKeys.push({ key });
    }
    return { status: 200, body: { successfulKeys, failedKeys: [] } };
  }

  private transaction(b: Record<string, unknown>): KvsReply {
    const sets = (b.set as Array<Record<string, unknown>> | undefined) ?? [];
    const deletes = (b.delete as Array<Record<string, unknown>> | undefined) ?? [];
    const checks = (b.check as unknown[] | undefined) ?? [];
    if (checks.length || [...sets, ...deletes].some((op) => op.entityName || op.conditions)) {
      throw new KvsError(400, 'ENTITY_NOT_DECLARED', 'Transaction checks and conditions need custom entities, which are not declared');
    }
    const count = sets.length + deletes.length;
    if (count === 0) throw new KvsError(400, 'INVALID_REQUEST', 'A transaction needs at least one operation');
    if (count > KVS_LIMITS.transactionMaxOps) {
      throw new KvsError(400, 'TRANSACTION_TOO_LARGE', `A transaction can hold at most ${KVS_LIMITS.transactionMaxOps} operations`);
    }
    if (Buffer.byteLength(JSON.stringify(b)) > KVS_LIMITS.transactionMaxBytes) {
      throw new KvsError(400, 'MAX_SIZE', 'A transaction payload is limited to 4MB');
    }
    const keys = [...sets, ...deletes].map((op) => this.checkKey(op.key));
    if (new Set(keys).size !== keys.length) {
      throw new KvsError(400, 'DUPLICATE_KEY', 'Each key can only be used once in a transaction');
    }
    const run = this.database.db.transaction(() => {
      for (const op of sets) {
        const key = String(op.key);
        this.write('app', key, op.value, (op.options ?? {}) as SetOptions, this.read('app', key));
      }
      for (const op of deletes) {
        this.database.db.prepare('DELETE FROM kvs WHERE namespace = ? AND key = ?').run('app', String(op.key));
      }
    });
    run();
    return { status: 204 };
  }

  // ---- storage -------------------------------------------------------------------------------

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0) throw new KvsError(400, 'KEY_TOO_SHORT', 'Key must not be empty');
    if (key.length > KVS_LIMITS.keyMaxLength) {
      throw new KvsError(400, 'KEY_TOO_LONG', `Key must be at most ${KVS_LIMITS.keyMaxLength} characters`);
    }
    if (!KEY_PATTERN.test(key)) throw new KvsError(400, 'INVALID_KEY', `Key contains characters KVS does not allow: ${key}`);
    return key;
  }

  private read(ns: Namespace, key: string): Row | undefined {
    const row = this.database.db
      .prepare('SELECT key, value, created_at, updated_at, expire_at FROM kvs WHERE namespace = ? AND key = ?')
      .get(ns, key) as Row | undefined;
    if (row && row.expire_at !== null && row.expire_at <= this.now()) {
      this.database.db.prepare('DELETE FROM kvs WHERE namespace = ? AND key = ?').run(ns, key);
      return undefined;
    }
    return row;
  }

  private write(ns: Namespace, key: string, value: unknown, options: SetOptions, previous: Row | undefined): Row {
    if (value === undefined) throw new KvsError(400, 'INVALID_VALUE', 'Value must be JSON');
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsError(409, 'KEY_ALREADY_EXISTS', `Key ${key} already exists`);
    }
    const serialized = JSON.stringify(value);
    if (Buffer.byteLength(serialized) > KVS_LIMITS.valueMaxBytes) {
      throw new KvsError(400, 'MAX_SIZE', `Value exceeds ${KVS_LIMITS.valueMaxBytes} bytes`);
    }
    if (depthOf(value) > KVS_LIMITS.maxDepth) throw new KvsError(400, 'MAX_DEPTH', `Value nesting exceeds ${KVS_LIMITS.maxDepth}`);
    const now = this.now();
    let expireAt: number | null = null;
    if (options.ttl) {
      const seconds = options.ttl.value * (UNIT_SECONDS[options.ttl.unit] ?? Number.NaN);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > KVS_LIMITS.ttlMaxSeconds) {
        throw new KvsError(400, 'INVALID_TTL', 'TTL must be positive and at most one year');
      }
      expireAt = now + seconds * 1000;
    }
    const stored = ns === 'secret' ? this.encrypt(serialized) : serialized;
    const row: Row = {
      key,
      value: stored,
      created_at: previous?.created_at ?? now,
      updated_at: now,
      expire_at: expireAt,
    };
    this.database.db
      .prepare(
        `INSERT INTO kvs (namespace, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
      )
      .run(ns, key, row.value, row.created_at, row.updated_at, row.expire_at);
    return row;
  }

  private present(ns: Namespace, row: Row): Record<string, unknown> {
    const text = ns === 'secret' ? this.decrypt(row.value) : row.value;
    return {
      key: row.key,
      value: JSON.parse(text),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.expire_at !== null ? { expireTime: new Date(row.expire_at).toISOString() } : {}),
    };
  }

  private encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.database.secretKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  private decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.database.secretKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
