import type { Config } from './config.js'
import type { Db } from './db/index.js'
import type { EventsRepository } from './events/repository.js'
import type { CursorCodec } from './http/cursor.js'
import type { OverloadReason } from './http/shedding.js'
import type { ApiKeysRepository } from './keys/repository.js'
import type { UsersRepository } from './users/repository.js'
import type { PasswordVerifier } from './users/verification.js'
import type { WebhooksRepository } from './webhooks/repository.js'

/** What handlers may use besides the request: built once per app, shared by requests. */
export interface Services {
  config: Config
  db: Db
  users: UsersRepository
  events: EventsRepository
  cursors: CursorCodec
  keys: ApiKeysRepository
  verifier: PasswordVerifier
  /** why the process should get no traffic now (readiness), if it should not */
  overload: OverloadReason
  webhooks: WebhooksRepository
}
