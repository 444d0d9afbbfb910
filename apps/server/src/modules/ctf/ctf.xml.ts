/**
 * Reading a CTF's bytes into a tree of elements with fast-xml-parser (DAT-2): size checked first, text decoded (UTF-8,
 * with or without BOM, UTF-16, else Windows-1252), then three steps, the last two the library's own:
 * 1. a plain search refuses any `<!` markup declaration other than a comment or CDATA (a DOCTYPE, <!ENTITY…), so no
 *    entity can be declared: external entities and entity-expansion bombs never reach the parser;
 * 2. `XMLValidator.validate` checks well-formedness (tags that match and are closed, one top-level element, every "&"
 *    a reference) without recursion, giving the line and column of the first fault;
 * 3. `XMLParser` builds the tree with `maxNestedTags` refusing nesting deeper than CTF_MAX_DEPTH, and decodes the five
 *    entities XML predefines and character references through @nodable/entities' EntityDecoder (the decoder the
 *    parser is built on); a named entity XML does not define is refused, since with no DTD nothing can define it.
 * Every refusal names the pupil (position, and UPN once known) and the element where it was found.
 */
import { XMLParser, XMLValidator, type MatcherView, type ValidationError } from 'fast-xml-parser';
import { EntityDecoder, ENTITY_ACTION } from '@nodable/entities';
import { CTF_MAX_BYTES, CTF_MAX_DEPTH } from '@haven/contracts';
import { decodeText, FileProblem } from '../imports/imports.parse.ts';

/** An element: its text when it has no children, else its children by name (each a list, in file order). */
export type XmlNode = string | XmlElement;
export interface XmlElement { [name: string]: XmlNode[] | string | undefined; '#text'?: string }

interface Where { path: string[]; pupil: number; upn: string | null }

/** "pupil 3 (UPN A123…), element CTfile/CTFpupilData/Pupil[3]/BasicDetails": where in the file a problem is. */
function describeWhere(w: Where): string {
  const inPupil = w.pupil > 0 && w.path[2] === 'Pupil';
  const path = w.path.map((name, i) => (i === 2 && inPupil ? `Pupil[${w.pupil}]` : name));
  const shown = path.length > 8 ? [...path.slice(0, 6), '…', ...path.slice(-1)] : path;
  const who = inPupil ? `pupil ${w.pupil}${w.upn ? ` (UPN ${w.upn})` : ''}, ` : '';
  return `${who}element ${shown.join('/') || '(document)'}`;
}

const lineOf = (text: string, at: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

/** Refuses a DOCTYPE or any other `<!` declaration by searching for `<!`, stepping over comments and CDATA. */
function refuseDeclarations(text: string): void {
  for (let at = text.indexOf('<!'); at !== -1; at = text.indexOf('<!', at + 2)) {
    const close = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : null;
    if (close) {
      const end = text.indexOf(close, at + 4);
      if (end === -1) return; // never closed: the validator says so
      at = end;
      continue;
    }
    const word = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 20))?.[1]?.toUpperCase() || 'declaration';
    throw new FileProblem(`Line ${lineOf(text, at)}: the file has a ${word === 'DOCTYPE' ? 'DOCTYPE' : `<!${word}`} declaration. Haven refuses document type definitions in a CTF (they can pull in external entities or expand into an entity bomb); a CTF from a school's MIS never has one. Nothing was imported.`);
  }
}

/** The pupil whose element holds this offset: `<Pupil>` start tags before it, counted with indexOf, and its UPN if read. */
function pupilAt(text: string, offset: number): { pupil: number; upn: string | null } | null {
  let pupil = 0;
  let last = -1;
  for (let i = text.indexOf('<Pupil'); i !== -1 && i < offset; i = text.indexOf('<Pupil', i + 6)) {
    if (/[\s/>]/.test(text[i + 6] ?? '')) { pupil += 1; last = i; }
  }
  if (!pupil) return null;
  const closed = text.indexOf('</Pupil>', last);
  if (closed !== -1 && closed < offset) return null;
  const u = text.indexOf('<UPN>', last);
  const uEnd = u === -1 ? -1 : text.indexOf('</UPN>', u);
  return { pupil, upn: uEnd !== -1 && uEnd < offset ? text.slice(u + 5, uEnd).trim().slice(0, 20) || null : null };
}

