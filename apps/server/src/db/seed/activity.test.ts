import { describe, expect, it } from 'vitest';
import { DEFAULT_MOTIVATIONS } from '@haven/contracts';
import { isSchoolDay, londonIsoDate } from '../../core/calendar/calendar.ts';
import { generateDemoTrust } from './generator.ts';
import { effectivePolicy, FORM_V1_FIELDS } from './policy.ts';
import type { IncidentRow, PhysicalInterventionRow } from './types.ts';

const TODAY = new Date('2026-11-18T10:00:00Z');
const trust = generateDemoTrust({ today: TODAY });
const { refs } = trust;
const policies = new Map(refs.siteIds.map((id) => [id, effectivePolicy(trust, id)]));
const policyOf = (siteId: string) => {
  const p = policies.get(siteId);
  if (!p) throw new Error(`No policy for ${siteId}`);
  return p;
};
const ms = (d: unknown): number => (d instanceof Date ? d.getTime() : Number.NaN);
const HOUR = 3_600_000;
const kindOf = (siteId: string) => trust.sites.find((s) => s.id === siteId)?.kind;

describe('the behaviour policy', () => {
  it('has trust-wide categories of every polarity, with severities and points in range', () => {
    const trustWide = trust.behaviourCategories.filter((c) => c.siteId === null);
    const by = (p: string) => trustWide.filter((c) => c.polarity === p);
    expect(by('positive').length).toBeGreaterThanOrEqual(6);
    expect(by('negative').length).toBeGreaterThanOrEqual(15);
    expect(by('neutral').length).toBeGreaterThanOrEqual(2);
    for (const c of by('positive')) expect([c.points ?? 0, c.severity]).toEqual([expect.any(Number), 0]);
    for (const c of by('positive')) expect(c.points).toBeGreaterThanOrEqual(1);
    for (const c of by('negative')) {
      expect(c.severity).toBeGreaterThanOrEqual(1);
      expect(c.severity).toBeLessThanOrEqual(5);
      expect(c.points).toBeLessThanOrEqual(-1);
      expect(c.points).toBeGreaterThanOrEqual(-10);
    }
    expect(by('negative').filter((c) => c.quickLog).every((c) => (c.severity ?? 0) <= 2)).toBe(true);
    expect(new Set(trustWide.map((c) => c.code)).size).toBe(trustWide.length);
  });

  it('lets the AP and the ASC school override the trust policy', () => {
    const ap = policyOf(refs.siteIds[2] ?? '');
    const semh = policyOf(refs.siteIds[0] ?? '');
    expect(ap.categories.find((c) => c.code === 'LOW_LEVEL_DISRUPTION')?.name).toBe('Off task');
    expect(semh.categories.find((c) => c.code === 'LOW_LEVEL_DISRUPTION')?.name).toBe('Low-level disruption');
    expect(ap.options.period.map((p) => p.code)).not.toContain('P5');
    expect(ap.options.period.find((p) => p.code === 'REGISTRATION')?.details).toEqual({ start: '09:15', end: '09:30' });
    expect(policyOf(refs.siteIds[1] ?? '').categories.map((c) => c.code)).toContain('SELF_REGULATION');
    expect(semh.categories.map((c) => c.code)).not.toContain('SELF_REGULATION');
  });

  it('has periods with times, the six motivations, techniques with levels and the serious-severity setting', () => {
    for (const siteId of refs.siteIds) {
      const p = policyOf(siteId);
      for (const period of p.options.period) {
        const { start, end } = period.details as { start: string; end: string };
        expect(start).toMatch(/^\d\d:\d\d$/);
        expect(end > start).toBe(true);
      }
      // The policy module's defaults (SPEC POL-1's six), so a site that configures none sees the same codes.
      expect(p.options.motivation.map((m) => m.code).sort()).toEqual(DEFAULT_MOTIVATIONS.map((m) => m.code).sort());
      expect(p.options.technique.every((t) => ['Level 1', 'Level 2', 'Level 3'].includes((t.details as { level: string }).level))).toBe(true);
      expect(p.seriousSeverity).toBe(4);
    }
    expect(trust.policyOptions.filter((o) => o.kind === 'setting')).toEqual([expect.objectContaining({ code: 'serious_severity', details: { value: 4 }, siteId: null })]);
  });

  it('has incident form version 1 and escalation rules', () => {
    expect(trust.incidentFormVersions).toEqual([expect.objectContaining({ version: 1, siteId: null, fields: FORM_V1_FIELDS })]);
    expect(trust.escalationRules.length).toBeGreaterThanOrEqual(3);
    for (const r of trust.escalationRules) {
      expect(['count', 'points']).toContain(r.measure);
      expect(r.threshold).toBeGreaterThan(0);
      expect(r.taskTitle.length).toBeGreaterThan(0);
    }
  });
});

