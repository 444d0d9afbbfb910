/**
 * What an API token may do (issue 11 #14), decided once for every request in authenticate.ts, never per route.
 * A token acts as its owner with the owner's roles, and further: it reads whatever the owner may read; it changes
 * things (any method but GET/HEAD/OPTIONS) only under a route whose area it names; and it never reaches a route
 * that is for a signed-in person only (`auth: 'session'`: making, listing and revoking tokens, signing out).
 */
import { TOKEN_AREA_LABELS, type TTokenArea } from '@haven/contracts';
import { routePermissions, type RouteAccess } from '../http/context.ts';
import { PERMISSIONS } from './permissions.ts';

export interface TokenScope { tokenId: string; writeAreas: readonly TTokenArea[] }

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The area a route changes things in: its permission's area, or the area a signed-in-user route declares. */
export function routeArea(access: RouteAccess): TTokenArea | null {
  if (access.auth === 'permission') return PERMISSIONS[routePermissions(access)[0]!].area;
  if (access.auth === 'user') return access.area ?? null;
  return null;
}

/** Why a token may not make this request, in words, or null when it may. */
export function tokenRefusal(token: TokenScope, access: RouteAccess, method: string): string | null {
  if (access.auth === 'session') return 'An API token cannot do this: sign in to Haven in a browser to manage API tokens or sign out.';
  if (access.auth === 'public' || READ_METHODS.has(method.toUpperCase())) return null;
  const area = routeArea(access);
  if (area && token.writeAreas.includes(area)) return null;
  if (token.writeAreas.length === 0) return 'This API token is read-only: it cannot change anything. Make a token that names the area it needs to change.';
  return area
    ? `This API token may not change ${TOKEN_AREA_LABELS[area].toLowerCase()} ("${area}"). Make a token that names that area.`
    : 'An API token cannot change this: it belongs to the signed-in person.';
}
