import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '@haven/contracts';
import { isStaffRole, ROLE_JOB_TITLES, splitDisplayName, staffJobTitle, staffSitesOf } from './people.staff.rules.ts';

describe('staff records made for users', () => {
  it('counts every role but the parent, the agency professional and the governor as a staff role, each with a job title', () => {
    for (const role of ROLES) {
      const staff = !['parent', 'agency', 'governor'].includes(role);
      expect(isStaffRole(role), role).toBe(staff);
      expect(staffJobTitle([role]) !== null, role).toBe(staff);
    }
    expect(ROLE_JOB_TITLES.map(([r]) => r).sort()).toEqual(ROLES.filter(isStaffRole).sort());
  });

  it('names the job by the most senior role held', () => {
    expect(staffJobTitle(['staff', 'head'])).toBe('Headteacher');
    expect(staffJobTitle(['staff', 'dsl'])).toBe('Designated safeguarding lead');
    expect(staffJobTitle(['office', 'trust_admin'])).toBe('Trust administrator');
    expect(staffJobTitle(['governor', 'staff'])).toBe('Member of staff');
    expect(staffJobTitle(['governor', 'parent'])).toBeNull();
  });

  it('splits a display name into forename and surname', () => {
    expect(splitDisplayName("  Siobhán   O'Brien ")).toEqual({ forename: 'Siobhán', surname: "O'Brien" });
    expect(splitDisplayName('Jan van der Berg')).toEqual({ forename: 'Jan', surname: 'van der Berg' });
    expect(splitDisplayName('Cher')).toEqual({ forename: 'Cher', surname: '' });
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[A-Za-z'-]{1,8}$/), { minLength: 1, maxLength: 4 }), (words) => {
      const { forename, surname } = splitDisplayName(words.join('  '));
      expect(`${forename} ${surname}`.trim()).toBe(words.join(' '));
    }));
  });

  it('puts a record at each site of a staff role, and at every site for a trust-wide one', () => {
    const sites = ['s1', 's2', 's3'];
    expect(staffSitesOf([{ role: 'staff', siteId: 's1' }, { role: 'dsl', siteId: 's1' }, { role: 'governor', siteId: 's2' }], sites))
      .toEqual(new Map([['s1', ['staff', 'dsl']]]));
    expect(staffSitesOf([{ role: 'trust_admin', siteId: null }, { role: 'head', siteId: 's2' }], sites))
      .toEqual(new Map([['s1', ['trust_admin']], ['s2', ['trust_admin', 'head']], ['s3', ['trust_admin']]]));
    expect(staffSitesOf([{ role: 'parent', siteId: 's1' }, { role: 'agency', siteId: null }], sites).size).toBe(0);
  });
});
