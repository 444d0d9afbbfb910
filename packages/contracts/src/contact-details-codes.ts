/**
 * The codes and words of contact-details.ts (and its small rules) shared by the API and the web app. No zod here, so a
 * page that shows them does not load the schema library; contact-details.ts builds its schemas from these.
 */
/**
 * A UK telephone number: 10 or 11 digits starting 0 (or +44 / 0044 in place of the 0, with an optional "(0)"),
 * written with spaces, hyphens, dots or brackets as people do.
 */
export function isUkPhone(text: string): boolean {
  let digits = text.trim().replace(/\(0\)/g, '').replace(/[\s\-.()]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  return /^0[1-9]\d{8,9}$/.test(digits);
}

export const UK_PHONE_MESSAGE = 'Enter a UK phone number, for example 01632 960123 or +44 1632 960123';
