/**
 * Narrowing helpers for resolved property values. After `Stack.resolve`, an L1
 * property is plain JSON: L1 structs keep their camelCase names (`sseAlgorithm`),
 * raw JSON and escape hatches use CloudFormation names (`SSEAlgorithm`), and tokens
 * become intrinsics (`{ Ref: ... }`, `{ 'Fn::GetAtt': [...] }`).
 */

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a field by name, ignoring case, so `sseAlgorithm` also finds `SSEAlgorithm`. */
export function field(value: unknown, name: string): unknown {
  if (!isRecord(value)) return undefined;
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

/** Follows nested fields: `fieldAt(config, 'rule', 'defaultRetention', 'mode')`. */
export function fieldAt(value: unknown, ...names: string[]): unknown {
  return names.reduce<unknown>((current, name) => field(current, name), value);
}

/** A value as a list: `undefined` gives `[]`, a single value gives `[value]`. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** `true`, or the string `'true'` (CloudFormation accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A number (or numeric string) greater than zero. */
export function isPositive(value: unknown): boolean {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0;
}
