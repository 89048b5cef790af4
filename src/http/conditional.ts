// Conditional requests (RFC 9110 §13). The ETag is the user's version, a counter that every
// change increments; If-Match is enforced by the write itself (see users/repository.ts).

export const CACHE_CONTROL = 'private, no-cache'

export function etagOf(version: number): string {
  return `"${version}"`
}

/** The headers of every single-user response. */
export function representationHeaders(record: { version: number }) {
  return { ETag: etagOf(record.version), 'Cache-Control': CACHE_CONTROL } as const
}

interface EntityTag {
  weak: boolean
  opaque: string
}

const ENTITY_TAG = /\s*(W\/)?("[^"]*")\s*(?:,|$)/y

/** `*`, or the entity tags of a list; null when the header is not a valid list. */
function parse(header: string): '*' | EntityTag[] | null {
  if (header.trim() === '*') return '*'
  const tags: EntityTag[] = []
  ENTITY_TAG.lastIndex = 0
  while (ENTITY_TAG.lastIndex < header.length) {
    const match = ENTITY_TAG.exec(header)
    if (!match) return null
    tags.push({ weak: match[1] !== undefined, opaque: match[2] as string })
  }
  return tags
}

/** If-None-Match uses the weak comparison: `W/"3"` matches `"3"`. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  const tags = parse(header)
  if (tags === '*') return true
  return tags?.some((tag) => tag.opaque === etag) ?? false
}

/** Versions an If-Match allows: `any` for `*`, undefined when the caller sent none. */
export type Expected = 'any' | number[] | undefined

/**
 * The versions an If-Match header allows (strong comparison: weak tags never match);
 * `any` for `*`; undefined without the header. An unparseable header allows nothing.
 */
export function matchVersions(header: string | undefined): Expected {
  if (header === undefined) return undefined
  const tags = parse(header)
  if (tags === '*') return 'any'
  return (tags ?? []).filter((tag) => !tag.weak && /^"[0-9]{1,15}"$/.test(tag.opaque)).map((tag) => Number(tag.opaque.slice(1, -1)))
}
