/**
 * Reading a zip of photos with fflate (already Haven's zip library), without trusting what the zip says: its listing is
 * read first without unpacking anything, an entry that declares more than the photo limit is refused before it is
 * unpacked (fflate unpacks into a buffer of the declared size, so an entry that lies about its size cannot grow past
 * it), and entries are unpacked a few at a time, so a large zip never sits in memory unpacked.
 */
import { unzipSync } from 'fflate';

export interface ZipListing { name: string; originalSize: number }

export class ZipUnreadable extends Error {}

/** More entries than any photo zip has (a zip's directory can claim billions). */
export const MAX_ZIP_ENTRIES = 20_000;

export function listZip(bytes: Uint8Array): ZipListing[] {
  const out: ZipListing[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (out.length >= MAX_ZIP_ENTRIES) throw new ZipUnreadable(`The zip holds more than ${MAX_ZIP_ENTRIES} files; split it into smaller zips.`);
        out.push({ name: f.name, originalSize: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ZipUnreadable) throw e;
    throw new ZipUnreadable('The file is not a zip that can be read (choose a .zip of photos; other archive formats are not read)');
  }
  return out;
}

/** Unpacks the named entries; a name whose entry cannot be unpacked (damaged, encrypted, an unknown method) maps to null. */
export function unpack(bytes: Uint8Array, names: readonly string[]): Map<string, Uint8Array | null> {
  const wanted = new Set(names);
  const out = new Map<string, Uint8Array | null>();
  try {
    for (const [name, data] of Object.entries(unzipSync(bytes, { filter: (f) => wanted.has(f.name) }))) out.set(name, data);
  } catch {
    // one of them is bad: unpack them one by one to know which
    for (const name of names) {
      try { out.set(name, unzipSync(bytes, { filter: (f) => f.name === name })[name] ?? null); } catch { out.set(name, null); }
    }
  }
  return out;
}
