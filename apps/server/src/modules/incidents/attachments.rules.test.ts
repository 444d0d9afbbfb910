import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ATTACHMENT_BYTES, baseType, contentDisposition, sanitiseFilename, sniff, uploadProblem } from './attachments.rules.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const TEXT = new TextEncoder().encode('Notes from the debrief — café');

describe('sniff and uploadProblem', () => {
  it.each([
    [JPEG, 'image/jpeg'], [PNG, 'image/png'], [PDF, 'application/pdf'], [TEXT, 'text/plain'],
    [bytes(0x50, 0x4b, 0x03, 0x04, 1), null], [bytes(0x4d, 0x5a, 0x90), null], [bytes(0x41, 0, 0x42), null], [bytes(0xc3, 0x28), null],
  ])('%j is %s', (buf, type) => {
    expect(sniff(buf)).toBe(type);
  });

  it.each([
    ['image/jpeg', JPEG, null],
    ['image/png', PNG, null],
    ['application/pdf', PDF, null],
    ['text/plain', TEXT, null],
    ['image/gif', JPEG, 'Content-Type'],
    ['text/html', TEXT, 'Content-Type'],
    ['image/png', JPEG, 'body'],
    ['application/pdf', TEXT, 'body'],
    ['text/plain', PDF, 'body'],
    ['image/jpeg', new Uint8Array(0), 'body'],
  ])('%s with those bytes → problem on %s', (type, buf, field) => {
    expect(uploadProblem(type, buf)?.field ?? null).toBe(field);
  });

  it('refuses more than 10 MB', () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1); big.set(JPEG);
    expect(uploadProblem('image/jpeg', big)?.message).toMatch(/10 MB/);
  });

  it.each([['Text/Plain; charset=UTF-8', 'text/plain'], [undefined, ''], ['image/png', 'image/png']])('baseType(%s) = %s', (h, t) => {
    expect(baseType(h)).toBe(t);
  });
});

describe('sanitiseFilename', () => {
  it.each([
    ['photo.jpg', 'image/jpeg', 'photo.jpg'],
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['C:\\Users\\me\\report.pdf', 'application/pdf', 'report.pdf'],
    ['bad"name<>|?*.png', 'image/png', 'badname.png'],
    ['%E2%9C%93%20tick.txt', 'text/plain', '✓ tick.txt'],
    ['', 'image/png', 'attachment.png'],
    ['...', 'application/pdf', 'attachment.pdf'],
    ['line\r\nbreak.txt', 'text/plain', 'linebreak.txt'],
  ] as const)('%j → %j', (raw, type, expected) => {
    expect(sanitiseFilename(raw, type)).toBe(expected);
  });

  it('always gives a short name without path separators, control characters or quotes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (raw) => {
      const name = sanitiseFilename(raw, 'text/plain');
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(155);
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/[/\\"\u0000-\u001f]/);
      expect(contentDisposition(name)).not.toMatch(/[\r\n]/);
    }));
  });
});
