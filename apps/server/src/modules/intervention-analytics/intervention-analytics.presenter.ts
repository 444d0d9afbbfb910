/**
 * ANA-3 figures → the contract and the download tables, suppressed per viewer (SPEC §9): for an aggregate-only viewer
 * a count of 1–4 is "fewer than 5", and a share, total or median built on one is withheld.
 */
import type { TPiFigures, TPiQuery, TPiStats } from '@haven/contracts';
import { derived, figure, percentOf } from '../analytics/analytics.rules.ts';
import type { PiSummary } from './intervention-analytics.rules.ts';
import { countCell, valueCell, type FigureCell } from '../../core/export/figures.ts';

export function presentFigures(s: PiSummary, suppress: boolean): TPiFigures {
  const plain = (n: number) => figure(n, null, suppress);
  const share = (n: number) => figure(n, percentOf(n, s.count), suppress, [s.count]);
  return {
    count: plain(s.count),
    totalMinutes: derived(s.totalMinutes, suppress, [s.count]),
    medianMinutes: derived(s.medianMinutes, suppress, [s.count]),
    pupils: plain(s.pupils), staff: plain(s.staff),
    pupilInjured: plain(s.flags.pupilInjured), staffInjured: plain(s.flags.staffInjured), medicalAttention: plain(s.flags.medicalAttention),
    pupilDebriefed: share(s.flags.pupilDebriefed), staffDebriefed: share(s.flags.staffDebriefed),
    parentInformed: share(s.flags.parentInformed), parentInformedSameDay: share(s.flags.parentInformedSameDay),
    parentNotInformedByEndOfDay: share(s.flags.parentNotInformedByEndOfDay), uncertified: share(s.flags.uncertified),
  };
}

type Cell = FigureCell;

export function figureCells(f: TPiFigures): Record<string, Cell> {
  return {
    count: countCell(f.count), totalMinutes: valueCell(f.totalMinutes.value, f.totalMinutes.note), medianMinutes: valueCell(f.medianMinutes.value, f.medianMinutes.note),
    pupils: countCell(f.pupils), staff: countCell(f.staff), pupilInjured: countCell(f.pupilInjured), staffInjured: countCell(f.staffInjured),
    medicalAttention: countCell(f.medicalAttention),
    pupilDebriefed: countCell(f.pupilDebriefed), pupilDebriefedPct: valueCell(f.pupilDebriefed.rate, f.pupilDebriefed.rateNote),
    staffDebriefed: countCell(f.staffDebriefed), staffDebriefedPct: valueCell(f.staffDebriefed.rate, f.staffDebriefed.rateNote),
    parentInformed: countCell(f.parentInformed), parentInformedPct: valueCell(f.parentInformed.rate, f.parentInformed.rateNote),
    parentInformedSameDay: countCell(f.parentInformedSameDay), parentInformedSameDayPct: valueCell(f.parentInformedSameDay.rate, f.parentInformedSameDay.rateNote),
    parentNotInformedByEndOfDay: countCell(f.parentNotInformedByEndOfDay), uncertified: countCell(f.uncertified),
  };
}

/** One download table of the dashboard: its columns (beyond the figure columns) and rows. */
export function piTable(stats: TPiStats, table: TPiQuery['table']): { lead: { key: string; header: string; type: 'text' | 'number' }[]; withFigures: boolean; rows: Record<string, Cell>[] } {
  switch (table) {
    case 'summary':
      return { lead: [{ key: 'scope', header: 'Sites', type: 'text' }], withFigures: true, rows: [{ scope: stats.sites.map((s) => s.name).join('; '), ...figureCells(stats.totals) }] };
    case 'sites':
      return { lead: [{ key: 'site', header: 'Site', type: 'text' }], withFigures: true, rows: stats.bySite.map((s) => ({ site: s.siteName, ...figureCells(s) })) };
    case 'techniques':
      return {
        lead: [{ key: 'code', header: 'Code', type: 'text' }, { key: 'label', header: 'Hold or technique', type: 'text' },
          { key: 'interventions', header: 'Interventions', type: 'number' }, { key: 'pct', header: 'Of all interventions (%)', type: 'number' },
          { key: 'staffUses', header: 'Uses by a member of staff', type: 'number' }],
        withFigures: false,
        rows: stats.byTechnique.map((t) => ({ code: t.code, label: t.label, interventions: countCell(t.interventions), pct: valueCell(t.interventions.rate, t.interventions.rateNote), staffUses: countCell(t.staffUses) })),
      };
    case 'pupils':
      return {
        lead: [{ key: 'name', header: 'Pupil', type: 'text' }, { key: 'yearGroup', header: 'Year group', type: 'number' }, { key: 'site', header: 'Site', type: 'text' },
          { key: 'count', header: 'Physical interventions', type: 'number' }, { key: 'totalMinutes', header: 'Total minutes', type: 'number' }],
        withFigures: false,
        rows: (stats.byPupil ?? []).map((p) => ({ name: p.name, yearGroup: p.yearGroup, site: p.siteName, count: p.count, totalMinutes: p.totalMinutes })),
      };
    case 'uncertifiedStaff':
      return {
        lead: [{ key: 'name', header: 'Member of staff', type: 'text' }, { key: 'site', header: 'Site', type: 'text' },
          { key: 'uses', header: 'Holds used without a valid certificate', type: 'number' }, { key: 'missing', header: 'No certificate', type: 'number' },
          { key: 'expired', header: 'Certificate expired', type: 'number' }, { key: 'notCovered', header: 'Certificate does not cover the hold', type: 'number' }],
        withFigures: false,
        rows: (stats.uncertifiedByStaff ?? []).map((s) => ({ name: s.name, site: s.siteName, uses: s.uses, missing: s.missing, expired: s.expired, notCovered: s.notCovered })),
      };
    case 'uncertifiedTechniques':
      return {
        lead: [{ key: 'code', header: 'Code', type: 'text' }, { key: 'label', header: 'Hold or technique', type: 'text' },
          { key: 'uses', header: 'Uses without a valid certificate', type: 'number' }],
        withFigures: false,
        rows: stats.uncertifiedByTechnique.map((t) => ({ code: t.code, label: t.label, uses: countCell(t.uses) })),
      };
  }
}
