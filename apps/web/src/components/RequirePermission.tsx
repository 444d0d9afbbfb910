import type { ReactNode } from 'react';
import { useCan, type Permission } from '../lib/usePolicy';
import { NoAccessPage } from './StatusPages';

/** Renders the page only for users who hold the permission; others see a clear "not available" page. */
export function RequirePermission({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  return useCan(permission) ? <>{children}</> : <NoAccessPage what={what} />;
}
