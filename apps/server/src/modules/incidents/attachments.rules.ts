/**
 * Upload checks (ENGINEERING: "uploads type- and size-checked and served as attachments"): an allow-list of types,
 * the file's first bytes must match the type it claims, and the name is reduced to something safe to show and save.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_RECORD = 50;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const EXTENSION: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf', 'text/plain': 'txt' };

/** The media type without parameters, lower-cased: 'Text/Plain; charset=utf-8' → 'text/plain'. */
export function baseType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isAllowedType(t: string): t is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(t);
}

const startsWith = (buf: Uint8Array, sig: readonly number[]) => buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** Signatures that must never be accepted as text: archives, executables, other images. */
const BINARY = [JPEG, PNG, PDF, [0x50, 0x4b, 0x03, 0x04], [0x4d, 0x5a], [0x7f, 0x45, 0x4c, 0x46], [0x47, 0x49, 0x46, 0x38], [0x1f, 0x8b]];

/** What the bytes say the file is, as far as the allow-list cares; null when they match nothing allowed. */
export function sniff(buf: Uint8Array): AttachmentType | null {
  if (startsWith(buf, JPEG)) return 'image/jpeg';
  if (startsWith(buf, PNG)) return 'image/png';
  if (startsWith(buf, PDF)) return 'application/pdf';
  if (BINARY.some((sig) => startsWith(buf, sig))) return null;
  // text: no NUL bytes, and valid UTF-8
  if (buf.includes(0)) return null;
  try { new TextDecoder('utf-8', { fatal: true }).decode(buf); } catch { return null; }
  return 'text/plain';
}

/** Why an upload is refused (field and message), or null when it may be stored. */
export function uploadProblem(declared: string, buf: Uint8Array): { field: string; message: string } | null {
  if (!isAllowedType(declared)) return { field: 'Content-Type', message: 'Attach a JPEG or PNG image, a PDF or a plain-text file' };
  if (buf.length === 0) return { field: 'body', message: 'The file is empty' };
  if (buf.length > MAX_ATTACHMENT_BYTES) return { field: 'body', message: 'The file is larger than 10 MB' };
  if (sniff(buf) !== declared) return { field: 'body', message: `The file's contents are not a ${EXTENSION[declared].toUpperCase()} file, as its type says` };
  return null;
}

/**
 * A safe display and download name: percent-decoded if sent encoded, path parts, control characters and characters
 * that are unsafe in file systems or headers removed, at most 150 characters, with the type's extension if it has none.
 */
export function sanitiseFilename(raw: string | undefined, type: AttachmentType): string {
  let name = raw ?? '';
  if (/%[0-9a-f]{2}/i.test(name)) { try { name = decodeURIComponent(name); } catch { /* keep as sent */ } }
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*;]/g, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  if (name.length > 150) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name = name.slice(0, 150 - ext.length) + ext;
  }
  if (!name) name = 'attachment';
  if (!/\.[a-z0-9]{1,5}$/i.test(name)) name = `${name}.${EXTENSION[type]}`;
  return name;
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
