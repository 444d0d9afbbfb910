/** Small helpers for reading URL search params safely (they are user-editable). */
export function str(v: unknown, max = 100): string | undefined {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, max) : undefined;
}

export function int(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function uuid(v: unknown): string | undefined {
  return typeof v === 'string' && UUID.test(v) ? v : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isoDate(v: unknown): string | undefined {
  return typeof v === 'string' && ISO_DATE.test(v) ? v : undefined;
}
