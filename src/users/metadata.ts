import type { components } from '../../generated/openapi.js'
import { Problem } from '../http/problems.js'

export type Metadata = components['schemas']['Metadata']
type MetadataPatch = NonNullable<components['schemas']['UserPatch']['metadata']>

/** The spec's `Metadata.maxProperties`; a merge patch can only be checked against it after merging. */
export const MAX_METADATA_KEYS = 50

export function parseMetadata(stored: string): Metadata {
  return JSON.parse(stored) as Metadata
}

/** JSON with sorted keys, so that two objects with the same entries compare equal. */
export function storedMetadata(metadata: Metadata): string {
  return JSON.stringify(Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
}

/**
 * RFC 7396 applied to the metadata object: a string sets a key, `null` removes it, and
 * `null` for the whole object removes every key. Too many keys afterwards is a 400 that
 * points at the first key the patch added beyond the limit.
 */
export function mergeMetadata(current: Metadata, patch: MetadataPatch | null): Metadata {
  if (patch === null) return {}
  const merged: Metadata = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  const keys = Object.keys(merged)
  if (keys.length > MAX_METADATA_KEYS) {
    const added = Object.keys(patch).filter((key) => patch[key] !== null && !(key in current))
    const beyond = added[added.length - (keys.length - MAX_METADATA_KEYS)] ?? added.at(-1)
    throw new Problem('validation_failed', {
      errors: [{ pointer: `/body/metadata/${beyond}`, detail: `is a key too many: at most ${MAX_METADATA_KEYS} may remain` }],
    })
  }
  return merged
}

/** The rows of UserMetadata that index `metadata` for filters. */
export function metadataEntries(metadata: Metadata): Array<{ key: string; value: string }> {
  return Object.entries(metadata).map(([key, value]) => ({ key, value }))
}