describe('dates: school days only, nothing after now', () => {
  const notAfterNow = (label: string, d: unknown) => {
    if (d === null || d === undefined) return;
    expect({ label, late: ms(d) > TODAY.getTime() }).toEqual({ label, late: false });
  };

  it('puts every event on a school day the pupil was on roll, with a matching London date', () => {
    const pupils = new Map(trust.pupils.map((p) => [p.id, p]));
    // Checked in plain code and reported together: thousands of expect() calls would make this test slow.
    const bad = trust.behaviourEvents.filter((e) => {
      const pupil = pupils.get(e.pupilId);
      return !isSchoolDay(refs.calendar, e.occurredOn) || londonIsoDate(e.occurredAt) !== e.occurredOn || pupil?.siteId !== e.siteId
        || e.occurredOn < (pupil.enrolmentStart ?? '') || (!!pupil.enrolmentEnd && e.occurredOn > pupil.enrolmentEnd)
        || ms(e.createdAt) > TODAY.getTime() || ms(e.voidedAt ?? e.createdAt) > TODAY.getTime() || ms(e.createdAt) < ms(e.occurredAt)
        || e.occurredOn < refs.academicYear.startDate;
    });
    expect(bad).toEqual([]);
  });

  it('dates every incident and what follows it no later than now', () => {
    for (const i of trust.incidents) {
      expect(isSchoolDay(refs.calendar, i.occurredOn ?? '')).toBe(true);
      expect(londonIsoDate(i.occurredAt as Date)).toBe(i.occurredOn);
      for (const d of [i.createdAt, i.updatedAt, i.firstSubmittedAt, i.submittedAt, i.signedOffAt, i.voidedAt]) notAfterNow('incident', d);
      const followUp = (i.customValues as { follow_up_date?: string | null }).follow_up_date;
      if (followUp) expect(followUp <= refs.today).toBe(true);
    }
    for (const p of trust.physicalInterventions) {
      for (const d of [p.startedAt, p.endedAt, p.pupilDebriefAt, p.staffDebriefAt, p.parentInformedAt]) notAfterNow('intervention', d);
    }
    for (const v of trust.incidentVersions) notAfterNow('version', v.changedAt);
    for (const c of trust.parentContacts) { notAfterNow('contact', c.contactedAt); notAfterNow('contact', c.createdAt); }
    for (const r of trust.onCallRequests) for (const d of [r.requestedAt, r.acknowledgedAt, r.resolvedAt]) notAfterNow('on-call', d);
    for (const t of trust.tasks) { notAfterNow('task', t.createdAt); notAfterNow('task', t.completedAt); }
    for (const c of trust.safeguardingConcerns) { notAfterNow('concern', c.raisedAt); notAfterNow('concern', c.triagedAt); }
    for (const r of trust.postIncidentReviews) { notAfterNow('review', r.createdAt); notAfterNow('review', r.completedAt); }
    for (const rows of [trust.behaviourCategories, trust.policyOptions, trust.escalationRules]) for (const r of rows) notAfterNow('policy', r.createdAt);
  });
});

