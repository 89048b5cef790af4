import { createHash, randomBytes } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import type { components } from '../../generated/openapi.js'
import type { Db } from '../db/index.js'
import { Problem } from '../http/problems.js'

export type ApiKey = components['schemas']['ApiKey']
export type ApiKeyScope = components['schemas']['ApiKeyScope']
type ApiKeyCreate = components['schemas']['ApiKeyCreate']

interface ApiKeyRecord {
  id: string
  name: string
  scopes: string
  prefix: string
  createdAt: Date
  expiresAt: Date | null
}

// A recognisable prefix lets secret scanners (and people) tell a leaked key for what it is.
const SECRET_PREFIX = 'umk_'

/** SHA-256 of a presented secret: what is stored, and what a request is looked up by. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest()
}

export function toApiKey(row: ApiKeyRecord): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(' ').filter(Boolean) as ApiKeyScope[],
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }
}

export function createApiKeysRepository(db: Db) {
  const keys = db.prisma.apiKey

  return {
    /** Issues a key; the secret is returned this once and only its hash is stored. */
    async create(input: ApiKeyCreate, now = new Date()): Promise<{ record: ApiKeyRecord; secret: string }> {
      const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt)
      if (expiresAt && expiresAt <= now) {
        throw new Problem('validation_failed', { errors: [{ pointer: '/body/expiresAt', detail: 'must be in the future' }] })
      }
      const secret = SECRET_PREFIX + randomBytes(32).toString('base64url')
      const record = await keys.create({
        data: {
          id: uuidv7(),
          name: input.name.trim(),
          scopes: [...new Set(input.scopes)].join(' '),
          secretHash: hashSecret(secret).toString('hex'),
          prefix: secret.slice(0, SECRET_PREFIX.length + 4),
          createdAt: now,
          expiresAt,
        },
      })
      return { record, secret }
    },

    list(): Promise<ApiKeyRecord[]> {
      return keys.findMany({ orderBy: { id: 'desc' } })
    },

    /** Revocation deletes the key: the next request made with it finds nothing. */
    async revoke(id: string): Promise<void> {
      const { count } = await keys.deleteMany({ where: { id } })
      if (count === 0) throw new Problem('not_found', { detail: `No API key has the id ${id}.` })
    },

    /**
     * The live key whose secret has this hashSecret() digest, if any (unknown and expired
     * keys alike give null). Authentication has the digest already, from its master-key check.
     */
    async findByDigest(digest: Buffer, now = new Date()): Promise<ApiKeyRecord | null> {
      // every authenticated request makes this lookup: a hot read (db/select.ts)
      const [row] = await db.cachedSelect<ApiKeyRecord>(
        'SELECT "id", "name", "scopes", "prefix", "createdAt", "expiresAt" FROM "ApiKey" WHERE "secretHash" = $1',
        [digest.toString('hex')],
        { model: 'ApiKey', action: 'findUnique' },
      )
      if (!row || (row.expiresAt && row.expiresAt <= now)) return null
      return row
    },
  }
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>
