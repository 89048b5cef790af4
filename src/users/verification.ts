import type { Db } from '../db/index.js'
import { isUniqueViolation } from '../db/errors.js'
import { Problem } from '../http/problems.js'
import { hashPassword, needsRehash, verifyPassword } from './password.js'
import { createUsersRepository } from './repository.js'

export interface PasswordVerifierOptions {
  /** failed attempts a user's window holds; the next attempt is refused until it ends */
  maxFailures?: number
  /** the window's length, from its first failure */
  windowMs?: number
  now?: () => Date
}

// Each round of reserveAttempt() loses only to another attempt that changed the same window
// in between; so many losses in a row mean something is wrong, not busy.
const MAX_RESERVE_ROUNDS = 50

/** A foreign key refused the write (the user is gone): P2003 on every provider. */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2003'
}

/**
 * Password verification with a brute-force limit per user. The attempts are counted in the
 * database (PasswordAttemptWindow), so that every API key and every instance adds to the
 * same count: after `maxFailures` failures in a window that starts at the first of them,
 * every attempt is refused until the window ends.
 */
export function createPasswordVerifier(
  db: Db,
  { maxFailures = 5, windowMs = 15 * 60_000, now = () => new Date() }: PasswordVerifierOptions = {},
) {
  const { prisma } = db
  const users = createUsersRepository(db)
  const windows = prisma.passwordAttemptWindow

  function tooManyAttempts(startedAt: Date, at: Date): Problem {
    const seconds = Math.max(1, Math.ceil((startedAt.getTime() + windowMs - at.getTime()) / 1000))
    return new Problem('too_many_attempts', { headers: { 'Retry-After': String(seconds) } })
  }

  /**
   * Counts the attempt as a failure before the password is hashed, or refuses it when the
   * window is full. Counting first is what makes the limit hold under concurrency: each
   * write below is conditional on the state it was decided from, so of several attempts
   * racing for the last free place (in one process or across instances) exactly one gets
   * it, and a loser starts over from what the winner wrote. A success then deletes the
   * window; a failure leaves its count in place.
   */
  async function reserveAttempt(userId: string): Promise<void> {
    for (let round = 0; round < MAX_RESERVE_ROUNDS; round++) {
      const at = now()
      const expiredBefore = new Date(at.getTime() - windowMs)
      const window = await windows.findUnique({ where: { userId } })
      if (!window) {
        try {
          await windows.create({ data: { userId, startedAt: at, failures: 1 } })
          return
        } catch (error) {
          // another attempt opened the window first: count in it
          if (isUniqueViolation(error)) continue
          // the user was deleted since it was read: get() answers not_found
          if (isForeignKeyViolation(error)) await users.get(userId)
          throw error
        }
      }
      if (window.startedAt <= expiredBefore) {
        // the window has passed: this attempt opens a new one
        const { count } = await windows.updateMany({
          where: { userId, startedAt: { lte: expiredBefore } },
          data: { startedAt: at, failures: 1 },
        })
        if (count === 1) return
        continue
      }
      if (window.failures >= maxFailures) throw tooManyAttempts(window.startedAt, at)
      const { count } = await windows.updateMany({
        where: { userId, startedAt: { gt: expiredBefore }, failures: { lt: maxFailures } },
        data: { failures: { increment: 1 } },
      })
      if (count === 1) return
    }
    throw new Error(`the attempt window of user ${userId} kept changing during ${MAX_RESERVE_ROUNDS} rounds`)
  }

  return {
    /**
     * Whether `password` is the user's. A disabled user is never verified; the password is
     * hashed all the same, so that the time taken does not tell the status, and every
     * attempt on a disabled user counts as a failure, even with the right password: if the
     * right one did not count, the count would tell a guesser which guess was right.
     */
    async verify(userId: string, password: string): Promise<{ verified: boolean }> {
      const user = await users.get(userId)
      await reserveAttempt(userId)
      const matches = await verifyPassword(user.passwordHash, password)
      if (!matches || user.status !== 'active') return { verified: false }

      // a success resets the count
      await windows.deleteMany({ where: { userId } })
      if (needsRehash(user.passwordHash)) {
        // conditional on the hash just verified: a password changed meanwhile stays changed
        const passwordHash = await hashPassword(password)
        await prisma.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } })
      }
      await users.recordVerification(userId, now())
      return { verified: true }
    },
  }
}

export type PasswordVerifier = ReturnType<typeof createPasswordVerifier>
