/** A before/after record of the fields a write changed, for the audit log. */
export function diff<T extends object>(before: T, after: T, keys: string[]): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {}; const a: Record<string, unknown> = {};
  for (const k of keys) {
    const x = (before as Record<string, unknown>)[k]; const y = (after as Record<string, unknown>)[k];
    if (JSON.stringify(x) !== JSON.stringify(y)) { b[k] = x; a[k] = y; }
  }
  return { before: b, after: a };
}
