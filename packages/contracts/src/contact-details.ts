/**
 * Email addresses and UK telephone numbers as people type them into Haven's forms: checked the same way on the
 * page and by the API. A blank is no value (null).
 */
import { z } from 'zod';
import { UK_PHONE_MESSAGE, isUkPhone } from './contact-details-codes.ts';

const EMAIL_MESSAGE = 'Enter an email address, for example name@school.org.uk';
/** A blank (no value): listed first, so the schema says a blank is always accepted. */
const ZBlank = z.literal('').transform((): null => null);

/** A UK phone number, or null (a blank is null); kept as typed, with its spaces tidied. */
export const ZUkPhoneOrNull = z.string({ error: UK_PHONE_MESSAGE }).trim().max(40)
  .refine((s) => s === '' || isUkPhone(s), UK_PHONE_MESSAGE)
  .transform((s) => (s === '' ? null : s.replace(/\s+/g, ' '))).nullable();

/** An email address, or null (a blank is null); kept in lower case. */
export const ZEmailOrNull = z.union([ZBlank, z.string().trim().max(254)
  .refine((s) => s === '' || z.email().safeParse(s).success, EMAIL_MESSAGE)
  .transform((s) => (s === '' ? null : s.toLowerCase()))], { error: EMAIL_MESSAGE }).nullable();
