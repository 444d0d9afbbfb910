import type { ReactNode } from 'react';
import { useCanAny, type Permission } from '../lib/usePolicy';
import { NoAccessPage } from './StatusPages';

/** Renders the page only for users who hold the permission (or one of them); others see a clear "not available" page. */
export function RequirePermission({ permission, what, children }: { permission: Permission | Permission[]; what: string; children: ReactNode }) {
  return useCanAny(...(Array.isArray(permission) ? permission : [permission])) ? <>{children}</> : <NoAccessPage what={what} />;
}
