/**
 * Reading a CTF's bytes into a tree of elements (DAT-2) with saxes, a conformant streaming XML parser: size checked
 * first, text decoded (UTF-8, with or without BOM, UTF-16, else Windows-1252), then two steps:
 * 1. a plain search refuses any `<!` markup declaration other than a comment or CDATA (a DOCTYPE, <!ENTITY…), so no
 *    entity can be declared: external entities and entity-expansion bombs never reach the parser;
 * 2. one pass of saxes checks well-formedness (tags that match and are closed, one top-level element, every "&" a
 *    reference to one of the five entities XML predefines or a character reference) and, from its events, builds the
 *    tree without recursion, refusing nesting deeper than CTF_MAX_DEPTH as soon as it is reached. Any other named
 *    entity is refused, since with no DTD nothing can define it.
 * Every refusal names the line and column, the pupil (position, and UPN once known) and the element where it was found.
 * (One pass replaced fast-xml-parser's validator and parser, two passes taking three times as long: bench/README.md.)
 */
import { SaxesParser } from 'saxes';
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
      if (end === -1) return; // never closed: the parser says so
      at = end;
      continue;
    }
    const word = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 20))?.[1]?.toUpperCase() || 'declaration';
    throw new FileProblem(`Line ${lineOf(text, at)}: the file has a ${word === 'DOCTYPE' ? 'DOCTYPE' : `<!${word}`} declaration. Haven refuses document type definitions in a CTF (they can pull in external entities or expand into an entity bomb); a CTF from a school's MIS never has one. Nothing was imported.`);
  }
}

/** An element being read: its name, its children so far, and its text. */
interface Open { name: string; el: XmlElement; text: string; children: boolean }

/**
 * Builds the tree from saxes' events. The path of open elements, the pupil being read (counted by its start tag at
 * depth 3) and its UPN (the text of UPN at depth 4) are kept for naming where a refusal happened.
 */
class TreeBuilder {
  readonly top: XmlElement = {};
  readonly stack: Open[] = [{ name: '', el: this.top, text: '', children: false }];
  pupil = 0;
  upn: string | null = null;
  roots = 0;

  where(): Where { return { path: this.stack.slice(1).map((o) => o.name), pupil: this.pupil, upn: this.upn }; }

  open(name: string): void {
    const parent = this.stack[this.stack.length - 1]!;
    if (this.stack.length === 1) {
      this.roots += 1;
      if (this.roots > 1) throw new FileProblem(`The file has a second top-level element <${name.slice(0, 40)}>; a CTF has one, CTfile.`);
    }
    const el: XmlElement = {};
    parent.children = true;
    const list = parent.el[name];
    if (Array.isArray(list)) list.push(el); else parent.el[name] = [el];
    this.stack.push({ name, el, text: '', children: false });
    const depth = this.stack.length - 1;
    if (depth === 3 && name === 'Pupil') { this.pupil += 1; this.upn = null; }
    if (depth > CTF_MAX_DEPTH) throw new FileProblem(`${describeWhere(this.where())}: elements are nested more than ${CTF_MAX_DEPTH} deep. A CTF nests about eight deep; this file is refused unread.`);
  }

  close(): void {
    const done = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1]!;
    const text = done.text.trim();
    if (this.stack.length === 4 && done.name === 'UPN' && this.stack[3]!.name === 'Pupil') this.upn = text.slice(0, 20) || null;
    if (!done.children) {
      // an element with only text is its text, as a string in its parent's list
      const list = parent.el[done.name] as XmlNode[];
      list[list.length - 1] = text;
    } else if (text) done.el['#text'] = text;
  }

  text(t: string): void { this.stack[this.stack.length - 1]!.text += t; }
}

/** The first "&" before `end` that starts no reference, outside CDATA and comments (-1 when none). */
function bareAmpersand(text: string, end: number): number {
  const re = /&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_:][A-Za-z0-9_.:-]{0,60};)/g;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const inside = (open: string, close: string) => text.lastIndexOf(open, m!.index) > text.lastIndexOf(close, m!.index);
    if (!inside('<![CDATA[', ']]>') && !inside('<!--', '-->')) return m.index;
  }
  return -1;
}

