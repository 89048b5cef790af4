import type { Options } from '@node-rs/argon2'
import { hashPassword } from '../../src/users/password.js'

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/

/**
 * The Argon2id options the service hashes with, read from a hash its own hashPassword made
 * (the options are not exported, and a copy here could drift from them), with that hash.
 */
export async function serviceArgon2(): Promise<{ options: Options; hash: string }> {
  const hash = await hashPassword('bench-password-1234')
  const match = PHC.exec(hash)
  if (!match) throw new Error(`the service's password hash is not Argon2id v19: ${hash.slice(0, 40)}`)
  const [memoryCost, timeCost, parallelism] = [match[1], match[2], match[3]].map(Number) as [number, number, number]
  // algorithm 2 is Argon2id (a const enum, which isolated modules cannot read)
  return { options: { algorithm: 2, memoryCost, timeCost, parallelism }, hash }
}
