import { createHash } from 'node:crypto';

/**
 * A name-based (version 5, SHA-1) UUID: the same namespace and name always give the same GUID. Resources whose
 * name must be a GUID (query pack queries) get a stable one, so a redeploy updates them instead of recreating.
 * @param namespace a UUID, e.g. one fixed per kind of resource
 */
export function stableGuid(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) {
    throw new Error(`namespace must be a UUID, got "${namespace}"`);
  }
  const hash = createHash('sha1').update(Buffer.from(hex, 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