/** The pupil whose element holds this offset: `<Pupil>` start tags before it, counted with indexOf, and its UPN if read. */
function pupilAt(text: string, offset: number): string {
  let pupil = 0;
  let last = -1;
  for (let i = text.indexOf('<Pupil'); i !== -1 && i < offset; i = text.indexOf('<Pupil', i + 6)) {
    if (/[\s/>]/.test(text[i + 6] ?? '')) { pupil += 1; last = i; }
  }
  if (!pupil) return '';
  const closed = text.indexOf('</Pupil>', last);
  if (closed !== -1 && closed < offset) return '';
  const u = text.indexOf('<UPN>', last);
  const uEnd = u === -1 ? -1 : text.indexOf('</UPN>', u);
  const upn = uEnd !== -1 && uEnd < offset ? text.slice(u + 5, uEnd).trim().slice(0, 20) : '';
  return `, pupil ${pupil}${upn ? ` (UPN ${upn})` : ''}`;
}

/** saxes' finding in Haven's words, with the line, column, pupil and element. */
function notWellFormed(text: string, b: TreeBuilder, parser: SaxesParser, message: string): FileProblem {
  const m = /^(?:\d+:\d+: )?(.*)$/s.exec(message)![1]!;
  const at = `Line ${parser.line}, column ${parser.column}${b.pupil && b.stack[3]?.name === 'Pupil' ? `, pupil ${b.pupil}${b.upn ? ` (UPN ${b.upn})` : ''}` : ''}`;
  // saxes reads an "&" up to the next ";", so a bare one is reported late or as an element left open: find it
  if (/entity|^unclosed tag/.test(m)) {
    const amp = bareAmpersand(text, parser.position);
    if (amp !== -1) {
      const line = lineOf(text, amp);
      const column = amp - text.lastIndexOf('\n', amp - 1);
      return new FileProblem(`Line ${line}, column ${column}${pupilAt(text, amp)}: an "&" that does not start a character reference; in XML it is written &amp;.`);
    }
  }
  if (m === 'documents may contain only one root.') {
    const name = /^<([^\s/>]{1,40})/.exec(text.slice(text.lastIndexOf('<', parser.position - 1)))?.[1] ?? '';
    return new FileProblem(`The file has a second top-level element <${name}>; a CTF has one, CTfile.`);
  }
  if (m === 'undefined entity.') {
    const amp = text.lastIndexOf('&', Math.max(0, parser.position - 1));
    const name = /^&([^;&\s<]{1,40});/.exec(text.slice(amp, amp + 45))?.[1] ?? '';
    return new FileProblem(`${describeWhere(b.where())}: the entity &${name}; is not one XML defines. Haven reads no DTD, so a CTF may use only &lt; &gt; &amp; &apos; &quot; and character references.`);
  }
  if (/entity|character entity/.test(m)) return new FileProblem(`${at}: an "&" that does not start a character reference; in XML it is written &amp;.`);
  const unmatched = /^unmatched closing tag: (.*)\.$/.exec(m);
  if (unmatched) return new FileProblem(`${at}: the end tag </${unmatched[1]!.slice(0, 40)}> does not match the open <${b.stack[b.stack.length - 1]?.name ?? ''}>.`);
  const unclosed = /^unclosed tag: (.*)$/.exec(m);
  if (unclosed) return new FileProblem(`${describeWhere(b.where())}: the file ends before this element is closed.`);
  if (m === 'document must contain a root element.' || (m === 'text data outside of root node.' && !b.roots)) return new FileProblem('The file holds no XML element: a CTF starts with <CTfile>.');
  if (m === 'text data outside of root node.') return new FileProblem(`${at}: there is text after the end of the top-level element; a CTF has one, CTfile, and nothing after it.`);
  return new FileProblem(`${at}: this is not well-formed XML (${m})`);
}

function parse(text: string): { top: XmlElement; pupils: number } {
  const parser = new SaxesParser({ position: true });
  const b = new TreeBuilder();
  parser.on('error', (e) => { throw notWellFormed(text, b, parser, e.message); });
  parser.on('opentag', (tag) => b.open(tag.name));
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) {
      // saxes closes the open element before it reports an end tag that does not match it: check here, while the
      // open element is still on the path, and name both
      const from = text.lastIndexOf('</', parser.position - 1) + 2;
      const end = text.indexOf('>', from);
      const name = text.slice(from, end === -1 ? from + 40 : end).trim();
      if (name !== tag.name) throw notWellFormed(text, b, parser, `unmatched closing tag: ${name}.`);
    }
    b.close();
  });
  parser.on('text', (t) => b.text(t));
  parser.on('cdata', (t) => b.text(t));
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(`${describeWhere(b.where())}: the XML could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  return { top: b.top, pupils: b.pupil };
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
  const { top, pupils } = parse(text);
  const rootName = Object.keys(top)[0];
  const root = rootName ? (top[rootName] as XmlNode[])[0] : undefined;
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
