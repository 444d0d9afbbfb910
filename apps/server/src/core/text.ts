/** Words for counts on screens, letters and PDFs: "1 day", "2 days", "1 school day" (never "1 days"). */

/** `n` and its noun, singular for exactly one: plural(1, 'school day') → "1 school day"; `shown` formats the number. */
export function plural(n: number, one: string, many = `${one}s`, shown: (n: number) => string = String): string {
  return `${shown(n)} ${n === 1 ? one : many}`;
}
