/**
 * Pupils and contacts kept by hand (issue 12 #1): who may do what, and one audited transaction per change. The
 * caller keeps people's records (people.manage) at the pupil's site — office staff at theirs, trust administrators
 * across the trust; the sealed facts are the site's DSL's alone (pupil.sealed.manage). A pupil outside the caller's
 * trust or sites answers 404, as it does to a read. Every pupil write carries the version the caller edited: a stale
 * one is refused with 409 and nothing is written.
 */
import type {
  TContactInput, TContactUpdate, TPupilCreate, TPupilLeave, TPupilMove, TPupilRejoin, TPupilSealedUpdate, TPupilUpdate,
} from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { sqlStateOf } from '../../core/http/safe-error.ts';
import { londonToday } from '../../core/time.ts';
import * as write from './pupil-records.write.ts';
import { ukDate } from './people.rules.ts';
import { checkLeavingDate, checkPupilDates, checkReturnDate, checkUpn, orNull } from './pupil-records.rules.ts';

const TEXT_FIELDS = new Set(['preferredForename', 'preferredSurname', 'form', 'firstLanguage', 'ethnicity', 'medicalNotes']);

/** The body's pupil fields as the planner takes them: empty text is none, names trimmed. */
function pupilFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'siteId' || k === 'version' || v === undefined) continue;
    out[k] = TEXT_FIELDS.has(k) ? orNull(v as string | null) : v;
  }
  return out;
}

function upnOf(text: string): string {
  const u = checkUpn(text);
  if ('field' in u) throw fieldError(u.field, u.message);
  return u.upn;
}

/** A unique violation that raced the check (two people adding the same UPN at once) is the same 409. */
async function upnRace<T>(f: () => Promise<T>, upn: string | undefined): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (upn && sqlStateOf(e) === '23505') {
      const message = `The UPN ${upn} was given to another pupil a moment ago: a UPN is never used twice.`;
      throw conflict(message, [{ field: 'upn', message }]);
    }
    throw e;
  }
}

function siteInScope(actor: Actor, siteId: string, permission: Permission = 'people.manage'): void {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, permission, { trustId: actor.trustId, siteId })) throw forbidden('You do not keep pupil records at that site.');
}

/**
 * Runs a change to one pupil: locked, in the caller's trust and sites (else 404), held for the permission at the
 * pupil's site (else 403 for someone who may see the pupil, 404 for anyone else), at the version the caller edited.
 */
async function onPupil<T>(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number | null, permission: Permission,
  f: (tx: Tx, audit: AuditQueue, p: write.PupilRow) => Promise<T>): Promise<T> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const p = await write.lockPupil(tx, id);
    if (!p || p.trustId !== actor.trustId) throw notFound('pupil');
    if (!can(actor, permission, p)) {
      if (can(actor, 'pupil.read', p) || can(actor, 'people.manage', p)) throw forbidden('You may not change this pupil\'s record.');
      throw notFound('pupil');
    }
    if (version !== null && version !== p.version) throw staleVersion('pupil');
    return f(tx, audit, p);
  });
}

const target = (actor: Actor, siteId: string) => ({ trustId: actor.trustId, siteId, today: londonToday() });

export async function createPupil(deps: Deps, actor: Actor, ctx: AuditContext, body: TPupilCreate) {
  siteInScope(actor, body.siteId);
  const upn = upnOf(body.upn);
  const problems = checkPupilDates({ dateOfBirth: body.dateOfBirth, enrolmentStart: body.enrolmentStart, enrolmentEnd: null }, londonToday());
  if (problems.length) throw write.invalid(problems);
  return upnRace(() => inTransaction(deps.database, ctx, async (tx, audit) => {
    await write.refuseTakenUpn(tx, actor.trustId, upn, null, body.siteId);
    const id = await write.createPupil(tx, audit, target(actor, body.siteId), { ...pupilFields(body), upn });
    return { id, version: 1 };
  }), upn);
}

