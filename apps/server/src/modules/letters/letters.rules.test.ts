import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LETTER_KINDS, LETTER_MERGE_FIELDS } from '@haven/contracts';
import { DEFAULT_TEMPLATES } from './letters.defaults.ts';
import { editableParts, effectiveTemplate, fieldsIn, fill, paragraphs, salutation, templateProblems, unknownFields } from './letters.rules.ts';

const def = DEFAULT_TEMPLATES.suspension;
const fields = LETTER_MERGE_FIELDS.suspension;
const asInput = (blocks = def.blocks) => blocks.map((b) => ({ key: b.key, heading: b.heading, text: b.text }));

describe('merge fields', () => {
  it('finds, fills and checks fields, with or without spaces inside the braces', () => {
    expect(fieldsIn('Dear {{ parent.names }}, {{pupil.firstName}} and {{pupil.firstName}}')).toEqual(['parent.names', 'pupil.firstName']);
    expect(fill('{{ pupil.firstName }} in Year {{pupil.yearGroup}}', { 'pupil.firstName': 'Ava', 'pupil.yearGroup': '8' })).toBe('Ava in Year 8');
    expect(fill('{{missing}}!', {})).toBe('!');
    expect(unknownFields('{{pupil.firstName}} {{pupil.shoeSize}} {{constructor}}', fields)).toEqual(['pupil.shoeSize', 'constructor']);
  });

  it('fills a value once: text a parent or teacher typed that looks like a field is printed, never expanded', () => {
    fc.assert(fc.property(fc.string(), (typed) => {
      expect(fill('{{suspension.details}}', { 'suspension.details': typed, 'pupil.firstName': 'X' })).toBe(typed);
    }));
    expect(fill('{{suspension.details}}', { 'suspension.details': '{{pupil.firstName}}', 'pupil.firstName': 'Ava' })).toBe('{{pupil.firstName}}');
  });

  it('every default template uses only the fields its kind offers', () => {
    for (const kind of LETTER_KINDS) {
      const d = DEFAULT_TEMPLATES[kind];
      expect(templateProblems(d, LETTER_MERGE_FIELDS[kind], d.subject, asInput(d.blocks)), kind).toEqual([]);
      expect(unknownFields(d.title, LETTER_MERGE_FIELDS[kind]), kind).toEqual([]);
    }
  });
});

describe('paragraphs', () => {
  it('splits on blank lines, joins wrapped lines, and makes "- " lines a list', () => {
    expect(paragraphs('One\ntwo\n\n- a\n- b\n\n\n  \nThree')).toEqual([
      { kind: 'text', text: 'One two' }, { kind: 'list', items: ['a', 'b'] }, { kind: 'text', text: 'Three' }]);
    expect(paragraphs('  \n\n ')).toEqual([]);
  });
});

describe('locked parts', () => {
  it('refuses a change to a locked part, naming it, and accepts a change to an editable one', () => {
    const blocks = asInput();
    const reps = blocks.findIndex((b) => b.key === 'representations');
    const work = blocks.findIndex((b) => b.key === 'work');
    blocks[reps] = { ...blocks[reps]!, text: 'You may not complain.' };
    blocks[work] = { ...blocks[work]!, text: 'Work will be on the school website for {{pupil.firstName}}.' };
    expect(templateProblems(def, fields, def.subject, blocks)).toEqual([{ field: `blocks.${reps}.text`, message: 'This part is required by law and cannot be changed' }]);
  });

  it('refuses a locked heading changed, parts removed, reordered or added, and unknown fields in the subject or an editable part', () => {
    const blocks = asInput();
    blocks[2] = { ...blocks[2]!, heading: 'Reasons' };
    expect(templateProblems(def, fields, def.subject, blocks).map((p) => p.field)).toEqual(['blocks.2.heading']);
    expect(templateProblems(def, fields, def.subject, asInput().slice(1))[0]!.field).toBe('blocks');
    expect(templateProblems(def, fields, def.subject, asInput().reverse())[0]!.field).toBe('blocks');
    const closing = asInput().map((b) => (b.key === 'closing' ? { ...b, text: '{{pupil.nickname}}' } : b));
    expect(templateProblems(def, fields, 'About {{pupil.favouriteColour}}', closing)).toEqual([
      { field: 'subject', message: 'Unknown merge field: {{pupil.favouriteColour}}' },
      { field: `blocks.${closing.length - 1}.text`, message: 'Unknown merge field: {{pupil.nickname}}' },
    ]);
  });

  it('the template in force: the override over the trust over the default, locked parts always the default', () => {
    const saved = { subject: 'Trust subject', parts: { work: { heading: null, text: 'Trust work' }, representations: { heading: 'x', text: 'hacked' } } };
    const site = { subject: 'Site subject', parts: { work: { heading: null, text: 'Site work' } } };
    const t = effectiveTemplate(def, null, saved);
    expect(t.subject).toBe('Trust subject');
    expect(t.blocks.find((b) => b.key === 'work')!.text).toBe('Trust work');
    expect(t.blocks.find((b) => b.key === 'representations')).toEqual({ ...def.blocks.find((b) => b.key === 'representations'), key: 'representations' });
    expect(effectiveTemplate(def, site, saved).blocks.find((b) => b.key === 'work')!.text).toBe('Site work');
    expect(effectiveTemplate(def).blocks).toEqual(def.blocks);
    expect(Object.keys(editableParts(def, asInput()))).toEqual(def.blocks.filter((b) => !b.locked).map((b) => b.key));
  });
});

describe('salutation', () => {
  it.each([
    [[], 'Dear Parent or Carer'],
    [[{ title: 'Mr', forename: 'John', surname: 'Smith' }], 'Dear Mr Smith'],
    [[{ title: null, forename: 'Jane', surname: 'Smith' }], 'Dear Jane Smith'],
    [[{ title: 'Mr', forename: 'John', surname: 'Smith' }, { title: 'Dr', forename: 'Ann', surname: 'Jones' }], 'Dear Mr Smith and Dr Jones'],
    [[{ title: 'Ms', forename: 'Emma', surname: 'Testcase' }, { title: 'Ms', forename: 'Lena', surname: 'Testcase' }], 'Dear Ms Emma Testcase and Ms Lena Testcase'],
  ])('%j → %s', (people, expected) => expect(salutation(people)).toBe(expected));
});
