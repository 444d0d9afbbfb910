/**
 * What the signed-in user may do. Permissions come from /me (held at one site or more); per-record actions come
 * from each object's `allowed` list (PLT-2). The server enforces both: these hooks only decide what to show.
 */
import { createContext, useContext } from 'react';
import type { TMe } from './types';

export type Permission =
  | 'pupil.read' | 'pupil.export' | 'incident.export' | 'pupil.sealed.read' | 'parent.children.read' | 'agency.shares.read' | 'reports.aggregate.read'
  | 'site.manage' | 'user.manage' | 'audit.read' | 'audit.safeguarding.read'
  | 'suspension.issue' | 'suspension.read' | 'suspension.manage' | 'exclusion-reasons.read' | 'exclusion-reasons.manage' | 'deadlines.read'
  | 'reports.subscribe' | 'behaviour.read' | 'analytics.read' | 'analytics.manage' | 'people.manage' | 'pupil.sealed.manage' | 'agency.share.manage' | 'photo.manage'
  | 'exclusion-contacts.manage' | 'letter.template.manage' | 'communication.read' | 'plan.read' | 'plan.write' | 'plan.template.manage' | 'training.read' | 'training.manage' | 'training.courses.manage' | 'training.own' | 'behaviour.record' | 'intervention.read' | 'intervention.manage' | 'intervention.catalogue.manage' | 'casework.read' | 'casework.manage' | 'agency.directory.manage' | 'risk_assessment.read' | 'rota.read' | 'rota.manage' | 'parent_portal.manage' | 'retention.records' | 'subject_access.manage' | 'retention.sealed' | 'retention.schedule.manage'
  | 'visit.read' | 'visit.plan' | 'visit.consent.record' | 'visit.approve' | 'visit.site.manage' | 'visit.library.manage' | 'parent.visits.consent';

export const MeContext = createContext<TMe | null>(null);

/** The signed-in user. Only use below the sign-in gate. */
export function useMe(): TMe {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in app');
  return me;
}

export function usePermissions(): ReadonlySet<string> {
  const me = useMe();
  return new Set(me.permissions);
}

export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}

export function useCanAny(...permissions: Permission[]): boolean {
  const held = useMe().permissions;
  return permissions.some((p) => held.includes(p));
}

/** May the user take this action on this record? (reads the record's `allowed` list) */
export function allows(item: { allowed: readonly string[] } | null | undefined, action: string): boolean {
  return !!item && item.allowed.includes(action);
}

export function useAllows(item: { allowed: readonly string[] } | null | undefined, action: string): boolean {
  return allows(item, action);
}
