import { scrypt, timingSafeEqual } from 'node:crypto'
import { parseOptions as parseArgon2, type Options } from '@node-rs/argon2'
import { verify as verifyBcrypt } from '@node-rs/bcrypt'
import PQueue from 'p-queue'
import { Piscina } from 'piscina'
import { passwordHashesInFlight, passwordHashesRejected, passwordHashesWaiting } from '../metrics/registry.js'
import type { HashTask } from './hash-worker.js'

/** How many hashes may run at once and how many may wait; beyond that, work is refused. */
export interface HashingLimits {
  concurrency: number
  queueMax: number
}

/**
 * Thrown instead of queueing a hash when the queue is full: the caller should answer
 * "come back later" at once, since waiting behind that many hashes would take longer than
 * a client waits, while every other request of the process keeps its share of the CPU.
 */
export class PasswordHashingBusyError extends Error {
  override name = 'PasswordHashingBusyError'
  /** About how long the queue needs to drain, rounded up to whole seconds. */
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    super('too many password hashes are waiting')
    this.retryAfterSeconds = retryAfterSeconds
  }
}

// Every hash and verification of the process goes through this queue. Argon2, bcrypt and
// scrypt each hold a thread (and a core) for tens of milliseconds; unbounded, a storm of
// creates takes every core and the threads that file and DNS work needs too, and reads
// that need no hashing wait behind it.
const queue = new PQueue({ concurrency: 1 })
let queueMax = 16

