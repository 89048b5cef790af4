import { uuidv7 } from 'uuidv7'
import type { components, operations } from '../../generated/openapi.js'
import { isUniqueViolation } from '../db/errors.js'
import { appendEvents, type ChangedField } from '../events/outbox.js'
import type { Db } from '../db/index.js'
import { type SqlTransaction, type SqlValue, valuesPlaceholders } from '../db/select.js'
import { etagOf, type Expected } from '../http/conditional.js'
import type { Position } from '../http/cursor.js'
import { Problem } from '../http/problems.js'
import { normalizeEmail, normalizeName } from './email.js'
import { type Metadata, mergeMetadata, metadataEntries, parseMetadata, storedMetadata } from './metadata.js'
import { hashPassword, verifyPassword } from './password.js'

export type User = components['schemas']['User']
export type UserStatus = components['schemas']['UserStatus']
type UserCreate = components['schemas']['UserCreate']
type UserReplace = components['schemas']['UserReplace']
type UserPatch = components['schemas']['UserPatch']
type ListQuery = NonNullable<operations['listUsers']['parameters']['query']>
export type Sort = NonNullable<ListQuery['sort']>
export type ListFilters = Pick<ListQuery, 'email' | 'status' | 'q' | 'createdAfter' | 'createdBefore' | 'externalId' | 'metadata' | 'id'>

export interface UserRecord {
  id: string
  email: string
  name: string
  status: string
  passwordHash: string
  version: number
  createdAt: Date
  updatedAt: Date
  externalId: string | null
  /** JSON text, as storedMetadata() writes it */
  metadata: string
  disabledAt: Date | null
  lastVerifiedAt: Date | null
}

// The columns of UserRecord, for the hot reads and writes written in SQL
const USER_FIELDS = [
  'id',
  'email',
  'name',
  'status',
  'passwordHash',
  'version',
  'createdAt',
  'updatedAt',
  'externalId',
  'metadata',
  'disabledAt',
  'lastVerifiedAt',
] as const satisfies ReadonlyArray<keyof UserRecord>
const USER_COLUMNS = USER_FIELDS.map((column) => `"${column}"`).join(', ')
const INSERT_USER = `INSERT INTO "User" (${USER_COLUMNS}) VALUES ${valuesPlaceholders(1, USER_FIELDS.length)}`

/** A user to create: with a password to hash, or (imported) with the hash another system made. */
export type NewUser = Omit<UserCreate, 'password'> &
  ({ password: string; passwordHash?: never } | { passwordHash: string; password?: never })

/** The public representation: an allow-list, so the password hash cannot leak from here. */
export function toUser(row: UserRecord): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status as UserStatus,
    externalId: row.externalId,
    metadata: parseMetadata(row.metadata),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastVerifiedAt: row.lastVerifiedAt?.toISOString() ?? null,
  }
}

function notFound(id: string): Problem {
  return new Problem('not_found', { detail: `No user has the id ${id}.` })
}

/** The user's current ETag goes with the 412, so that a client can re-read and retry. */
function preconditionFailed(current: { version: number }): Problem {
  const etag = etagOf(current.version)
  return new Problem('precondition_failed', { headers: { ETag: etag }, extensions: { currentEtag: etag } })
}

export interface WriteOptions {
  /** Name the user that already has the email or externalId in the conflict (the caller may read users). */
  nameExisting?: boolean
}

interface Changes {
  email?: string
  name?: string
  status?: string
  disabledAt?: Date | null
  passwordHash?: string
  externalId?: string | null
  metadata?: string
}

// How a stored change shows in the API: the hash is the password, never shown.
const CHANGED_FIELD: Record<keyof Changes, ChangedField> = {
  email: 'email',
  name: 'name',
  status: 'status',
  disabledAt: 'disabledAt',
  passwordHash: 'password',
  externalId: 'externalId',
  metadata: 'metadata',
}

type Target = {
  email?: string
  name?: string
  status?: string
  password?: string
  externalId?: string | null
  /** the whole new metadata, or a function of the current one (a merge patch) */
  metadata?: (current: Metadata) => Metadata
}

/**
 * The unique column a refused write collided with: Prisma's error names it in its meta, the
 * driver adapter's in its cause (a column list, or the index, which is named after it).
 */
