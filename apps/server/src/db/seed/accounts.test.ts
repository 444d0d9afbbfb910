/** Finding a demo account by what a person types: the README's hyphenated spelling, the role code or the email. */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, findDemoAccount } from './accounts.ts';

describe('findDemoAccount', () => {
  it.each([
    ['cluster-lead', 'cluster_lead'],
    ['cluster_lead', 'cluster_lead'],
    ['Cluster-Lead', 'cluster_lead'],
    [' trust-admin ', 'trust_admin'],
    ['cluster-lead@demo.haven.test', 'cluster_lead'],
    ['TRUST-ADMIN@DEMO.HAVEN.TEST', 'trust_admin'],
    ['head', 'head'],
    ['behaviour lead', 'behaviour_lead'],
  ])('reads %j as %s', (typed, role) => {
    expect(findDemoAccount(typed)?.role).toBe(role);
  });

  it.each(['', 'cluster', 'cluster--lead-x', 'head@elsewhere.test', 'headteacher'])('finds nothing for %j', (typed) => {
    expect(findDemoAccount(typed)).toBeNull();
  });

  it('finds every account by its README email and by its hyphenated role', () => {
    for (const a of DEMO_ACCOUNTS) {
      expect(findDemoAccount(a.email)).toBe(a);
      expect(findDemoAccount(a.role.replaceAll('_', '-'))).toBe(a);
    }
  });
});
