/**
 * JSON with object keys sorted, so two values parsed from different files compare equal when
 * their content is equal, whatever order their keys were written in.
 */
export function stringifyStable(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

export function isSameValue(a: unknown, b: unknown): boolean {
  return stringifyStable(a) === stringifyStable(b);
}