function collidedColumn(error: unknown): 'email' | 'externalId' {
  const { meta, cause } = error as { meta?: unknown; cause?: unknown }
  return /externalId/.test(JSON.stringify(meta ?? cause ?? {})) ? 'externalId' : 'email'
}

/** When a user is disabled: now when it becomes so, cleared when it is active again. */
function disabledAtFor(status: string, now: Date): Date | null {
  return status === 'disabled' ? now : null
}

/** The row of a new user, as create() and createMany() write it. */
function newRow(input: NewUser, passwordHash: string, now: Date): UserRecord {
  const status = input.status ?? 'active'
  return {
    id: uuidv7(),
    email: normalizeEmail(input.email),
    name: normalizeName(input.name),
    status,
    passwordHash,
    version: 1,
    createdAt: now,
    updatedAt: now,
    externalId: input.externalId ?? null,
    metadata: storedMetadata(input.metadata ?? {}),
    disabledAt: disabledAtFor(status, now),
    lastVerifiedAt: null,
  }
}

/** The UserMetadata rows that index a user's stored metadata. */
function entryRows(row: Pick<UserRecord, 'id' | 'metadata'>) {
  return metadataEntries(parseMetadata(row.metadata)).map((entry) => ({ userId: row.id, ...entry }))
}

/** Writes those rows in the hot write's transaction (at most 50 of them: Metadata.maxProperties). */
async function insertEntries(tx: SqlTransaction, entries: ReturnType<typeof entryRows>): Promise<void> {
  if (entries.length === 0) return
  await tx.execute(
    `INSERT INTO "UserMetadata" ("userId", "key", "value") VALUES ${valuesPlaceholders(entries.length, 3)}`,
    entries.flatMap((entry) => [entry.userId, entry.key, entry.value]),
    { model: 'UserMetadata', action: 'createMany' },
  )
}

// A metadata value held by at most this many users is "rare": on SQLite a list filtered by it
// starts from those users rather than from the sort index (see filtersWhere). Either way a
// first page costs a millisecond or two at this bound: looking up and sorting 500 users, or
// walking the ~4 000 rows of the sort index that hold 20 of a value held by 0.5% of 100 000.
// The ids also stay within the 999 values SQLite takes in one query.
export const RARE_VALUE_HOLDERS = 500

// Prisma refuses a query with more bound values than the database takes (999 on SQLite), so
// long lists are looked up this many at a time.
const VALUES_PER_QUERY = 500

// Without If-Match, a concurrent writer that changes the row between our read and our
// conditional write makes us start over from a fresh read; with If-Match it is a 412.
const MAX_WRITE_ATTEMPTS = 20

/** The column a sort orders by, and its direction. */
function sortKey(sort: Sort) {
  return { field: sort.replace(/^-/, '') as 'createdAt' | 'email' | 'name', descending: sort.startsWith('-') }
}

/** The sort key of a row as a cursor stores it. */
export function positionOf(row: UserRecord, sort: Sort): Position {
  const value = row[sortKey(sort).field]
  return { value: value instanceof Date ? value.toISOString() : value, id: row.id }
}

