/**
 * Email when something new arrives (PAR-2), as each parent chooses per kind: straight away (this job runs every ten
 * minutes), in a daily digest (from 16:00), or never. Each parent has a watermark per frequency; the first run only
 * starts the clock, so nothing from before is emailed. The message is a notification (kept in Haven, emailed through
 * the existing outbox with its retries and log) that counts new records per child and kind and says nothing of
 * what they are: the details are read after signing in. Arrivals use the same visibility rules as the portal.
 */
import { and, eq } from 'drizzle-orm';
import { PORTAL_KIND_LABELS, type TPortalKind } from '@haven/contracts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Executor } from '../../core/db/client.ts';
import { registerJob, registerSchedule } from '../../core/jobs/registry.ts';
import { AfterCommit, notify } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { londonToday } from '../../core/time.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { parentNotificationPreferences, parentNotificationState } from '../../db/schema/parent-portal.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './parent-portal.repo.ts';
import { arrivalsToTell, categoriesShown, communicationShown, digestDue, frequencies, incidentShown, summaryLines, type Arrival, type VisibilitySettings } from './parent-portal.rules.ts';

export const PARENT_NOTIFY_KIND = 'parent-portal.notify';

const at = (d: Date | string | null | undefined) => (d ? new Date(d) : null);

/** What arrived for one child since a time, by kind (the portal's own visibility rules). */
export async function arrivalsFor(db: Executor, link: repo.ChildLink, contactIds: string[], s: VisibilitySettings, since: Date): Promise<Arrival[]> {
  const out: Arrival[] = [];
  const push = (kind: TPortalKind, when: Date | null) => { if (when && when > since) out.push({ kind, pupilId: link.pupilId, at: when }); };
  for (const r of await repo.incidentsOf(db, link.pupilId)) {
    if (incidentShown({ status: r.i.status, voided: r.i.voidedAt !== null, linkedToConcern: r.linkedToConcern, categoryCodes: (r.i.categoryCodes as string[]) ?? [] }, s)) push('incident', at(r.i.signedOffAt));
  }
  const day = since.toISOString().slice(0, 10);
  for (const e of await repo.eventsOf(db, link.pupilId, day)) if (e.polarity === 'positive' && categoriesShown([e.categoryCode], s)) push('points', at(e.createdAt));
  for (const d of await repo.detentionsOf(db, link.pupilId)) push('sanction', at(d.a.createdAt));
  for (const i of await repo.isolationsOf(db, link.pupilId)) push('sanction', at(i.p.createdAt));
  for (const e of await repo.exclusionsOf(db, link.pupilId)) push('suspension', at(e.issuedAt));
  for (const m of await repo.meetingsOf(db, link.pupilId, contactIds)) push('meeting', at(m.createdAt));
  for (const p of await repo.shareablePlansOf(db, link.pupilId)) push('plan', at(p.sharedWithParentsAt));
  const copies = await repo.restraintCopyCommunications(db, link.pupilId);
  for (const c of await repo.communicationsTo(db, link.pupilId, contactIds)) {
    if (communicationShown(c.c.recordType)) push(copies.has(c.c.id) ? 'restraint_copy' : 'letter', at(c.c.createdAt));
  }
  return out;
}

async function parents(db: Executor) {
  return db.selectDistinct({ id: users.id, trustId: users.trustId }).from(users)
    .innerJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, 'parent')))
    .where(eq(users.active, true));
}

const londonHour = (d: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hour12: false }).format(d)) % 24;

registerJob(PARENT_NOTIFY_KIND, { maxAttempts: 3, handler: async (ctx) => {
  const now = ctx.now;
  const after = new AfterCommit();
  const ids = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const made: string[] = [];
    for (const p of await parents(tx)) {
      const state = (await tx.select().from(parentNotificationState).where(eq(parentNotificationState.userId, p.id)))[0];
      if (!state) {
        await tx.insert(parentNotificationState).values({ userId: p.id, trustId: p.trustId, immediateThrough: now, digestThrough: now });
        continue;
      }
      const prefs = frequencies(new Map((await tx.select().from(parentNotificationPreferences).where(eq(parentNotificationPreferences.userId, p.id)))
        .map((r) => [r.kind, r.frequency])));
      const digest = digestDue(state.digestThrough, now, (d) => londonToday(d), londonHour(now));
      const since = digest && state.digestThrough < state.immediateThrough ? state.digestThrough : state.immediateThrough;
      const links = await repo.childLinks(tx, p.id, p.trustId, londonToday(now));
      const settings = await repo.settingsOf(tx, p.trustId);
      const arrivals: Arrival[] = [];
      const names = new Map<string, string>();
      const seen = new Set<string>();
      for (const l of links) {
        names.set(l.pupilId, displayName(l).split(' ')[0] ?? 'Your child');
        if (seen.has(l.pupilId)) continue;
        seen.add(l.pupilId);
        arrivals.push(...await arrivalsFor(tx, l, links.filter((x) => x.pupilId === l.pupilId).map((x) => x.contactId), settings, since));
      }
      const tell = [...arrivalsToTell(arrivals, prefs, 'immediately', state.immediateThrough, now), ...(digest ? arrivalsToTell(arrivals, prefs, 'daily', state.digestThrough, now) : [])];
      await tx.update(parentNotificationState).set({ immediateThrough: now, ...(digest ? { digestThrough: now } : {}) }).where(eq(parentNotificationState.userId, p.id));
      if (!tell.length) continue;
      const lines = summaryLines(tell, names, PORTAL_KIND_LABELS);
      made.push(...await notify(tx, after, [p.id], { trustId: p.trustId, siteId: links[0]?.siteId ?? null, kind: 'parent.new_records',
        title: 'There is something new in the parent portal', body: lines.join('\n'), link: '/parent' }));
      audit.record({ action: 'parent.notify', entityType: 'user', entityId: p.id, details: { count: tell.length, digest } });
    }
    await markForEmail(tx, ctx.mailer, made);
    return made;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, ids, ctx.log);
} });

registerSchedule({ name: PARENT_NOTIFY_KIND, kind: PARENT_NOTIFY_KIND, cron: '*/10 * * * *' });
