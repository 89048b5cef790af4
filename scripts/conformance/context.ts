// What every check gets: the client, the report, the run's marker, and the expectations a
// check states (a failed one ends the check with a readable reason).
import type { components } from '../../generated/openapi.js'
import { Interrupted, RequestFailed, type Client, type Exchange } from './client.js'
import type { Report } from './report.js'
import { isDeepStrictEqual } from 'node:util'

export type User = components['schemas']['User']

/**
 * The members every problem document has, whatever the schema of its code; the document
 * declares the rest, and the contract check holds each response to it.
 */
export interface Problem {
  type: string
  title: string
  status: number
  code: string
  requestId: string
  detail?: string
  errors?: Array<{ pointer: string; detail: string }>
}

/** A check's expectation did not hold. */
export class Failure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Failure'
  }
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Failure(message)
}

/** How a response reads in a failure: status, problem code and pointers, and where it came from. */
export function describe(exchange: Exchange): string {
  const problem = exchange.json as Partial<Problem> | undefined
  let text = `got ${exchange.status}`
  if (problem && typeof problem === 'object' && typeof problem.code === 'string') {
    text += ` ${problem.code}`
    const errors = Array.isArray(problem.errors) ? problem.errors : []
    if (errors.length) text += ` (${errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')})`
  }
  return `${text} from ${exchange.method} ${exchange.target}`
}

export function expectStatus(exchange: Exchange, ...statuses: number[]): void {
  if (!statuses.includes(exchange.status)) throw new Failure(describe(exchange))
}

/** The response is a problem document with this status and code. */
export function expectProblem(exchange: Exchange, status: number, code: string): Problem {
  expectStatus(exchange, status)
  const problem = exchange.json as Problem | undefined
  expect(problem && typeof problem === 'object', `${status} without a problem document from ${exchange.method} ${exchange.target}`)
  expect(problem.code === code, `code ${String(problem.code)}, expected ${code}`)
  return problem
}

/** The JSON Pointers of a 400's errors[]. */
export function pointersOf(exchange: Exchange): string[] {
  const errors = (exchange.json as Partial<Problem> | undefined)?.errors
  return Array.isArray(errors) ? errors.map((e) => e.pointer) : []
}

export function expectPointer(exchange: Exchange, pointer: string): void {
  const pointers = pointersOf(exchange)
  expect(
    pointers.some((p) => p === pointer || p.startsWith(pointer + '/')),
    `errors[] points at ${pointers.length ? pointers.join(', ') : 'nothing'}, not at ${pointer}`,
  )
}

export function userOf(exchange: Exchange): User {
  const user = exchange.json as User | undefined
  expect(user && typeof user === 'object' && typeof user.id === 'string', `no user in the body of ${exchange.method} ${exchange.target}`)
  return user
}

/** The fields of a user a client compares: everything the representation shows. */
export function sameUser(actual: User, expected: User): boolean {
  return isDeepStrictEqual(actual, expected)
}

export function differences(actual: User, expected: User): string {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)])
  return [...keys]
    .filter((key) => !isDeepStrictEqual((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]))
    .map(
      (key) =>
        `${key}: ${JSON.stringify((actual as Record<string, unknown>)[key])}, expected ${JSON.stringify((expected as Record<string, unknown>)[key])}`,
    )
    .join('; ')
}

export interface Capabilities {
  /** The key holds the scopes of the keys operations (the master key). */
  managesKeys: boolean
}

export class Context {
  private emails = 0
  readonly capabilities: Capabilities = { managesKeys: false }

  constructor(
    readonly client: Client,
    readonly report: Report,
    readonly runId: string,
  ) {}

  /** What every user the run creates carries in its email (and the kit's names). */
  get marker(): string {
    return `conformance-${this.runId}`
  }

  /** A fresh email under the run's marker. */
  nextEmail(): string {
    this.emails++
    return `${this.marker}-${this.emails}@example.com`
  }

  /** A body for createUser under the run's marker. */
  newUser(purpose: string, overrides: Record<string, unknown> = {}): { email: string; name: string; password: string } {
    return {
      email: this.nextEmail(),
      name: `Conformance ${this.runId} ${purpose}`,
      password: `conformance ${this.runId} secret`,
      ...overrides,
    }
  }

  /**
   * Runs one named check and records its outcome; returns what the check returned, or
   * undefined when it failed. An interrupt passes through and ends the run.
   */
  async check<T>(group: string, name: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await run()
      this.report.pass(group, name)
      return value
    } catch (error) {
      if (error instanceof Interrupted) throw error
      const detail =
        error instanceof Failure || error instanceof RequestFailed
          ? error.message
          : `the check itself failed: ${error instanceof Error ? error.message : String(error)}`
      this.report.fail(group, name, detail)
      return undefined
    }
  }

  skip(group: string, name: string, reason: string): void {
    this.report.skip(group, name, reason)
  }
}