describe('incident statuses and their history', () => {
  const versionsOf = new Map<string, typeof trust.incidentVersions>();
  for (const v of trust.incidentVersions) versionsOf.set(v.incidentId, [...(versionsOf.get(v.incidentId) ?? []), v]);
  const pisOf = (i: IncidentRow): PhysicalInterventionRow[] => trust.physicalInterventions.filter((p) => p.incidentId === i.id);

  it('keeps workflow timestamps in order for every status', () => {
    for (const i of trust.incidents) {
      expect(ms(i.createdAt)).toBeGreaterThan(ms(i.occurredAt));
      if (i.status === 'draft') {
        expect([i.firstSubmittedAt, i.submittedAt, i.signedOffAt]).toEqual([undefined, undefined, undefined]);
        continue;
      }
      expect(ms(i.firstSubmittedAt)).toBeGreaterThanOrEqual(ms(i.createdAt));
      expect(ms(i.submittedAt)).toBeGreaterThanOrEqual(ms(i.firstSubmittedAt));
      if (i.status === 'signed_off') {
        expect(ms(i.signedOffAt)).toBeGreaterThanOrEqual(ms(i.submittedAt));
        expect(i.signedOffBy).toBeTruthy();
        expect(i.signedOffBy).not.toBe(i.createdBy);
      } else {
        expect(['submitted', 'returned']).toContain(i.status);
        expect(i.signedOffAt).toBeUndefined();
      }
    }
  });

  it('has versions numbered in time order, ending in the incident as it is', () => {
    for (const i of trust.incidents) {
      const versions = versionsOf.get(i.id ?? '') ?? [];
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, k) => k + 1));
      expect(versions[0]?.change).toBe('create');
      expect(i.version).toBe(versions.length);
      for (let k = 1; k < versions.length; k += 1) expect(ms(versions[k]?.changedAt)).toBeGreaterThanOrEqual(ms(versions[k - 1]?.changedAt));
      const last = versions[versions.length - 1];
      expect(ms(i.updatedAt)).toBe(ms(last?.changedAt));
      const snap = last?.snapshot as Record<string, unknown>;
      expect(snap).toMatchObject({
        status: i.status, severity: i.severity, categoryCodes: i.categoryCodes, consequence: i.consequence ?? null, actionCodes: i.actionCodes,
        motivationCode: i.motivationCode ?? null, voided: !!i.voidedAt, customValues: i.customValues,
        pupils: trust.incidentPupils.filter((p) => p.incidentId === i.id).sort((a, b) => (a.pupilId < b.pupilId ? -1 : 1))
          .map((p) => ({ pupilId: p.pupilId, role: p.role, name: expect.any(String) })),
      });
      const pis = snap.physicalInterventions as { parentInformedAt: string | null; staffDebriefAt: string | null }[];
      expect(pis.map((p) => [p.parentInformedAt, p.staffDebriefAt])).toEqual(pisOf(i).map((p) => [
        p.parentInformedAt ? (p.parentInformedAt as Date).toISOString() : null, p.staffDebriefAt ? (p.staffDebriefAt as Date).toISOString() : null,
      ]));
      if (i.voidedAt) expect([last?.change, (i.voidReason ?? '').length > 3]).toEqual(['void', true]);
    }
  });

  it('has the mix a review queue should show: mostly signed off within 48 hours, some awaiting (a few overdue), returned, drafts, voided', () => {
    const signed = trust.incidents.filter((i) => i.status === 'signed_off');
    const within48 = signed.filter((i) => ms(i.signedOffAt) - ms(i.firstSubmittedAt) <= 48 * HOUR);
    expect(signed.length / trust.incidents.length).toBeGreaterThan(0.8);
    expect(within48.length / signed.length).toBeGreaterThan(0.75);
    const awaiting = trust.incidents.filter((i) => i.status === 'submitted' && !i.voidedAt);
    expect(awaiting.length).toBeGreaterThanOrEqual(5);
    expect(awaiting.filter((i) => TODAY.getTime() - ms(i.submittedAt) > 48 * HOUR).length).toBeGreaterThanOrEqual(2);
    const returned = trust.incidents.filter((i) => i.status === 'returned');
    expect(returned.length).toBeGreaterThanOrEqual(2);
    for (const i of returned) {
      const changes = (versionsOf.get(i.id ?? '') ?? []).map((v) => v.change);
      const lastReturn = changes.lastIndexOf('return');
      expect(lastReturn).toBeGreaterThan(changes.lastIndexOf('submit'));
      expect(lastReturn).toBeGreaterThan(changes.lastIndexOf('resubmit'));
      expect(versionsOf.get(i.id ?? '')?.[lastReturn]?.comment).toEqual(expect.any(String));
    }
    expect(trust.incidentVersions.some((v) => v.change === 'resubmit')).toBe(true);
    expect(trust.incidents.filter((i) => i.status === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(trust.incidents.filter((i) => i.voidedAt).length).toBeGreaterThanOrEqual(1);
  });

  it('records physical interventions with whole-minute durations, staff and techniques, and the parent told', () => {
    expect(trust.physicalInterventions.length).toBeGreaterThan(20);
    for (const p of trust.physicalInterventions) {
      const minutes = (ms(p.endedAt) - ms(p.startedAt)) / 60_000;
      expect(Number.isInteger(minutes)).toBe(true);
      expect(p.durationMinutes).toBe(minutes);
      expect(minutes).toBeGreaterThanOrEqual(2);
      expect(minutes).toBeLessThanOrEqual(25);
      const staffIds = new Set(trust.incidentStaff.filter((s) => s.incidentId === p.incidentId).map((s) => s.staffId));
      for (const st of p.staffTechniques as { staffId: string; techniqueCodes: string[] }[]) {
        expect(staffIds.has(st.staffId)).toBe(true);
        expect(st.techniqueCodes.length).toBeGreaterThan(0);
      }
      if (p.parentInformedAt) expect(ms(p.parentInformedAt)).toBeGreaterThan(ms(p.endedAt));
      const incident = trust.incidents.find((i) => i.id === p.incidentId);
      expect(incident?.physicalIntervention).toBe(true);
      expect(incident?.serious).toBe(true);
      if (incident?.status === 'signed_off') {
        // REV-2: signed off only with the parent told and both debriefs recorded, all before the sign-off
        for (const d of [p.parentInformedAt, p.pupilDebriefAt, p.staffDebriefAt]) expect(ms(d)).toBeLessThanOrEqual(ms(incident.signedOffAt));
        expect([p.parentInformedHow, p.parentInformedBy, p.pupilDebriefBy, p.staffDebriefBy].every(Boolean)).toBe(true);
      }
    }
    const notTold = trust.physicalInterventions.filter((p) => !p.parentInformedAt);
    const toldLate = trust.physicalInterventions.filter((p) => p.parentInformedAt && londonIsoDate(p.parentInformedAt) > londonIsoDate(p.endedAt as Date));
    expect(notTold.length).toBeGreaterThanOrEqual(1);
    expect(toldLate.length).toBeGreaterThanOrEqual(1);
    expect(trust.physicalInterventions.some((p) => (p.bodyMap as unknown[]).length > 0)).toBe(true);
  });
});

