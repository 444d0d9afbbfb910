/**
 * The codes and words of ctf.ts (and its small rules) shared by the API and the web app. No zod here, so a page that
 * shows them does not load the schema library; ctf.ts builds its schemas from these.
 */
/** The largest CTF Haven reads: refused before it is read in full. */
export const CTF_MAX_BYTES = 25 * 1024 * 1024;
