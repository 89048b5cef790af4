/** `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) as milliseconds from `now`; undefined when absent or invalid. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // every HTTP-date form names the day; anything else Date.parse would guess at is not one
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