// Argon2 runs on threads of its own at a low priority (nice +10): the kernel gives the
// event loop a core whenever it has work, and the hashes the rest (and still about a tenth
// of a core each while the event loop is busy: at +19 a storm of refused requests stopped
// the hashes altogether). On libuv's threads, at the event loop's priority, each hash took
// a core from the requests that needed no hashing, so the hashing threads had to be fewer
// than the cores, and a storm of creates did not use them all (bench/README.md).
const workerFile = new URL(`./hash-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href
let pool: Piscina<HashTask, string | boolean> | undefined
let threads = 1

function hashingThreads(): Piscina<HashTask, string | boolean> {
  pool ??= new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads, niceIncrement: 10, idleTimeout: 60_000 })
  return pool
}

/** Sets the limits (from the configuration, at start-up). */
export function configurePasswordHashing(limits: HashingLimits): void {
  queue.concurrency = limits.concurrency
  queueMax = limits.queueMax
  if (threads !== limits.concurrency) {
    threads = limits.concurrency
    void pool?.destroy()
    pool = undefined
  }
}

/** Whether new hashing work would be refused now. */
export function passwordHashingSaturated(): boolean {
  return queue.size >= queueMax
}

// A rough cost of one hash here, for Retry-After: Argon2id with the options below.
const ESTIMATED_HASH_MS = 60

function limited<T>(work: () => Promise<T>): Promise<T> {
  if (queue.size >= queueMax) {
    passwordHashesRejected.inc()
    throw new PasswordHashingBusyError(Math.max(1, Math.ceil((queue.size * ESTIMATED_HASH_MS) / queue.concurrency / 1000)))
  }
  passwordHashesWaiting.inc()
  return queue.add(
    async () => {
      passwordHashesWaiting.dec()
      passwordHashesInFlight.inc()
      try {
        return await work()
      } finally {
        passwordHashesInFlight.dec()
      }
    },
    { throwOnTimeout: true },
  )
}

// Argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane); the parameters
// are stored in the hash itself, so raising them later keeps old hashes verifiable.
// `Algorithm` and `Version` are const enums, which isolated modules cannot read:
// algorithm 2 is Argon2id; version 1 is 0x13 (19), 0 is the older 0x10.
const ARGON2ID = 2
const ARGON2_VERSION_19 = 1
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } satisfies Options

/** Argon2id of `password`; throws PasswordHashingBusyError when too many hashes wait. */
export async function hashPassword(password: string): Promise<string> {
  return limited(() => hashingThreads().run({ kind: 'hash', password, options }) as Promise<string>)
}

// Hashes come from other systems through the import, so the work one verification may cost
// is bounded here, before the hash is stored: memory per verification at most 1 GiB, and a
// checksum long enough (16 bytes) that a wrong password cannot match by chance.
const MAX_MEMORY_BYTES = 2 ** 30
const MIN_CHECKSUM_BYTES = 16
// bcrypt's cost is exponential: 16 is about 5 s of one libuv thread here, already far above
// what anyone deploys (10–12); 31 would hold that thread for days
const MAX_BCRYPT_COST = 16

// PHC strings as the Argon2 reference implementation writes them, version 0x13 or the
// older 0x10 (written without v=); no keyid or associated data, which would need a secret
// this service does not have.
const ARGON2_PHC = /^\$argon2(id|i)\$(?:v=(16|19)\$)?m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,3})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/
// Modular crypt: $2a$/$2b$/$2y$, two-digit cost, 22 characters of salt and 31 of checksum.
const BCRYPT = /^\$2[aby]\$([0-9]{2})\$[./A-Za-z0-9]{53}$/
// passlib's form. passlib writes standard base64 without padding; its pre-1.7 releases and
// some other libraries use the `./` alphabet or keep the padding, so all of those are read.
const SCRYPT = /^\$scrypt\$ln=([0-9]{1,2}),r=([0-9]{1,2}),p=([0-9]{1,2})\$([A-Za-z0-9+/.]*={0,2})\$([A-Za-z0-9+/.]+={0,2})$/

type ParsedHash =
  | { kind: 'argon2'; algorithm: number; version: number; memoryCost: number; timeCost: number; parallelism: number }
  | { kind: 'bcrypt' }
  | { kind: 'scrypt'; N: number; r: number; p: number; salt: Buffer; checksum: Buffer }

function within(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max
}

/** Base64 in either alphabet, with or without padding; undefined when it is not base64. */
function decodeBase64(text: string): Buffer | undefined {
  const unpadded = text.replace(/=+$/, '')
  if (unpadded.includes('.') && unpadded.includes('+')) return undefined
  if (unpadded.length % 4 === 1) return undefined
  if (text.length > unpadded.length && text.length % 4 !== 0) return undefined
  return Buffer.from(unpadded.replaceAll('.', '+'), 'base64')
}

function parseArgon2Hash(text: string): ParsedHash | undefined {
  const match = ARGON2_PHC.exec(text)
  if (!match) return undefined
  const [memoryCost, timeCost, parallelism] = [match[3], match[4], match[5]].map(Number) as [number, number, number]
  if (!within(parallelism, 1, 16) || !within(timeCost, 1, 64) || !within(memoryCost, 8 * parallelism, MAX_MEMORY_BYTES / 1024)) {
    return undefined
  }
  try {
    // the library's own parser decides what it can verify (salt of 8+ bytes, valid base64)
    const parsed = parseArgon2(text)
    if (parsed.outputLen < MIN_CHECKSUM_BYTES) return undefined
    return { kind: 'argon2', ...parsed }
  } catch {
    return undefined
  }
}

function parseScryptHash(text: string): ParsedHash | undefined {
  const match = SCRYPT.exec(text)
  if (!match) return undefined
  const [ln, r, p] = [match[1], match[2], match[3]].map(Number) as [number, number, number]
  // scrypt itself needs N < 2^(16 r)
  if (!within(ln, 1, 20) || !within(r, 1, 32) || !within(p, 1, 16) || ln >= 16 * r) return undefined
  const N = 2 ** ln
  if (128 * r * N > MAX_MEMORY_BYTES) return undefined
  const salt = decodeBase64(match[4] as string)
  const checksum = decodeBase64(match[5] as string)
  if (!salt || !checksum || salt.length > 1024 || checksum.length < MIN_CHECKSUM_BYTES || checksum.length > 128) return undefined
  return { kind: 'scrypt', N, r, p, salt, checksum }
}

function parsePasswordHash(text: string): ParsedHash | undefined {
  if (text.startsWith('$argon2')) return parseArgon2Hash(text)
  if (text.startsWith('$scrypt$')) return parseScryptHash(text)
  const bcrypt = BCRYPT.exec(text)
  if (bcrypt && within(Number(bcrypt[1]), 4, MAX_BCRYPT_COST)) return { kind: 'bcrypt' }
  return undefined
}

/**
 * Whether `passwordHash` is a hash this service can verify, with parameters within its
 * bounds: Argon2id/Argon2i PHC strings, bcrypt ($2a$, $2b$, $2y$, cost 4–16) or passlib's
 * scrypt. Cheap (no hashing): the import checks each hash with it before storing it.
 */
export function isSupportedPasswordHash(passwordHash: string): boolean {
  return parsePasswordHash(passwordHash) !== undefined
}

function scryptKey(password: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem is exactly what OpenSSL computes these parameters need; the parser bounded them
    const maxmem = 128 * cost.r * (cost.N + cost.p + 2)
    scrypt(password, salt, length, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/**
 * Whether `password` is the one `passwordHash` was made from, with the algorithm the hash
 * names. A hash this service could not have stored (see isSupportedPasswordHash) is an
 * error, not a wrong password.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const parsed = parsePasswordHash(passwordHash)
  if (!parsed) throw new Error('the stored password hash is not in a supported format')
  return limited(async () => {
    switch (parsed.kind) {
      case 'argon2':
        return (await hashingThreads().run({ kind: 'verify', hash: passwordHash, password })) as boolean
      case 'bcrypt':
        return verifyBcrypt(password, passwordHash)
      case 'scrypt': {
        const key = await scryptKey(password, parsed.salt, parsed.checksum.length, parsed)
        return timingSafeEqual(key, parsed.checksum)
      }
    }
  })
}

/**
 * Whether a hash that just verified should be replaced by a fresh one: anything but Argon2id
 * (version 0x13), and Argon2id with memory, passes or lanes below the current options.
 */
export function needsRehash(passwordHash: string): boolean {
  const parsed = parsePasswordHash(passwordHash)
  if (parsed?.kind !== 'argon2' || parsed.algorithm !== ARGON2ID || parsed.version !== ARGON2_VERSION_19) return true
  return parsed.memoryCost < options.memoryCost || parsed.timeCost < options.timeCost || parsed.parallelism < options.parallelism
}
