/**
 * The pack's bytes: the PDF and the documents zipped (fflate) with a manifest of SHA-256 sums, then encrypted with
 * OpenPGP (openpgp.js) to a passphrase or to the receiving DSL's public key. Nothing but the encrypted result is kept.
 * The receiving DSL opens it with any OpenPGP tool, e.g. `gpg --output file.zip --decrypt file.zip.pgp`.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import * as openpgp from 'openpgp';
import type { FieldError } from '../../core/http/errors.ts';

export interface PackFile { name: string; data: Uint8Array }

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A file name safe inside a zip: no folders, no control characters. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = [...base].map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"*:<>?|'.includes(ch) ? '_' : ch)).join('');
  return cleaned.slice(0, 120) || 'file';
}

export function zipPack(pdfName: string, pdf: Uint8Array, files: readonly PackFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = { [pdfName]: pdf };
  const manifest = [{ file: pdfName, sizeBytes: pdf.length, sha256: sha256(pdf) }];
  for (const f of files) {
    entries[`attachments/${f.name}`] = f.data;
    manifest.push({ file: `attachments/${f.name}`, sizeBytes: f.data.length, sha256: sha256(f.data) });
  }
  entries['manifest.json'] = new TextEncoder().encode(JSON.stringify({ files: manifest }, null, 2));
  return zipSync(entries, { level: 6 });
}

export interface Recipient { key: openpgp.PublicKey; fingerprint: string }

/** The receiving DSL's key, checked: armoured, public, not expired or revoked, able to encrypt. */
export async function readRecipientKey(armoured: string | undefined): Promise<Recipient | FieldError> {
  const bad = (message: string): FieldError => ({ field: 'publicKey', message });
  if (!armoured?.trim()) return bad("Paste the receiving DSL's OpenPGP public key");
  let key: openpgp.Key;
  try { key = await openpgp.readKey({ armoredKey: armoured.trim() }); } catch {
    return bad('This is not an armoured OpenPGP public key (it starts with -----BEGIN PGP PUBLIC KEY BLOCK-----)');
  }
  if (key.isPrivate()) return bad('This is a private key: ask the receiving DSL for their public key, and tell them to keep the private key to themselves');
  try { await key.getEncryptionKey(); } catch {
    return bad('This key cannot be used to encrypt (it has expired, been revoked or has no encryption subkey)');
  }
  return { key: key as openpgp.PublicKey, fingerprint: key.getFingerprint().toUpperCase() };
}

export async function encryptPack(zip: Uint8Array, filename: string, to: { passphrase: string } | { key: openpgp.PublicKey }): Promise<Uint8Array> {
  const message = await openpgp.createMessage({ binary: zip, filename, format: 'binary' });
  const target = 'passphrase' in to ? { passwords: [to.passphrase] } : { encryptionKeys: to.key };
  return openpgp.encrypt({ message, ...target, format: 'binary' });
}
