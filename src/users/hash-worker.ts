// Runs in the password-hashing threads (see password.ts): Argon2 on this thread itself,
// synchronously, so that the lowered priority of the thread is the priority of the work.
import { hashSync, type Options, verifySync } from '@node-rs/argon2'

export type HashTask = { kind: 'hash'; password: string; options: Options } | { kind: 'verify'; hash: string; password: string }

export default function run(task: HashTask): string | boolean {
  return task.kind === 'hash' ? hashSync(task.password, task.options) : verifySync(task.hash, task.password)
}
