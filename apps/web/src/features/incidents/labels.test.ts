import { describe, expect, it } from 'vitest';
import { fieldLabel, formField, sectionOf } from './labels';

describe('the server names fields; the form shows them by label', () => {
  it('maps a 400 field to the form field that shows it', () => {
    expect(formField('physicalInterventions.0.bodyMap.0.x')).toBe('physicalInterventions.0.bodyMap');
    expect(formField('physicalInterventions[1].startedAt')).toBe('physicalInterventions.1.startedAt');
    expect(formField('physicalInterventions.0.staffTechniques.1.techniqueCodes.0')).toBe('physicalInterventions.0.staffTechniques.1.techniqueCodes');
    expect(formField('categoryCodes.2')).toBe('categoryCodes');
    expect(formField('pupils.0.role')).toBe('pupils');
    expect(formField('customValues.calm_plan')).toBe('customValues.calm_plan');
    expect(formField('locationCode')).toBe('locationCode');
  });

  it('names a field in words, never as a path', () => {
    expect(fieldLabel(formField('physicalInterventions.0.technique'))).toBe('Physical intervention 1: Technique');
    expect(fieldLabel('physicalInterventions.0.startedAt')).toBe('Physical intervention 1: Start time');
    expect(fieldLabel('locationCode')).toBe('Location');
    expect(fieldLabel('somethingNew')).toBe('Something new');
    expect(fieldLabel('body')).not.toMatch(/\./);
  });

  it('knows the section that holds a field, so a folded section can open', () => {
    expect(sectionOf('actionCodes.1')).toBe('actions');
    expect(sectionOf('staff')).toBe('staff');
    expect(sectionOf('physicalInterventions.0.reason')).toBe('pi');
    expect(sectionOf('customValues.x')).toBe('custom');
  });
});
