/**
 * The one-time code that opens the first-run page. `haven serve` makes one when the database holds no trust and
 * prints it to its log: whoever can read the server's log may set Haven up, nobody else. Only its hash is kept, in
 * this process's memory; it expires, is compared in constant time, is spent by the setup it opens, and is thrown
 * away after too many wrong guesses (restart the server for a new one).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L: read from a log and typed by a person. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;
export const SETUP_CODE_MINUTES = 60;
export const SETUP_CODE_MAX_FAILURES = 10;

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'used';

const digest = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest();

export class SetupGate {
  private hash: Buffer | null = null;
  private expiresAt = 0;
  private failures = 0;
  private spent = false;
  private claimed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** A new code (XXXX-XXXX-XXXX, about 59 bits), replacing any earlier one. Shown once: only its hash is kept. */
  issue(minutes = SETUP_CODE_MINUTES): string {
    const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const code = groups.join('-');
    this.hash = digest(code);
    this.expiresAt = this.now() + minutes * 60_000;
    this.failures = 0;
    this.spent = false;
    this.claimed = false;
    return code;
  }

  get expires(): Date { return new Date(this.expiresAt); }

  /** Whether `code` is the current code; a wrong guess counts, and too many spend the code. */
  check(code: string): CodeCheck {
    if (!this.hash || this.spent) return 'used';
    // compare digests of equal length in constant time, then look at expiry (a guess learns nothing either way)
    const right = timingSafeEqual(digest(code), this.hash);
    if (this.now() > this.expiresAt) return 'expired';
    if (!right) {
      this.failures += 1;
      if (this.failures >= SETUP_CODE_MAX_FAILURES) this.spent = true;
      return 'wrong';
    }
    return this.claimed ? 'used' : 'ok';
  }

  /** Holds the code for one setup at a time: true when this caller has it (release it if the setup fails). */
  claim(code: string): CodeCheck {
    const c = this.check(code);
    if (c === 'ok') this.claimed = true;
    return c;
  }

  release(): void { this.claimed = false; }

  /** The setup it opened succeeded: the code can never be used again. */
  spend(): void { this.spent = true; this.claimed = false; this.hash = null; }
}
