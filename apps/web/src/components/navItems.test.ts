/**
 * The navigation as each role sees it (issue 13 part 9): grouped by task, no two links of the same name or to the same
 * page for any role (nor for someone holding several roles), every link to a page the router knows, and the current
 * page marked once, by the closest link.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '@haven/contracts';
import { ALL_PERMISSIONS, PERMISSIONS } from '../../../server/src/core/policy/permissions';
import { activeLink, NAV_GROUPS, visibleNav } from './navItems';
import routerSource from '../router.tsx?raw';

const permissionsOf = (role: string) => ALL_PERMISSIONS.filter((p) => (PERMISSIONS[p].roles as readonly string[]).includes(role));
const who: [string, string[]][] = [...ROLES.map((r) => [r, permissionsOf(r)] as [string, string[]]), ['every permission at once', [...ALL_PERMISSIONS]]];

describe('navigation', () => {
  it.each(who)('%s: no two links share a name or a page, and every group has a heading but the first', (_role, perms) => {
    const groups = visibleNav(perms);
    const links = groups.flatMap((g) => g.items);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((l) => l.label.toLowerCase())).size).toBe(links.length);
    expect(new Set(links.map((l) => l.to)).size).toBe(links.length);
    expect(groups.slice(1).every((g) => g.label)).toBe(true);
  });

  it('group headings are distinct and no link is offered twice across groups', () => {
    const links = NAV_GROUPS.flatMap((g) => g.items);
    expect(new Set(NAV_GROUPS.map((g) => g.label)).size).toBe(NAV_GROUPS.length);
    expect(new Set(links.map((l) => `${l.label}`)).size).toBe(links.length);
  });

  it('every link goes to a route the router has', () => {
    const paths = new Set([...routerSource.matchAll(/path: '([^']+)'/g)].map((m) => m[1]));
    for (const l of NAV_GROUPS.flatMap((g) => g.items)) expect(paths, l.to).toContain(l.to);
  });

  it('a parent sees their children and nothing for staff; a member of staff sees recording and the calendar but no administration', () => {
    const parent = visibleNav(permissionsOf('parent')).flatMap((g) => g.items.map((i) => i.label));
    expect(parent).toEqual(['Home', 'Notifications', 'My children', 'School visits', 'Email choices']);
    const staff = visibleNav(permissionsOf('staff'));
    expect(staff.map((g) => g.label)).toEqual([null, 'Record', 'Review', 'Pupils', 'Sanctions', 'Safeguarding', 'School', 'Staff']);
    expect(staff.find((g) => g.label === 'School')?.items.map((i) => i.label)).toEqual(['School calendar', 'Where am I today']);
  });

  it('marks the closest link as the current page', () => {
    const groups = visibleNav([...ALL_PERMISSIONS]);
    expect(activeLink(groups, '/')?.label).toBe('Home');
    expect(activeLink(groups, '/incidents/new')?.label).toBe('Record an incident');
    expect(activeLink(groups, '/incidents/0f3c/edit')?.label).toBe('Incidents');
    expect(activeLink(groups, '/safeguarding/raise')?.label).toBe('Raise a safeguarding concern');
    expect(activeLink(groups, '/safeguarding/abc')?.label).toBe('Safeguarding concerns');
    expect(activeLink(groups, '/reports/governors')?.label).toBe("Governors' report");
    expect(activeLink(groups, '/reports/subscriptions')?.label).toBe('Weekly report');
    expect(activeLink(groups, '/analytics/exclusions')?.label).toBe('Exclusions');
    expect(activeLink(groups, '/api-tokens')).toBeUndefined();
  });
});
