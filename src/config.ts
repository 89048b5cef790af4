import envSchema from 'env-schema'

export interface Config {
  port: number
  host: string
  databaseUrl: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  bodyLimit: number
  /** signs page cursors; when unset, a random one is generated once and kept in the database */
  cursorSecret: string | undefined
}

const schema = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    DATABASE_URL: { type: 'string', pattern: '^(file:.+|postgres(ql)?://.+)$', default: 'file:./data/users.db' },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, maximum: 10485760, default: 65536 },
    CURSOR_SECRET: { type: 'string', minLength: 32 },
  },
} as const

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let values: Record<string, unknown>
  try {
    // env-schema validates with ajv; its messages name the variable (`env/PORT must be integer`)
    values = envSchema({ schema, data: { ...env }, dotenv: false })
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${(error as Error).message}`)
  }
  return {
    port: values.PORT as number,
    host: values.HOST as string,
    databaseUrl: values.DATABASE_URL as string,
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    bodyLimit: values.BODY_LIMIT_BYTES as number,
    cursorSecret: values.CURSOR_SECRET as string | undefined,
  }
}
