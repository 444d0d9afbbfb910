/** Pupil rows → contract DTOs. Sealed facts are dropped unless the caller may read them; `allowed` lists actions. */
import type { TPupilListItem, TPupilProfile } from '@haven/contracts';
import type { Actor } from '../../core/policy/policy.ts';
import { allowedActions, can } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import type { PupilListRow } from './pupils.repo.ts';
import type * as repo from './pupils.repo.ts';

/** Actions offered on a pupil, by the permission each needs. Later modules add theirs here. */
export const PUPIL_ACTIONS: Record<string, Permission> = {
  view: 'pupil.read',
  viewSealed: 'pupil.sealed.read',
  // keeping the record by hand (people module: pupil-records.*): edit, leave, re-join, move, contacts
  edit: 'people.manage',
  editSealed: 'pupil.sealed.manage',
  // the pupil summary PDF for a review meeting (reports module)
  summary: 'behaviour.read',
};

export function displayName(p: { legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null }): string {
  return `${p.preferredForename ?? p.legalForename} ${p.preferredSurname ?? p.legalSurname}`;
}

export function presentListItem(actor: Actor, r: PupilListRow): TPupilListItem {
  return {
    id: r.id, siteId: r.siteId, siteName: r.siteName, upn: r.upn, displayName: displayName(r),
    legalForename: r.legalForename, legalSurname: r.legalSurname, yearGroup: r.yearGroup, formName: r.formName ?? null,
    enrolmentEnd: r.enrolmentEnd, allowed: allowedActions(actor, r, PUPIL_ACTIONS),
  };
}

type Found = NonNullable<Awaited<ReturnType<typeof repo.findPupil>>>;

export function presentProfile(actor: Actor, found: Found, groups: Awaited<ReturnType<typeof repo.pupilGroupsOf>>,
  contactRows: Awaited<ReturnType<typeof repo.pupilContactsOf>>): TPupilProfile {
  const p = found.pupil;
  const mayReadSealed = can(actor, 'pupil.sealed.read', p);
  return {
    id: p.id, siteId: p.siteId, siteName: found.siteName, upn: p.upn,
    legalForename: p.legalForename, legalSurname: p.legalSurname, preferredForename: p.preferredForename, preferredSurname: p.preferredSurname,
    displayName: displayName(p), dateOfBirth: p.dateOfBirth, sex: p.sex as TPupilProfile['sex'], yearGroup: p.yearGroup,
    enrolmentStart: p.enrolmentStart, enrolmentEnd: p.enrolmentEnd, leavingReason: p.leavingReason,
    groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind as TPupilProfile['groups'][number]['kind'] })),
    senStatus: p.senStatus as TPupilProfile['senStatus'], primaryNeed: p.primaryNeed as TPupilProfile['primaryNeed'],
    pupilPremium: p.pupilPremium, fsm: p.fsm, lookedAfter: p.lookedAfter, previouslyLookedAfter: p.previouslyLookedAfter,
    eal: p.eal, firstLanguage: p.firstLanguage, ethnicity: p.ethnicity, medicalFlag: p.medicalFlag, medicalNotes: p.medicalNotes,
    contacts: contactRows.map((c) => ({
      id: c.id, name: [c.title, c.forename, c.surname].filter(Boolean).join(' '), title: c.title, forename: c.forename, surname: c.surname,
      relationship: c.relationship, parentalResponsibility: c.parentalResponsibility, email: c.email, phone: c.phone,
      preferredContact: c.preferredContact as 'email' | 'phone' | 'letter', address: c.address, language: c.language, priority: c.priority,
    })),
    ...(mayReadSealed ? { sealed: { childInNeed: p.childInNeed, childProtectionPlan: p.childProtectionPlan } } : {}),
    version: p.version,
    allowed: allowedActions(actor, p, PUPIL_ACTIONS),
  };
}
