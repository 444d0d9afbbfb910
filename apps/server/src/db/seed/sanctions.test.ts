import { describe, expect, it } from 'vitest';
import { isSchoolDay } from '../../core/calendar/calendar.ts';
import { generateDemoTrust } from './generator.ts';

const trust = generateDemoTrust({ today: new Date('2026-11-18T10:00:00Z') });
const { refs } = trust;

describe('demo sanctions and rewards', () => {
  it('schedules detentions on school days only, within capacity, each site with a register left to take', () => {
    expect(trust.detentionTypes).toHaveLength(3);
    for (const s of trust.detentionSessions) {
      expect(isSchoolDay(refs.calendar, s.date)).toBe(true);
      expect(trust.detentionAssignments.filter((a) => a.sessionId === s.id).length).toBeLessThanOrEqual(s.capacity);
    }
    for (const siteId of refs.siteIds) {
      const past = trust.detentionSessions.filter((s) => s.siteId === siteId && s.date < refs.today);
      expect(past.length).toBeGreaterThan(30);
      const marks = trust.detentionAssignments.filter((a) => a.siteId === siteId && past.some((s) => s.id === a.sessionId)).map((a) => a.status);
      for (const m of ['attended', 'missed', 'excused', 'assigned']) expect(marks, `${siteId} ${m}`).toContain(m);
      expect(trust.detentionSessions.some((s) => s.siteId === siteId && s.date > refs.today)).toBe(true);
    }
    expect(trust.detentionAssignments.some((a) => a.source === 'missed' && a.previousAssignmentId)).toBe(true);
    expect(trust.escalationRuleDetentions).toHaveLength(1);
  });

  it('has weekly isolation days with pupils, milestones reached from positive points, one managed move and one AP placement', () => {
    expect(trust.isolationSessions.length).toBeGreaterThan(20);
    expect(trust.isolationPupils.length).toBeGreaterThan(10);
    expect(trust.rewardMilestones.map((m) => m.name)).toEqual(['Bronze', 'Silver', 'Gold']);
    expect(trust.rewardMilestoneAwards.length).toBeGreaterThan(50);
    expect(trust.placements.map((p) => p.kind).sort()).toEqual(['alternative_provision', 'managed_move']);
    expect(trust.placementReviews.some((r) => r.outcome)).toBe(true);
  });
});
