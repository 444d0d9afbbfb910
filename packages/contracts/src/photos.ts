/**
 * Photos of pupils and staff: the reference a list row or profile carries (absent or null when there is none), and the
 * bulk import of a zip of photos named by UPN (pupils) or staff code (staff).
 */
import { z } from 'zod';
import { ZId } from './common.ts';

export const ZPhotoRef = z.object({
  id: ZId.describe('The photo: a new id each time it is replaced, so its URLs can be cached'),
  url: z.string().describe('The photo (JPEG, at most 640 px on its longer side)'),
  thumbnailUrl: z.string().describe('A 96 × 96 JPEG for lists'),
}).describe('The current photo, or null when there is none');
export type TPhotoRef = z.infer<typeof ZPhotoRef>;
/** A photo field on a list row or profile: null (or absent) when there is no photo. */
export const ZPhotoField = ZPhotoRef.nullable().optional();

export const PHOTO_OWNER_KINDS = ['pupils', 'staff'] as const;
export const ZPhotoImportQuery = z.object({
  siteId: z.uuid(),
  kind: z.enum(PHOTO_OWNER_KINDS).default('pupils').describe('pupils: files named by UPN; staff: files named by staff code'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('true: check the zip and say what it would do; nothing is saved'),
});
export type TPhotoImportQuery = z.input<typeof ZPhotoImportQuery>;

export const ZPhotoImportResult = z.object({
  dryRun: z.boolean(),
  kind: z.enum(PHOTO_OWNER_KINDS),
  siteId: ZId,
  fileHash: z.string().describe('SHA-256 of the zip'),
  images: z.number().int().describe('Image files in the zip'),
  added: z.number().int().describe('People who had no photo and get one'),
  replaced: z.number().int().describe('People whose photo is replaced by a different one'),
  unchanged: z.number().int().describe('People whose photo is already this one'),
  unknown: z.array(z.string()).describe('Files whose name is no UPN (or staff code) of this site: left out'),
  ignored: z.array(z.string()).describe('Files that are not JPEG, PNG or WebP by their name (e.g. a text file), or folders: left out'),
});
export type TPhotoImportResult = z.infer<typeof ZPhotoImportResult>;
