import { uuidv7 } from 'uuidv7'
import type { components } from '../../generated/openapi.js'
import type { Db } from '../db/index.js'
import { Problem } from '../http/problems.js'
import { normalizeEmail, normalizeName } from './email.js'
import { hashPassword, verifyPassword } from './password.js'

export type User = components['schemas']['User']
export type UserStatus = components['schemas']['UserStatus']
type UserCreate = components['schemas']['UserCreate']
type UserReplace = components['schemas']['UserReplace']
type UserPatch = components['schemas']['UserPatch']

export interface UserRecord {
  id: string
  email: string
  name: string
  status: string
  passwordHash: string
  version: number
  createdAt: Date
  updatedAt: Date
}

/** The public representation: an allow-list, so the password hash cannot leak from here. */
export function toUser(row: UserRecord): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status as UserStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

function notFound(id: string): Problem {
  return new Problem('not_found', { detail: `No user has the id ${id}.` })
}

/** Writes that may collide with another user's email report it as `email_taken`. */
async function guardEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) throw new Problem('email_taken')
    throw error
  }
}

interface Changes {
  email?: string
  name?: string
  status?: string
  passwordHash?: string
}

// A concurrent writer can change the row between our read and our write; the write is
// conditional on the version we read, and a lost race starts over from a fresh read.
const MAX_WRITE_ATTEMPTS = 5

export function createUsersRepository(db: Db) {
  const { prisma } = db

  async function find(id: string): Promise<UserRecord> {
    const row = await prisma.user.findUnique({ where: { id } })
    if (!row) throw notFound(id)
    return row
  }

  /** What `target` changes about `current`; an empty object when nothing changes. */
  async function diff(current: UserRecord, target: { email?: string; name?: string; status?: string; password?: string }) {
    const changes: Changes = {}
    if (target.email !== undefined && normalizeEmail(target.email) !== current.email) changes.email = normalizeEmail(target.email)
    if (target.name !== undefined && normalizeName(target.name) !== current.name) changes.name = normalizeName(target.name)
    if (target.status !== undefined && target.status !== current.status) changes.status = target.status
    if (target.password !== undefined && !(await verifyPassword(current.passwordHash, target.password))) {
      changes.passwordHash = await hashPassword(target.password)
    }
    return changes
  }

  async function change(id: string, target: (current: UserRecord) => Parameters<typeof diff>[1]): Promise<UserRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await find(id)
      const changes = await diff(current, target(current))
      // a write that changes nothing keeps updatedAt (and the version)
      if (Object.keys(changes).length === 0) return current
      const updatedAt = new Date()
      const { count } = await guardEmail(() =>
        prisma.user.updateMany({
          where: { id, version: current.version },
          data: { ...changes, version: { increment: 1 }, updatedAt },
        }),
      )
      if (count === 1) return { ...current, ...changes, version: current.version + 1, updatedAt }
    }
    throw new Error(`user ${id} kept changing during ${MAX_WRITE_ATTEMPTS} write attempts`)
  }

  return {
    get: find,

    async create(input: UserCreate): Promise<UserRecord> {
      const now = new Date()
      const passwordHash = await hashPassword(input.password)
      return guardEmail(() =>
        prisma.user.create({
          data: {
            id: uuidv7(),
            email: normalizeEmail(input.email),
            name: normalizeName(input.name),
            status: input.status ?? 'active',
            passwordHash,
            createdAt: now,
            updatedAt: now,
          },
        }),
      )
    },

    /** Keyset pagination in id order, which is creation order for UUIDv7 ids. */
    async list(page: { limit: number; after?: string }): Promise<{ rows: UserRecord[]; hasMore: boolean }> {
      const rows = await prisma.user.findMany({
        where: page.after ? { id: { gt: page.after } } : {},
        orderBy: { id: 'asc' },
        take: page.limit + 1,
      })
      return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
    },

    replace(id: string, input: UserReplace): Promise<UserRecord> {
      // a replacement resets omitted optional fields to their defaults; the password is
      // the exception: omitting it keeps the current one
      return change(id, () => ({ ...input, status: input.status ?? 'active' }))
    },

    update(id: string, patch: UserPatch): Promise<UserRecord> {
      return change(id, () => patch)
    },

    async delete(id: string): Promise<void> {
      const { count } = await prisma.user.deleteMany({ where: { id } })
      if (count === 0) throw notFound(id)
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
