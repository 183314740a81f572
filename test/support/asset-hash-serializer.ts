/**
 * Jest snapshot serializer: replaces asset hashes (64 hex characters, as used in
 * asset object keys and bootstrap parameters) with a stable placeholder, so that a
 * snapshot changes only when the infrastructure does.
 */
const HAS_HASH = /[0-9a-f]{64}/;
const ALL_HASHES = /[0-9a-f]{64}/g;

export function test(value: unknown): boolean {
  return typeof value === 'string' && HAS_HASH.test(value);
}

export function serialize(value: string): string {
  return JSON.stringify(value.replace(ALL_HASHES, '[ASSET-HASH]'));
}
