/**
 * What a photo upload may be, decided from its bytes and never from the type or name it was sent with: JPEG, PNG or
 * WebP by their signatures, at most 10 MB, at most 50 megapixels. And how the files of a photo zip are named: a
 * UPN (pupils) or a staff code (staff), with an image extension, in any folder of the zip.
 */
import { PHOTO_MAX_BYTES } from '@haven/contracts';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** Larger images are refused before they are decoded (a small file can declare a vast image). */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** The most image files one zip may hold (a large secondary school has about 2,000 pupils). */
export const MAX_ZIP_IMAGES = 5000;

const startsWith = (buf: Uint8Array, sig: readonly number[], at = 0) => buf.length >= at + sig.length && sig.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are, or null when they are none of the three (whatever the request said they were). */
export function sniffImage(buf: Uint8Array): PhotoType | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

export class PhotoProblem extends Error {}

/** Why these bytes cannot be a photo, or null when they may be read as one. */
export function photoProblem(buf: Uint8Array): string | null {
  if (buf.length === 0) return 'The file is empty';
  if (buf.length > PHOTO_MAX_BYTES) return 'The photo is larger than 10 MB';
  if (!sniffImage(buf)) return 'The file is not a JPEG, PNG or WebP image (whatever its name or type says)';
  return null;
}

export type ZipEntry =
  | { kind: 'image'; key: string }
  | { kind: 'ignored' }
  | { kind: 'skip' };

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp)$/i;

/**
 * What one file of a photo zip is: an image named by a key (the name without folder and extension, trimmed, in
 * capitals: UPNs and staff codes are matched without case), a file to report as ignored, or a folder or the
 * housekeeping files zip tools add (macOS resource forks, Thumbs.db, dot files), skipped without a word.
 */
export function zipEntry(name: string): ZipEntry {
  if (name.endsWith('/')) return { kind: 'skip' };
  const parts = name.split(/[/\\]/);
  const base = parts.at(-1) ?? '';
  if (parts.includes('__MACOSX') || base.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(base)) return { kind: 'skip' };
  if (!IMAGE_EXTENSIONS.test(base)) return { kind: 'ignored' };
  const key = base.replace(IMAGE_EXTENSIONS, '').trim().toUpperCase();
  return key ? { kind: 'image', key } : { kind: 'ignored' };
}
