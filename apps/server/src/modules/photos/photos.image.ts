/**
 * Every photo is decoded and written again by sharp (libvips) before it is kept, whatever it was sent as: a JPEG of at
 * most 480 px on its longer side, turned upright by its EXIF orientation, and a 96 × 96 thumbnail. Writing it again
 * drops all metadata (EXIF with GPS position, camera serial numbers, XMP, comments) and anything hidden in or after
 * the image (an HTML or script "polyglot"): what is served is only pixels Haven encoded itself.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MAX_PHOTO_PIXELS, PhotoProblem, photoProblem } from './photos.rules.ts';

export const PHOTO_SIZE = 480;
export const THUMBNAIL_SIZE = 96;

export interface PreparedPhoto {
  full: Buffer;
  thumbnail: Buffer;
  /** SHA-256 of `full`: the same image sent again gives the same photo, so an unchanged re-import changes nothing. */
  sha256: string;
  thumbnailSha256: string;
  width: number;
  height: number;
}

/** The photo Haven keeps for these bytes; a PhotoProblem (its message for the person) when they are not one. */
export async function preparePhoto(bytes: Uint8Array): Promise<PreparedPhoto> {
  const problem = photoProblem(bytes);
  if (problem) throw new PhotoProblem(problem);
  try {
    const { data: full, info } = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error', animated: false })
      .rotate()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(full)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'cover', position: sharp.strategy.attention })
      .jpeg({ quality: 75 })
      .toBuffer();
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    return { full, thumbnail, sha256: sha256(full), thumbnailSha256: sha256(thumbnail), width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw new PhotoProblem(`The image is larger than ${MAX_PHOTO_PIXELS / 1_000_000} megapixels`);
    throw new PhotoProblem('The image could not be read: it is damaged, or it is not really a JPEG, PNG or WebP image');
  }
}