/** The validator's finding in Haven's words, with the line, column and pupil. */
function notWellFormed(text: string, { err }: ValidationError): FileProblem {
  const unclosed = /^Invalid '(\[.*\])' found\.$/.exec(err.msg)?.[1] ?? /^Unclosed tag '(.+)'\.$/.exec(err.msg)?.[1];
  if (unclosed) {
    const path = unclosed.startsWith('[') ? (JSON.parse(unclosed) as string[]) : [unclosed];
    const who = path[2] === 'Pupil' ? pupilAt(text, text.length) : null;
    return new FileProblem(`${describeWhere({ path, pupil: who?.pupil ?? 0, upn: who?.upn ?? null })}: the file ends before this element is closed.`);
  }
  if (err.msg === 'Start tag expected.') return new FileProblem('The file holds no XML element: a CTF starts with <CTfile>.');
  let offset = 0;
  for (let n = 1; n < err.line; n += 1) offset = text.indexOf('\n', offset) + 1;
  offset += err.col - 1;
  const who = pupilAt(text, offset);
  const at = `Line ${err.line}, column ${err.col}${who ? `, pupil ${who.pupil}${who.upn ? ` (UPN ${who.upn})` : ''}` : ''}`;
  const mismatch = /^Expected closing tag '(.+)' \(opened in line (\d+), col \d+\) instead of closing tag '(.+)'\.$/.exec(err.msg);
  if (mismatch) return new FileProblem(`${at}: the end tag </${mismatch[3]!.slice(0, 40)}> does not match the open <${mismatch[1]}> (line ${mismatch[2]}).`);
  if (err.msg === 'Multiple possible root nodes found.') return new FileProblem(`${at}: the file has a second top-level element; a CTF has one, CTfile.`);
  if (err.msg === "char '&' is not expected.") return new FileProblem(`${at}: an "&" that does not start a character reference; in XML it is written &amp;.`);
  return new FileProblem(`${at}: this is not well-formed XML (${err.msg})`);
}

/** What the parser's callbacks learn as it goes: the live path, and the pupil it is in. */
class Progress {
  view: MatcherView | null = null;
  pupil = 0;
  upn: string | null = null;
  where(): Where { return { path: this.view?.toArray() ?? [], pupil: this.pupil, upn: this.upn }; }
}

/** The five XML entities and character references, decoded by @nodable/entities; any other named entity is refused. */
class CtfEntities extends EntityDecoder {
  constructor(private readonly progress: Progress) {
    super({ numericAllowed: true, onInputEntity: () => ENTITY_ACTION.THROW, onExternalEntity: () => ENTITY_ACTION.THROW });
  }

  override decode(s: string): string {
    const other = /&(?!(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9a-fA-F]+);)([^;&\s<]{1,40});/.exec(s);
    if (other) throw new FileProblem(`${describeWhere(this.progress.where())}: the entity &${other[1]}; is not one XML defines. Haven reads no DTD, so a CTF may use only &lt; &gt; &amp; &apos; &quot; and character references.`);
    return super.decode(s);
  }
}

function parse(text: string): { doc: Record<string, XmlNode[]>; pupils: number } {
  const progress = new Progress();
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    entityDecoder: new CtfEntities(progress),
    commentPropName: false,
    // the parser counts the open elements above a new one, so the deepest allowed is one more than this
    maxNestedTags: CTF_MAX_DEPTH - 1,
    isArray: () => true,
    jPath: false, // callbacks get the parser's live path, not a string built per element
    updateTag: (tagName: string, matcher: string | MatcherView) => {
      if (typeof matcher !== 'string') {
        progress.view = matcher;
        if (tagName === 'Pupil' && matcher.getDepth() === 3) { progress.pupil += 1; progress.upn = null; }
      }
      return tagName;
    },
    tagValueProcessor: (tagName: string, value: string, matcher: string | MatcherView) => {
      if (tagName === 'UPN' && typeof matcher !== 'string' && matcher.getDepth() === 4) progress.upn = value.trim().slice(0, 20) || null;
      return undefined;
    },
  });
  try {
    return { doc: parser.parse(text) as Record<string, XmlNode[]>, pupils: progress.pupil };
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    const message = e instanceof Error ? e.message : String(e);
    if (message === 'Maximum nested tags exceeded') {
      throw new FileProblem(`${describeWhere(progress.where())}: elements are nested more than ${CTF_MAX_DEPTH} deep. A CTF nests about eight deep; this file is refused unread.`);
    }
    throw new FileProblem(`${describeWhere(progress.where())}: the XML could not be read (${message}).`);
  }
}

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
  if (!text.includes('<')) throw new FileProblem('The file holds no XML element: a CTF starts with <CTfile>.');
  refuseDeclarations(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw notWellFormed(text, valid);
  const { doc, pupils } = parse(text);
  const [rootName, second] = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootName ? doc[rootName]?.[0] : undefined;
  // the validator lets an empty element (<x/>) after the top-level one through; the parsed tree shows it
  if (second !== undefined || (rootName && doc[rootName]!.length > 1)) throw new FileProblem(`The file has a second top-level element <${second ?? rootName}>; a CTF has one, CTfile.`);
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
