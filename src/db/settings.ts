import { isUniqueViolation } from './errors.js'
import type { Db } from './index.js'

/**
 * A service-wide value: the stored one, or `create()`'s, stored now. Instances starting
 * together race to insert; the loser reads the winner's, so all of them agree.
 */
export async function settingOrCreate(db: Db, key: string, create: () => string): Promise<string> {
  const existing = await db.prisma.setting.findUnique({ where: { key } })
  if (existing) return existing.value
  try {
    return (await db.prisma.setting.create({ data: { key, value: create() } })).value
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return (await db.prisma.setting.findUniqueOrThrow({ where: { key } })).value
  }
}