describe('every code in the effective policy of its site', () => {
  it('quick events use the effective category row, with its polarity, severity and points', () => {
    const bad = trust.behaviourEvents.filter((e) => {
      const p = policyOf(e.siteId);
      const c = p.categories.find((x) => x.code === e.categoryCode);
      return !c || c.id !== e.categoryId || c.polarity !== e.polarity || c.severity !== e.severity || c.points !== e.points || c.quickLog !== true
        || !p.options.period.some((x) => x.code === e.periodCode) || !(e.locationCode === null || p.options.location.some((x) => x.code === e.locationCode));
    });
    expect(bad).toEqual([]);
  });

  it('incidents use categories, places, periods, motivations, actions, techniques and form fields that exist', () => {
    const fields = new Map<string, (typeof FORM_V1_FIELDS)[number]>(FORM_V1_FIELDS.map((f) => [f.key, f]));
    for (const i of trust.incidents) {
      const p = policyOf(i.siteId);
      const codes = (kind: keyof typeof p.options) => new Set(p.options[kind].map((o) => o.code));
      const cats = (i.categoryCodes as string[]).map((code) => p.categories.find((c) => c.code === code));
      expect(cats.every((c) => c?.polarity === 'negative')).toBe(true);
      expect(i.severity).toBe(Math.max(...cats.map((c) => c?.severity ?? 0)));
      expect(i.serious).toBe(!!i.physicalIntervention || (i.severity ?? 0) >= p.seriousSeverity);
      expect(codes('location').has(i.locationCode ?? '')).toBe(true);
      expect(codes('period').has(i.periodCode ?? '')).toBe(true);
      if (i.motivationCode) expect(codes('motivation').has(i.motivationCode)).toBe(true);
      for (const a of i.actionCodes as string[]) expect(codes('action').has(a)).toBe(true);
      expect(i.formVersionId).toBe(trust.incidentFormVersions[0]?.id);
      for (const [key, value] of Object.entries(i.customValues as Record<string, unknown>)) {
        const field = fields.get(key);
        expect(field).toBeDefined();
        if (value === null) continue;
        if (field?.type === 'yes_no') expect(typeof value).toBe('boolean');
        if (field?.type === 'choice') expect(field.options).toContain(value);
        if (field?.type === 'date') expect(value).toMatch(/^\d{4}-\d\d-\d\d$/);
      }
    }
    for (const pi of trust.physicalInterventions) {
      const techniques = new Set(policyOf(pi.siteId).options.technique.map((o) => o.code));
      for (const st of pi.staffTechniques as { techniqueCodes: string[] }[]) for (const c of st.techniqueCodes) expect(techniques.has(c)).toBe(true);
    }
    for (const r of trust.onCallRequests) if (r.locationCode) expect(policyOf(r.siteId).options.location.some((o) => o.code === r.locationCode)).toBe(true);
  });
});

