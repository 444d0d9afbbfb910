/**
 * The codes and words of photos.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; photos.ts builds its schemas from these.
 */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export const PHOTO_ZIP_MAX_BYTES = 100 * 1024 * 1024;