export function createUsersRepository(db: Db) {
  const { prisma } = db

  /** The problem of a write another user's email or externalId refused, naming that user if allowed. */
  async function conflict(error: unknown, values: { email?: string; externalId?: string | null }, options: WriteOptions): Promise<Problem> {
    const column = collidedColumn(error)
    const value = values[column]
    // the holder may be gone again by now; the conflict stands without a name then
    const holder = options.nameExisting && value ? await prisma.user.findFirst({ where: { [column]: value }, select: { id: true } }) : null
    return taken(column, holder?.id, options)
  }

  function taken(column: 'email' | 'externalId', holderId: string | undefined, options: WriteOptions): Problem {
    const code = column === 'externalId' ? 'external_id_taken' : 'email_taken'
    if (!options.nameExisting || holderId === undefined) return new Problem(code)
    return new Problem(code, {
      extensions: { existingUserId: holderId },
      headers: { Link: `</api/users/${holderId}>; rel="existing"` },
    })
  }

  const isTaken = (error: unknown): error is Problem =>
    error instanceof Problem && (error.code === 'email_taken' || error.code === 'external_id_taken')

  /** Runs a write; one that collides with another user's email or externalId is a 409. */
  async function guardUnique<T>(values: { email?: string; externalId?: string | null }, options: WriteOptions, write: () => Promise<T>) {
    try {
      return await write()
    } catch (error) {
      if (isUniqueViolation(error)) throw await conflict(error, values, options)
      throw error
    }
  }

  async function find(id: string): Promise<UserRecord> {
    // getUser and every write start here: a hot read (db/select.ts)
    const [row] = await db.cachedSelect<UserRecord>(`SELECT ${USER_COLUMNS} FROM "User" WHERE "id" = $1`, [id], {
      model: 'User',
      action: 'findUnique',
    })
    if (!row) throw notFound(id)
    return row
  }

  /**
   * A page of every user, the walk a client that keeps its own copy makes: a hot read
   * (db/select.ts). The keyset condition is a row-value comparison, which both SQLite and
   * PostgreSQL seek in the (key, id) index at the position itself. The form list() gives
   * Prisma below (which cannot write row values) seeks the key and then reads every row that
   * shares it: the users of one bulk import share a createdAt, and a page in the middle of a
   * 1 000-user import took 89 µs in SQL that way against 51 µs this way.
   */
  async function unfilteredPage(limit: number, field: 'createdAt' | 'email' | 'name', descending: boolean, after?: Position) {
    const [beyond, direction] = descending ? ['<', 'DESC'] : ['>', 'ASC']
    const args: SqlValue[] = []
    let where = ''
    if (after) {
      args.push(field === 'createdAt' ? new Date(after.value) : after.value, after.id)
      where = `WHERE ("${field}", "id") ${beyond} ($1, $2)`
    }
    args.push(limit + 1)
    const rows = await db.select<UserRecord>(
      `SELECT ${USER_COLUMNS} FROM "User" ${where} ORDER BY "${field}" ${direction}, "id" ${direction} LIMIT $${args.length}`,
      args,
      { model: 'User', action: 'findMany' },
    )
    return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
  }

  /**
   * What `target` changes about `current`; an empty object when nothing changes. Password
   * hashing is slow by design, so a retry after a lost race reuses the earlier work.
   */
  function differ(target: Target) {
    let newHash: Promise<string> | undefined
    const verified = new Map<string, Promise<boolean>>()
    return async (current: UserRecord, now: Date): Promise<Changes> => {
      const changes: Changes = {}
      if (target.email !== undefined && normalizeEmail(target.email) !== current.email) changes.email = normalizeEmail(target.email)
      if (target.name !== undefined && normalizeName(target.name) !== current.name) changes.name = normalizeName(target.name)
      if (target.status !== undefined && target.status !== current.status) {
        changes.status = target.status
        changes.disabledAt = disabledAtFor(target.status, now)
      }
      if (target.externalId !== undefined && target.externalId !== current.externalId) changes.externalId = target.externalId
      if (target.metadata) {
        const metadata = storedMetadata(target.metadata(parseMetadata(current.metadata)))
        if (metadata !== current.metadata) changes.metadata = metadata
      }
      if (target.password !== undefined) {
        const password = target.password
        if (!verified.has(current.passwordHash)) verified.set(current.passwordHash, verifyPassword(current.passwordHash, password))
        if (!(await verified.get(current.passwordHash))) {
          newHash ??= hashPassword(password)
          changes.passwordHash = await newHash
        }
      }
      return changes
    }
  }

  async function change(id: string, target: Target, expected: Expected, options: WriteOptions): Promise<UserRecord> {
    const diff = differ(target)
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await find(id)
      if (Array.isArray(expected) && !expected.includes(current.version)) throw preconditionFailed(current)
      // one instant for the write: updatedAt, and disabledAt when the status changes
      const updatedAt = new Date()
      const changes = await diff(current, updatedAt)
      // a write that changes nothing keeps updatedAt and the version (so the ETag)
      if (Object.keys(changes).length === 0) return current
      // the version in the WHERE makes read-compare-write atomic: of two writers that read
      // the same version, exactly one updates the row (and only then its metadata entries)
      const updated: UserRecord = { ...current, ...changes, version: current.version + 1, updatedAt }
      // the hot write: SQL through the driver adapter (db/select.ts), not Prisma Client,
      // whose interactive transaction took most of an update's time
      const count = await guardUnique(changes, options, () =>
        db.transaction(async (tx) => {
          const columns = Object.keys(changes) as Array<keyof Changes>
          const values: SqlValue[] = columns.map((column) => changes[column] as SqlValue)
          const assignments = columns.map((column, i) => `"${column}" = $${i + 1}`)
          const count = await tx.execute(
            `UPDATE "User" SET ${assignments.join(', ')}, "version" = "version" + 1, "updatedAt" = $${values.length + 1} WHERE "id" = $${values.length + 2} AND "version" = $${values.length + 3}`,
            [...values, updatedAt, id, current.version],
            { model: 'User', action: 'updateMany' },
          )
          if (count === 0) return count
          if (changes.metadata !== undefined) {
            await tx.execute('DELETE FROM "UserMetadata" WHERE "userId" = $1', [id], { model: 'UserMetadata', action: 'deleteMany' })
            await insertEntries(tx, entryRows({ id, metadata: changes.metadata }))
          }
          // a user enabled again starts with a clean slate: the failed verifications counted
          // while it was disabled must not lock it out
          if (changes.status === 'active') {
            await tx.execute('DELETE FROM "PasswordAttemptWindow" WHERE "userId" = $1', [id], {
              model: 'PasswordAttemptWindow',
              action: 'deleteMany',
            })
          }
          const changedFields = columns.map((field) => CHANGED_FIELD[field])
          await appendEvents(tx, db.provider, [{ type: 'user.updated', data: { user: toUser(updated), changedFields } }], updatedAt)
          return count
        }),
      )
      if (count === 1) return updated
      if (Array.isArray(expected)) {
        // someone else wrote first: the version the caller read is gone, unless the row is
        throw preconditionFailed(await find(id))
      }
    }
    throw new Error(`user ${id} kept changing during ${MAX_WRITE_ATTEMPTS} write attempts`)
  }

  /**
   * The ids of the users that hold a metadata value, when at most RARE_VALUE_HOLDERS do;
   * undefined when more do. Reads at most that many entries of the (key, value, userId) index.
   */
  async function fewHolders(key: string, value: string): Promise<string[] | undefined> {
    const beyond = await prisma.userMetadata.findFirst({ where: { key, value }, select: { userId: true }, skip: RARE_VALUE_HOLDERS })
    if (beyond) return undefined
    const entries = await prisma.userMetadata.findMany({ where: { key, value }, select: { userId: true }, take: RARE_VALUE_HOLDERS + 1 })
    // more holders may have appeared since the first read: then the value is common after all
    return entries.length > RARE_VALUE_HOLDERS ? undefined : entries.map((entry) => entry.userId)
  }

  /** The users that hold any of these emails or externalIds, a bounded number of values a query. */
  async function holdersOf(column: 'email' | 'externalId', values: string[]) {
    const holders: Array<{ id: string; email: string; externalId: string | null }> = []
    for (let i = 0; i < values.length; i += VALUES_PER_QUERY) {
      const chunk = values.slice(i, i + VALUES_PER_QUERY)
      holders.push(
        ...(await prisma.user.findMany({ where: { [column]: { in: chunk } }, select: { id: true, email: true, externalId: true } })),
      )
    }
    return holders
  }

  async function filtersWhere(filters: ListFilters) {
    const where: Record<string, unknown>[] = []
    if (filters.email !== undefined) where.push({ email: normalizeEmail(filters.email) })
    if (filters.status !== undefined) where.push({ status: filters.status })
    if (filters.createdAfter !== undefined) where.push({ createdAt: { gt: new Date(filters.createdAfter) } })
    if (filters.createdBefore !== undefined) where.push({ createdAt: { lt: new Date(filters.createdBefore) } })
    if (filters.externalId !== undefined) where.push({ externalId: filters.externalId })
    if (filters.id !== undefined) where.push({ id: { in: filters.id } })
    // each pair: an EXISTS over the user's entries (one probe of the (userId, key) key)
    const metadata = Object.entries(filters.metadata ?? {})
    for (const [key, value] of metadata) where.push({ metadataEntries: { some: { key, value } } })
    if (metadata.length > 0 && db.provider === 'sqlite') {
      // SQLite walks the sort index and probes each user, which finds a page of a common
      // value at once but reads most of the table for a rare one (or one nobody holds). It
      // keeps no per-value statistics to choose otherwise, so the choice is made here: the
      // few holders of a rare value are looked up by id and sorted instead. The probes
      // above stay, so a user whose metadata changed meanwhile is still left out.
      // PostgreSQL's planner makes this choice itself from the (key, value) statistics.
      const rare = (await Promise.all(metadata.map(([key, value]) => fewHolders(key, value)))).filter((ids) => ids !== undefined)
      if (rare.length > 0) {
        const ids = rare.reduce((kept, next) => {
          const other = new Set(next)
          return kept.filter((id) => other.has(id))
        })
        where.push({ id: { in: ids } })
      }
    }
    if (filters.q !== undefined) {
      // SQLite's LIKE ignores (ASCII) case already; PostgreSQL needs ILIKE
      const insensitive = db.provider === 'postgresql' ? { mode: 'insensitive' } : {}
      where.push({
        OR: [{ name: { contains: filters.q, ...insensitive } }, { email: { contains: filters.q.toLowerCase() } }],
      })
    }
    return where
  }

  async function create(input: NewUser, options: WriteOptions = {}): Promise<UserRecord> {
    const row = newRow(input, input.passwordHash ?? (await hashPassword(input.password)), new Date())
    // SQL through the driver adapter, as an update writes (see change())
    return guardUnique(row, options, () =>
      db.transaction(async (tx) => {
        await tx.execute(
          INSERT_USER,
          USER_FIELDS.map((field) => row[field]),
          { model: 'User', action: 'create' },
        )
        await insertEntries(tx, entryRows(row))
        await appendEvents(tx, db.provider, [{ type: 'user.created', data: { user: toUser(row) } }], row.createdAt)
        return row
      }),
    )
  }

  return {
    get: find,

    create,

    /**
     * Creates users that carry their password hash already, in order, as if one create followed
     * the other: of two with the same email or externalId (in the list, or a user already
     * there) the first is created and the other gets the problem its create would have met.
     * Checking the list against the database once and writing it in one transaction costs a
     * fraction of a create each (an import of 1 000 users is one request). When another writer
     * takes one of the emails or externalIds in between, the transaction is refused as a whole
     * and the users are created one by one instead, with the outcomes that gives.
     */
    async createMany(inputs: Array<NewUser & { passwordHash: string }>, options: WriteOptions = {}): Promise<Array<UserRecord | Problem>> {
      const now = new Date()
      const rows = inputs.map((input) => newRow(input, input.passwordHash, now))
      const externalIds = rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId]))
      const existing = [
        ...(await holdersOf(
          'email',
          rows.map((row) => row.email),
        )),
        ...(await holdersOf('externalId', externalIds)),
      ]
      const emailHolder = new Map(existing.map((user) => [user.email, user.id]))
      const externalIdHolder = new Map(existing.flatMap((user) => (user.externalId === null ? [] : [[user.externalId, user.id] as const])))
      const outcomes: Array<UserRecord | Problem> = []
      const accepted: UserRecord[] = []
      for (const row of rows) {
        // the email is checked first, as a create reports it first
        const emailTakenBy = emailHolder.get(row.email)
        const externalIdTakenBy = row.externalId === null ? undefined : externalIdHolder.get(row.externalId)
        if (emailTakenBy !== undefined) outcomes.push(taken('email', emailTakenBy, options))
        else if (externalIdTakenBy !== undefined) outcomes.push(taken('externalId', externalIdTakenBy, options))
        else {
          emailHolder.set(row.email, row.id)
          if (row.externalId !== null) externalIdHolder.set(row.externalId, row.id)
          accepted.push(row)
          outcomes.push(row)
        }
      }
      try {
        await prisma.$transaction(async (tx) => {
          await tx.user.createMany({ data: accepted })
          await tx.userMetadata.createMany({ data: accepted.flatMap(entryRows) })
          await appendEvents(
            tx,
            db.provider,
            accepted.map((row) => ({ type: 'user.created', data: { user: toUser(row) } })),
            now,
          )
        })
        return outcomes
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
      const oneByOne: Array<UserRecord | Problem> = []
      for (const input of inputs) {
        try {
          oneByOne.push(await create(input, options))
        } catch (error) {
          if (!isTaken(error)) throw error
          oneByOne.push(error)
        }
      }
      return oneByOne
    },

    /**
     * Keyset pagination: the page starts strictly after `after` in (sort key, id) order, so
     * it walks an index from there whatever the depth, and rows created or deleted behind
     * or ahead of the position neither repeat nor hide the others.
     */
    async list(page: { limit: number; sort: Sort; filters: ListFilters; after?: Position }) {
      const { field, descending } = sortKey(page.sort)
      if (Object.values(page.filters).every((value) => value === undefined))
        return unfilteredPage(page.limit, field, descending, page.after)
      const direction = descending ? 'desc' : 'asc'
      const where = await filtersWhere(page.filters)
      if (page.after) {
        const [bound, beyond] = descending ? ['lte', 'lt'] : ['gte', 'gt']
        const value = field === 'createdAt' ? new Date(page.after.value) : page.after.value
        // (key, id) beyond the position, written so that the database seeks the index: the
        // redundant range on the key is what lets it start at the position instead of
        // scanning every row before it (the plain OR form costs more the deeper the page)
        where.push({ [field]: { [bound]: value } })
        where.push({ OR: [{ [field]: { [beyond]: value } }, { id: { [beyond]: page.after.id } }] })
      }
      const rows = await prisma.user.findMany({
        where: { AND: where },
        orderBy: [{ [field]: direction }, { id: direction }],
        take: page.limit + 1,
      })
      return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
    },

    replace(id: string, input: UserReplace, expected?: Expected, options: WriteOptions = {}): Promise<UserRecord> {
      // a replacement resets omitted optional fields to their defaults; the password is
      // the exception: omitting it keeps the current one
      const metadata = input.metadata ?? {}
      return change(
        id,
        { ...input, status: input.status ?? 'active', externalId: input.externalId ?? null, metadata: () => metadata },
        expected,
        options,
      )
    },

    update(id: string, patch: UserPatch, expected?: Expected, options: WriteOptions = {}): Promise<UserRecord> {
      const { metadata, ...fields } = patch
      return change(
        id,
        { ...fields, ...(metadata !== undefined ? { metadata: (current) => mergeMetadata(current, metadata) } : {}) },
        expected,
        options,
      )
    },

    /**
     * Deletes the user as last read, so that its user.deleted event carries what was deleted:
     * a writer that changes it in between makes this start over (or, with If-Match, a 412).
     */
    async delete(id: string, expected?: Expected): Promise<void> {
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        // 404 when there is no such user
        const current = await find(id)
        if (Array.isArray(expected) && !expected.includes(current.version)) throw preconditionFailed(current)
        const deleted = await prisma.$transaction(async (tx) => {
          const { count } = await tx.user.deleteMany({ where: { id, version: current.version } })
          if (count === 1) await appendEvents(tx, db.provider, [{ type: 'user.deleted', data: { user: toUser(current) } }])
          return count === 1
        })
        if (deleted) return
      }
      throw new Error(`user ${id} kept changing during ${MAX_WRITE_ATTEMPTS} delete attempts`)
    },

    /**
     * Records a successful password verification. lastVerifiedAt is part of the
     * representation, so its version (the ETag, a strong validator) moves with it and the
     * change has its event; updatedAt stays: nobody wrote to the user's data.
     */
    async recordVerification(id: string, at: Date): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.user.updateMany({ where: { id }, data: { lastVerifiedAt: at, version: { increment: 1 } } })
        // deleted since it was verified: nothing to record
        if (count === 0) return
        const user = await tx.user.findUniqueOrThrow({ where: { id } })
        await appendEvents(tx, db.provider, [{ type: 'user.updated', data: { user: toUser(user), changedFields: ['lastVerifiedAt'] } }], at)
      })
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
