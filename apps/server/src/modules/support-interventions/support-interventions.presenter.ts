/** Support intervention rows → contract DTOs, with the actions the caller may take (SUP-3). */
import type { TSupportIntervention, TSupportInterventionSummary } from '@haven/contracts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type * as repo from './support-interventions.repo.ts';
import { pointsAverage, sdqBand, type Scale, type SdqInformant } from './support-interventions.rules.ts';

/** May the caller record sessions, points and measures? Managers at the site, and the member of staff leading it. */
export function mayRecord(actor: Actor, row: repo.InterventionRow): boolean {
  return can(actor, 'intervention.manage', row.i) || (row.i.leadUserId === actor.userId && can(actor, 'intervention.read', row.i));
}

export function presentSummary(row: repo.InterventionRow, members: readonly repo.MemberRow[]): TSupportInterventionSummary {
  const i = row.i;
  return {
    id: i.id, siteId: i.siteId, siteName: row.siteName, typeName: row.t.name, kind: row.t.kind as TSupportInterventionSummary['kind'], title: i.title,
    leadName: row.leadName, startDate: i.startDate, plannedEndDate: i.plannedEndDate, status: i.status as 'open' | 'ended',
    pupils: members.filter((m) => m.interventionId === i.id).map((m) => ({ id: m.pupilId, displayName: displayName(m) })),
  };
}

export interface Detail {
  members: repo.MemberRow[];
  sessions: repo.SessionRow[];
  attendance: repo.AttendanceRow[];
  points: repo.PointsRow[];
  measures: repo.MeasureRow[];
  scales: Map<string, Scale>;
}

export function presentIntervention(actor: Actor, row: repo.InterventionRow, d: Detail): TSupportIntervention {
  const i = row.i;
  const manage = can(actor, 'intervention.manage', i);
  const record = mayRecord(actor, row);
  const open = i.status === 'open';
  const recorded = new Set(d.sessions.filter((s) => s.recordedAt).map((s) => s.id));
  const allowed = [
    ...(manage && open ? ['edit', 'end', 'add_pupil'] : []),
    ...(record && open ? ['record_session', 'record_points', 'record_measure'] : []),
    ...(can(actor, 'behaviour.read', i) ? ['drill_down'] : []),
  ];
  return {
    id: i.id, siteId: i.siteId, siteName: row.siteName,
    type: {
      id: row.t.id, name: row.t.name, kind: row.t.kind as TSupportIntervention['type']['kind'], dailyPoints: row.t.dailyPoints, dailyPointsMax: row.t.dailyPointsMax,
      measures: row.t.measures.map((k) => d.scales.get(k)).filter((s): s is Scale => !!s).map((s) => ({ key: s.key, name: s.name, min: s.min, max: s.max, higherIsBetter: s.higherIsBetter })),
    },
    title: i.title, lead: { id: i.leadUserId, displayName: row.leadName }, startDate: i.startDate, plannedEndDate: i.plannedEndDate,
    endedOn: i.endedOn, endNotes: i.endNotes, status: i.status as 'open' | 'ended',
    pupils: d.members.map((m) => {
      const mine = d.attendance.filter((a) => a.pupilId === m.pupilId && recorded.has(a.sessionId));
      return {
        id: m.pupilId, displayName: displayName(m), targets: m.targets,
        attended: mine.filter((a) => a.status === 'attended').length, sessionsRecorded: mine.length,
        pointsAverage: pointsAverage(d.points.filter((p) => p.pupilId === m.pupilId)),
      };
    }),
    sessions: d.sessions.map((s) => ({
      id: s.id, sessionDate: s.sessionDate, notes: s.notes, recorded: !!s.recordedAt,
      attendance: d.attendance.filter((a) => a.sessionId === s.id).map((a) => ({ pupilId: a.pupilId, status: a.status as 'attended' | 'absent' | 'excused' })),
    })),
    points: d.points.map((p) => ({ pupilId: p.pupilId, day: p.day, points: p.points, maxPoints: p.maxPoints })),
    measures: d.measures.map((m) => ({
      id: m.id, pupilId: m.pupilId, measure: m.measure, measureName: d.scales.get(m.measure)?.name ?? 'A scale no longer in use',
      phase: m.phase as 'baseline' | 'outcome', value: Number(m.value), informant: m.informant,
      band: m.measure === 'sdq' && m.informant ? sdqBand(Number(m.value), m.informant as SdqInformant) : null, recordedOn: m.recordedOn, notes: m.notes,
    })),
    version: i.version, allowed,
  };
}
