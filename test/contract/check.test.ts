import t from 'tap'
import { contractViolations } from '../../src/contract/check.js'

// The contract check guards every other test; it must be able to fail.
const user = {
  id: '01936d3c-7a2b-7c3e-9f10-3b2a1c0d4e5f',
  email: 'ada@example.com',
  name: 'Ada',
  status: 'active',
  externalId: null,
  metadata: {},
  createdAt: '2026-11-26T09:30:00.000Z',
  updatedAt: '2026-11-26T09:30:00.000Z',
  disabledAt: null,
  lastVerifiedAt: null,
}
const ok = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: {
    'x-request-id': 'r1',
    'content-type': 'application/json',
    etag: '"1"',
    'cache-control': 'private, no-cache',
    'ratelimit-limit': '100',
    'ratelimit-remaining': '99',
    'ratelimit-reset': '60',
    ...headers,
  },
  body: body === undefined ? '' : JSON.stringify(body),
})
const url = `/api/users/${user.id}`

t.same(contractViolations('GET', url, ok(200, user)), [], 'a conforming response passes')
t.match(contractViolations('GET', url, ok(418, user)), [/status 418 is not declared/])
t.match(contractViolations('GET', url, ok(200, { ...user, passwordHash: 'x' })), [/must NOT have additional properties/])
t.match(contractViolations('GET', url, ok(200, { ...user, email: 42 })), [/must be string/])
t.match(contractViolations('GET', url, ok(200, user, { 'content-type': 'text/html' })), [/content-type text\/html not among/])
t.match(contractViolations('GET', url, { ...ok(200, user), headers: { 'content-type': 'application/json' } }), [
  /X-Request-Id header missing/,
])
t.match(contractViolations('POST', '/api/users', ok(201, user)), [/required header Location missing/])
t.match(contractViolations('GET', url, ok(200, user, { etag: 'v1' })), [/header ETag=v1 data must match pattern/])
t.match(contractViolations('GET', url, ok(304, undefined, { 'cache-control': 'public' })), [
  /header Cache-Control=public data must be equal to constant/,
])
t.match(contractViolations('DELETE', url, ok(204, user)), [/a body where the spec declares none/])
t.match(contractViolations('GET', url, ok(200, { ...user, name: '$argon2id$v=19$m=19456' })), [/password hash/])
t.match(contractViolations('GET', url, { ...ok(200, user), headers: { ...ok(200, user).headers, 'ratelimit-remaining': undefined } }), [
  /required header RateLimit-Remaining missing/,
])
t.match(contractViolations('GET', url, ok(500, { detail: 'Invalid `prisma.user.findUnique()` invocation' })), [/a Prisma error/])
t.same(
  contractViolations('GET', url, ok(200, { ...user, name: 'umk_KP2083axLy' })).filter((v) => /Prisma/.test(v)),
  [],
  'random text is not a Prisma error',
)
t.match(contractViolations('GET', url, ok(500, { stack: 'Error: x\n    at run (/app/src/x.ts:1:2)' })), [/stack frame/])
t.match(contractViolations('GET', '/elsewhere', ok(200, {})), [/outside any declared operation/])
