/** A one-off message carried from one page to the next (e.g. "Submitted for review") without putting it in the URL. */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const m = pending;
  pending = null;
  return m;
}
