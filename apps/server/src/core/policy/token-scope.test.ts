import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TOKEN_AREAS, type TTokenArea } from '@haven/contracts';
import type { RouteAccess } from '../http/context.ts';
import { ALL_PERMISSIONS, PERMISSIONS } from './permissions.ts';
import { routeArea, tokenRefusal } from './token-scope.ts';

const token = (writeAreas: TTokenArea[]) => ({ tokenId: 't', writeAreas });
const perm = (permission: keyof typeof PERMISSIONS): RouteAccess => ({ auth: 'permission', permission });

describe('API token scope', () => {
  it.each([
    // [scope, access, method, allowed]
    [[], perm('pupil.read'), 'GET', true],
    [[], perm('behaviour.record'), 'POST', false],
    [['behaviour'], perm('behaviour.record'), 'POST', true],
    [['behaviour'], perm('incident.void'), 'DELETE', true],
    [['behaviour'], perm('safeguarding.raise'), 'POST', false],
    [['safeguarding'], perm('safeguarding.raise'), 'POST', true],
    [['pupils'], perm('suspension.issue'), 'POST', false],
    [['exclusions'], perm('suspension.issue'), 'PATCH', true],
    [['administration'], perm('user.manage'), 'PATCH', true],
    [TOKEN_AREAS as unknown as TTokenArea[], { auth: 'session' }, 'GET', false],
    [TOKEN_AREAS as unknown as TTokenArea[], { auth: 'session' }, 'POST', false],
    [[], { auth: 'user' }, 'GET', true],
    [TOKEN_AREAS as unknown as TTokenArea[], { auth: 'user' }, 'POST', false],
    [['safeguarding'], { auth: 'user', area: 'safeguarding' }, 'PATCH', true],
    [['behaviour'], { auth: 'user', area: 'safeguarding' }, 'PATCH', false],
    [[], { auth: 'public' }, 'POST', true],
    [[], perm('pupil.read'), 'head', true],
  ] as [TTokenArea[], RouteAccess, string, boolean][])('%j %j %s → %s', (areas, access, method, allowed) => {
    expect(tokenRefusal(token(areas), access, method) === null).toBe(allowed);
  });

  it('every permission belongs to one of the areas a token can name, and every area has something to change', () => {
    for (const p of ALL_PERMISSIONS) expect(TOKEN_AREAS).toContain(PERMISSIONS[p].area);
    for (const a of TOKEN_AREAS) expect(ALL_PERMISSIONS.some((p) => PERMISSIONS[p].area === a), a).toBe(true);
  });

  it('a write is allowed exactly when the route has an area the token names; reads always; session routes never', () => {
    const access = fc.oneof(
      fc.constantFrom(...ALL_PERMISSIONS).map(perm),
      fc.option(fc.constantFrom(...TOKEN_AREAS), { nil: undefined }).map((area): RouteAccess => (area ? { auth: 'user', area } : { auth: 'user' })),
      fc.constant<RouteAccess>({ auth: 'session' }),
    );
    fc.assert(fc.property(fc.subarray([...TOKEN_AREAS]), access, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), (areas, a, method) => {
      const refused = tokenRefusal(token(areas), a, method) !== null;
      const area = routeArea(a);
      const expected = a.auth === 'session' || (method !== 'GET' && !(area && areas.includes(area)));
      expect(refused).toBe(expected);
    }));
  });
});
