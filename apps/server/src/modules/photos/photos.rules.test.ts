import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { photoProblem, sniffImage, zipEntry } from './photos.rules.ts';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffImage', () => {
  it.each([
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    [bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
  ])('knows %s by its signature', (b, type) => { expect(sniffImage(b)).toBe(type); });

  it.each([
    ['an HTML page', bytes('<!DOCTYPE html><script>alert(1)</script>')],
    ['text', bytes('Hello')],
    ['a GIF', bytes('GIF89a')],
    ['an SVG (it can carry script)', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['a PDF', bytes('%PDF-1.7')],
    ['a truncated JPEG signature', bytes([0xff, 0xd8])],
    ['nothing', bytes()],
  ])('refuses %s', (_what, b) => { expect(sniffImage(b)).toBeNull(); });

  it('never calls anything an image unless it starts with one of the three signatures', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      const t = sniffImage(b);
      if (t === 'image/jpeg') expect([...b.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      if (t === 'image/png') expect(b[1]).toBe(0x50);
      if (t === 'image/webp') expect(String.fromCharCode(...b.slice(8, 12))).toBe('WEBP');
    }));
  });
});

describe('photoProblem', () => {
  it('names an empty file, one over 10 MB and one that is no image', () => {
    expect(photoProblem(bytes())).toMatch(/empty/);
    const big = new Uint8Array(10 * 1024 * 1024 + 1); big.set([0xff, 0xd8, 0xff]);
    expect(photoProblem(big)).toMatch(/10 MB/);
    expect(photoProblem(bytes('<html>'))).toMatch(/not a JPEG, PNG or WebP/);
    expect(photoProblem(bytes([0xff, 0xd8, 0xff, 0xdb]))).toBeNull();
  });
});

describe('zipEntry', () => {
  it.each([
    ['B801200005001.jpg', 'B801200005001'],
    ['photos/2026/b801200005001.JPEG', 'B801200005001'],
    ['Year 7\\A123456789012.png', 'A123456789012'],
    [' JS .webp', 'JS'],
  ])('reads %s as the key %s', (name, key) => { expect(zipEntry(name)).toEqual({ kind: 'image', key }); });

  it.each(['notes.txt', 'B801200005001.gif', 'B801200005001.jpg.exe', 'photo.svg'])('reports %s as ignored', (name) => {
    expect(zipEntry(name).kind).toBe('ignored');
  });

  it.each(['photos/', '__MACOSX/photos/._B801200005001.jpg', 'photos/.DS_Store', 'Thumbs.db', '.hidden.jpg'])('skips %s quietly', (name) => {
    expect(zipEntry(name).kind).toBe('skip');
  });
});
