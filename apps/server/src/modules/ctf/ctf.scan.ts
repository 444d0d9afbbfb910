/**
 * The safety pass over a CTF's text before any XML parser sees it (DAT-2): one linear scan, no recursion, that refuses
 * a DOCTYPE or any other markup declaration (so external entities and entity-expansion bombs never reach a parser),
 * entity references XML itself does not define, and nesting deeper than CTF_MAX_DEPTH. Each refusal names the pupil
 * (by position, and UPN once the scan has passed it) and the element path where it was found.
 */
import { CTF_MAX_DEPTH } from '@haven/contracts';
import { FileProblem } from '../imports/imports.parse.ts';

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);

export interface ScanResult {
  /** Pupil elements (CTfile/CTFpupilData/Pupil) in the file. */
  pupils: number;
}

interface Where { path: string[]; pupil: number; upn: string | null }

/** "pupil 3 (UPN A123…), CTfile/CTFpupilData/Pupil[3]/BasicDetails": where in the file a problem is. */
export function describeWhere(w: Where, extra?: string): string {
  const path = w.path.map((name, i) => (i === 2 && name === 'Pupil' && w.pupil ? `Pupil[${w.pupil}]` : name));
  if (extra) path.push(extra);
  const shown = path.length > 8 ? [...path.slice(0, 6), '…', ...path.slice(-1)] : path;
  const who = w.pupil && w.path.length >= 3 ? `pupil ${w.pupil}${w.upn ? ` (UPN ${w.upn})` : ''}, ` : '';
  return `${who}element ${shown.join('/') || '(document)'}`;
}

const lineOf = (text: string, at: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

/** The end of a start or end tag from `from` (just after `<`), skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

function checkEntities(segment: string, text: string, offset: number, where: Where): void {
  for (let i = segment.indexOf('&'); i !== -1; i = segment.indexOf('&', i + 1)) {
    const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z_][\w.-]{0,40});/.exec(segment.slice(i, i + 50));
    if (!m) throw new FileProblem(`Line ${lineOf(text, offset + i)}, ${describeWhere(where)}: an "&" that does not start a character reference; in XML it is written &amp;.`);
    const name = m[1]!;
    if (!name.startsWith('#') && !PREDEFINED.has(name)) {
      throw new FileProblem(`Line ${lineOf(text, offset + i)}, ${describeWhere(where)}: the entity &${name}; is not one XML defines. Haven reads no DTD, so a CTF may use only &lt; &gt; &amp; &apos; &quot; and character references.`);
    }
  }
}

/** Throws FileProblem for anything Haven will not hand to the XML parser; otherwise counts the pupils. */
export function scanCtfText(text: string): ScanResult {
  const where: Where = { path: [], pupil: 0, upn: null };
  let i = 0;
  let rootSeen = false;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const segment = text.slice(i, lt === -1 ? text.length : lt);
    if (segment.includes('&')) checkEntities(segment, text, i, where);
    if (lt === -1) break;
    if (where.path.length === 4 && where.path[2] === 'Pupil' && where.path[3] === 'UPN' && where.upn === null) where.upn = segment.trim().slice(0, 20) || null;
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw new FileProblem(`Line ${lineOf(text, lt)}: a processing instruction (<?…) is never closed.`);
      i = end + 2;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: a comment is never closed.`);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: a CDATA section is never closed.`);
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      const word = /^<!([A-Za-z]*)/.exec(text.slice(lt, lt + 20))?.[1]?.toUpperCase() || 'declaration';
      throw new FileProblem(`Line ${lineOf(text, lt)}: the file has a ${word === 'DOCTYPE' ? 'DOCTYPE' : `<!${word}`} declaration. Haven refuses document type definitions in a CTF (they can pull in external entities or expand into an entity bomb); a CTF from a school's MIS never has one. Nothing was imported.`);
    } else if (text.startsWith('</', lt)) {
      const end = tagEnd(text, lt + 2);
      if (end === -1) throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: an end tag is never closed with ">".`);
      const name = text.slice(lt + 2, end).trim();
      const open = where.path[where.path.length - 1];
      if (open !== name) {
        throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: the end tag </${name.slice(0, 40)}> does not match ${open ? `the open <${open}>` : 'any open element'}.`);
      }
      where.path.pop();
      if (where.path.length < 3) where.upn = where.path.length === 2 ? null : where.upn;
      i = end + 1;
    } else {
      const end = tagEnd(text, lt + 1);
      if (end === -1) throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: a start tag is never closed with ">".`);
      const name = /^[A-Za-z_][\w.:-]*/.exec(text.slice(lt + 1, Math.min(end, lt + 101)))?.[0];
      if (!name) throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: "<" that does not start an element; in XML it is written &lt;.`);
      if (where.path.length === 0) {
        if (rootSeen) throw new FileProblem(`Line ${lineOf(text, lt)}: the file has a second top-level element <${name}>; a CTF has one, CTfile.`);
        rootSeen = true;
      }
      const selfClosing = text[end - 1] === '/';
      if (!selfClosing) {
        where.path.push(name);
        if (where.path.length === 3 && name === 'Pupil') { where.pupil += 1; where.upn = null; }
        if (where.path.length > CTF_MAX_DEPTH) {
          throw new FileProblem(`Line ${lineOf(text, lt)}, ${describeWhere(where)}: elements are nested more than ${CTF_MAX_DEPTH} deep. A CTF nests about eight deep; this file is refused unread.`);
        }
      }
      i = end + 1;
    }
  }
  if (!rootSeen) throw new FileProblem('The file holds no XML element: a CTF starts with <CTfile>.');
  if (where.path.length) throw new FileProblem(`${describeWhere(where)}: the file ends before this element is closed.`);
  return { pupils: where.pupil };
}
