import Fastify from 'fastify'
import t from 'tap'
import { bindOperations } from '../../src/contract/routes.js'
import type { Handlers } from '../../src/contract/types.js'
import { handlers } from '../../src/operations/index.js'
import type { Services } from '../../src/services.js'

const services = {} as Services

t.test('a handler without an operation stops start-up', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  const extra = { ...handlers, promoteUser: handlers.getUser } as unknown as Handlers
  t.throws(() => bindOperations(app, extra, services), /handlers without an operation in openapi.yaml: promoteUser/)
})

t.test('an operation without a handler stops start-up', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  const { deleteUser: _omitted, ...rest } = handlers
  t.throws(() => bindOperations(app, rest as unknown as Handlers, services), /operation deleteUser in openapi.yaml has no handler/)
})
