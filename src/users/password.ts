import { hash, verify, type Options } from '@node-rs/argon2'

// Argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane); the parameters
// are stored in the hash itself, so raising them later keeps old hashes verifiable.
// `Algorithm` is a const enum, which isolated modules cannot read: 2 is Algorithm.Argon2id.
const options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password)
}
