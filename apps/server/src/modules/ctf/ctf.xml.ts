/**
 * Reading a CTF's bytes into a tree of elements with fast-xml-parser, only after the safety scan (ctf.scan.ts) has
 * passed it: size checked first, text decoded (UTF-8, with or without BOM, UTF-16, else Windows-1252), then parsed with
 * entity processing off. The scan has already checked what makes a CTF unreadable (tags that do not match or are never
 * closed, a second top-level element), so the parser's own validator, a second pass as slow as the parse, is not run.
 * The five entities XML predefines and character references are decoded here, since the parser is told to process none.
 */
import { XMLParser } from 'fast-xml-parser';
import { CTF_MAX_BYTES } from '@haven/contracts';
import { decodeText, FileProblem } from '../imports/imports.parse.ts';
import { scanCtfText } from './ctf.scan.ts';

/** An element: its text when it has no children, else its children by name (each a list, in file order). */
export type XmlNode = string | XmlElement;
export interface XmlElement { [name: string]: XmlNode[] | string | undefined; '#text'?: string }

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|apos|quot);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref]!;
  });
}

function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  commentPropName: false,
  isArray: () => true,
  tagValueProcessor: (_name: string, value: string) => decodeXmlText(value),
});

export interface ParsedXml { root: XmlElement; rootName: string; encoding: string; pupils: number }

/** Whether bytes look like XML (a declaration or an element first), for telling a CTF from a CSV. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 512)).text.replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<?xml') || head.startsWith('<CTfile');
}

export function parseCtfXml(bytes: Uint8Array): ParsedXml {
  if (bytes.byteLength === 0) throw new FileProblem('The file is empty.');
  if (bytes.byteLength > CTF_MAX_BYTES) throw new FileProblem(`The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; a CTF may be at most ${CTF_MAX_BYTES / 1048576} MB. Send the pupils in more than one file.`);
  const { text: raw, encoding } = decodeText(bytes);
  const text = raw.replace(/^\uFEFF/, '');
  const { pupils } = scanCtfText(text);
  const doc = parser.parse(text) as Record<string, XmlNode[]>;
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootName ? doc[rootName]?.[0] : undefined;
  if (!rootName || root === undefined) throw new FileProblem('The file holds no XML element: a CTF starts with <CTfile>.');
  return { root: typeof root === 'string' ? {} : root, rootName, encoding, pupils };
}

/** The children of an element with this name (none for a text-only element). */
export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const v = node[name];
  return Array.isArray(v) ? v : [];
}

export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => kids(node, name)[0];

/** The text of an element (trimmed), or undefined when it is absent; an empty element is "". */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node.trim();
  return typeof node['#text'] === 'string' ? node['#text'].trim() : '';
}

export const textAt = (node: XmlNode | undefined, name: string): string | undefined => textOf(child(node, name));