describe('the shape of the year', () => {
  const involvement = trust.incidentPupils.filter((p) => p.role === 'involved' || p.role === 'instigator');

  it('has 3–4 times as many positives as negatives, and about 15–30 thousand events at scale 1 in November', () => {
    const count = (p: string) => trust.behaviourEvents.filter((e) => e.polarity === p).length;
    const ratio = count('positive') / count('negative');
    expect(ratio).toBeGreaterThan(2.8);
    expect(ratio).toBeLessThan(4.6);
    expect(trust.behaviourEvents.length).toBeGreaterThan(12_000);
    expect(trust.behaviourEvents.length).toBeLessThan(30_000);
  });

  it('has more on Mondays and Fridays than midweek, and more after lunch than first thing', () => {
    const negatives = trust.behaviourEvents.filter((e) => e.polarity === 'negative');
    const perDay = (weekday: number) => {
      const days = new Set(negatives.map((e) => e.occurredOn).filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === weekday));
      return negatives.filter((e) => days.has(e.occurredOn)).length / Math.max(1, days.size);
    };
    expect(perDay(1)).toBeGreaterThan(perDay(3));
    expect(perDay(5)).toBeGreaterThan(perDay(3));
    const inPeriod = (code: string) => negatives.filter((e) => e.periodCode === code).length;
    expect(inPeriod('P4')).toBeGreaterThan(inPeriod('P1'));
  });

  it('concentrates incidents on a few pupils, and physical interventions on fewer, mostly at the SEMH and ASC schools', () => {
    const perPupil = new Map<string, number>();
    for (const p of involvement) perPupil.set(p.pupilId, (perPupil.get(p.pupilId) ?? 0) + 1);
    const sorted = [...perPupil.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(trust.pupils.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / involvement.length).toBeGreaterThan(0.4);
    const pis = trust.physicalInterventions;
    const special = pis.filter((p) => kindOf(p.siteId) === 'semh' || kindOf(p.siteId) === 'asc');
    expect(special.length / pis.length).toBeGreaterThan(0.75);
    const perPiPupil = new Map<string, number>();
    for (const p of pis) perPiPupil.set(p.pupilId ?? '', (perPiPupil.get(p.pupilId ?? '') ?? 0) + 1);
    const topPi = [...perPiPupil.values()].sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0);
    expect(topPi / pis.length).toBeGreaterThan(0.5);
  });

  it('has persistent disruption as the commonest main reason, and boys involved more often than girls', () => {
    const main = new Map<string, number>();
    for (const i of trust.incidents) { const c = (i.categoryCodes as string[])[0] ?? ''; main.set(c, (main.get(c) ?? 0) + 1); }
    expect([...main.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('PERSISTENT_DISRUPTION');
    const pupils = new Map(trust.pupils.map((p) => [p.id, p]));
    const rate = (sex: string) => involvement.filter((p) => pupils.get(p.pupilId)?.sex === sex).length / trust.pupils.filter((p) => p.sex === sex).length;
    expect(rate('M')).toBeGreaterThan(rate('F'));
  });

  it('raises a couple of sealed concerns per site, none about the demo parent\'s children, and some escalation tasks still open', () => {
    for (const siteId of refs.siteIds) expect(trust.safeguardingConcerns.filter((c) => c.siteId === siteId).length).toBeGreaterThanOrEqual(1);
    const concernPupils = trust.safeguardingConcernPupils.map((p) => p.pupilId);
    expect(concernPupils.some((id) => refs.parentChildIds.includes(id))).toBe(false);
    for (const c of trust.safeguardingConcerns) {
      const pupil = trust.pupils.find((p) => p.id === trust.safeguardingConcernPupils.find((x) => x.concernId === c.id)?.pupilId);
      expect(pupil?.siteId).toBe(c.siteId);
    }
    const open = trust.tasks.filter((t) => t.status === 'open' && t.sourceType === 'escalation_rule');
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.every((t) => trust.escalationRules.some((r) => r.id === t.sourceId))).toBe(true);
  });

  it('scales with the number of sites', () => {
    const double = generateDemoTrust({ today: TODAY, scale: 2 });
    const ratio = double.behaviourEvents.length / trust.behaviourEvents.length;
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.3);
    expect(double.incidents.length / trust.incidents.length).toBeGreaterThan(1.6);
  });
});