export async function updatePupil(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPupilUpdate) {
  const upn = body.upn === undefined ? undefined : upnOf(body.upn);
  const fields = { ...pupilFields(body), ...(upn ? { upn } : {}) };
  return upnRace(() => onPupil(deps, actor, ctx, id, body.version, 'people.manage', async (tx, audit, p) => {
    if (upn && upn !== p.upn) await write.refuseTakenUpn(tx, actor.trustId, upn, p.id, p.siteId);
    const problems = checkPupilDates({
      dateOfBirth: body.dateOfBirth ?? p.dateOfBirth, enrolmentStart: body.enrolmentStart ?? p.enrolmentStart, enrolmentEnd: p.enrolmentEnd,
    }, londonToday());
    if (problems.length) throw write.invalid(problems);
    const v = await write.updatePupil(tx, audit, target(actor, p.siteId), p, fields);
    return { id, version: v };
  }), upn);
}

export async function leavePupil(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPupilLeave) {
  return onPupil(deps, actor, ctx, id, body.version, 'people.manage', async (tx, audit, p) => {
    if (p.enrolmentEnd && p.enrolmentEnd < londonToday()) throw conflict(`This pupil already left on ${ukDate(p.enrolmentEnd)}.`);
    const bad = checkLeavingDate(body.date, p.enrolmentStart, londonToday());
    if (bad) throw write.invalid([bad]);
    return { id, version: await write.leave(tx, audit, p, body.date, body.reason.trim()) };
  });
}

export async function rejoinPupil(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPupilRejoin) {
  return onPupil(deps, actor, ctx, id, body.version, 'people.manage', async (tx, audit, p) => {
    if (!p.enrolmentEnd) throw conflict('This pupil is on roll: only a pupil who has left can re-join.');
    const bad = checkReturnDate(body.date, p.enrolmentEnd, p.dateOfBirth, londonToday());
    if (bad) throw write.invalid([bad]);
    return { id, version: await write.rejoin(tx, audit, p, body.date) };
  });
}

export async function movePupil(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPupilMove) {
  if (!actor.trustSiteIds.includes(body.siteId)) throw fieldError('siteId', 'That site is not a site of your trust.');
  return onPupil(deps, actor, ctx, id, body.version, 'people.manage', async (tx, audit, p) => {
    if (body.siteId === p.siteId) throw fieldError('siteId', 'The pupil is already at that site.');
    if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId: body.siteId })) {
      throw forbidden('You do not keep pupil records at the site the pupil would move to: ask its office or a trust administrator.');
    }
    const leftBefore = p.enrolmentEnd && p.enrolmentEnd < body.date ? p.enrolmentEnd : null;
    const bad = body.date < p.enrolmentStart
      ? { field: 'date', message: 'The pupil cannot start at the new site before their admission date here.' }
      : checkReturnDate(body.date, leftBefore, p.dateOfBirth, londonToday());
    if (bad) throw write.invalid([bad]);
    return { id, version: await write.move(tx, audit, p, body.siteId, body.date) };
  });
}

export async function updateSealed(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TPupilSealedUpdate) {
  return onPupil(deps, actor, ctx, id, body.version, 'pupil.sealed.manage', async (tx, audit, p) =>
    ({ id, version: await write.updateSealed(tx, audit, p, { childInNeed: body.childInNeed, childProtectionPlan: body.childProtectionPlan }) }));
}

export async function addContact(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, body: TContactInput) {
  return onPupil(deps, actor, ctx, pupilId, null, 'people.manage', async (tx, audit, p) =>
    ({ id: await write.addContact(tx, audit, target(actor, p.siteId), p, body), pupilId }));
}

export async function updateContact(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, contactId: string, body: TContactUpdate) {
  return onPupil(deps, actor, ctx, pupilId, null, 'people.manage', async (tx, audit, p) => {
    await write.updateContact(tx, audit, p, contactId, body);
    return { id: contactId, pupilId };
  });
}

export async function removeContact(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, contactId: string) {
  return onPupil(deps, actor, ctx, pupilId, null, 'people.manage', async (tx, audit, p) => {
    await write.removeContact(tx, audit, p, contactId);
    return { id: contactId, pupilId };
  });
}
