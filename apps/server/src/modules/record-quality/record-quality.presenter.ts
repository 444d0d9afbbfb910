/**
 * ANA-6 figures → the contract and the download tables, suppressed per viewer (SPEC §9): for an aggregate-only viewer
 * a count of 1–4 is "fewer than 5", and a share or median built on one is withheld.
 */
import type { TQualityFigures } from '@haven/contracts';
import { derived, figure, percentOf } from '../analytics/analytics.rules.ts';
import { countCell, valueCell } from '../../core/export/figures.ts';
import type { QualitySummary } from './record-quality.rules.ts';

export function presentQuality(s: QualitySummary, suppress: boolean): TQualityFigures {
  const ofSubmitted = (n: number) => figure(n, percentOf(n, s.submitted), suppress, [s.submitted]);
  const ofInterventions = (n: number) => figure(n, percentOf(n, s.interventions), suppress, [s.interventions]);
  return {
    submitted: figure(s.submitted, null, suppress),
    signedOff: ofSubmitted(s.signedOff),
    signedOffWithin48h: ofSubmitted(s.signedOffWithin48h),
    medianHoursToSignOff: derived(s.medianHoursToSignOff, suppress, [s.signedOff]),
    returned: ofSubmitted(s.returned),
    interventions: figure(s.interventions, null, suppress),
    missingParentContact: ofInterventions(s.missingParentContact),
    missingDebrief: ofInterventions(s.missingDebrief),
    overdueReview: figure(s.overdueReview, null, suppress),
  };
}

export function qualityCells(f: TQualityFigures): Record<string, string | number | null> {
  return {
    submitted: countCell(f.submitted), signedOff: countCell(f.signedOff), signedOffWithin48h: countCell(f.signedOffWithin48h),
    signedOffWithin48hPct: valueCell(f.signedOffWithin48h.rate, f.signedOffWithin48h.rateNote),
    medianHoursToSignOff: valueCell(f.medianHoursToSignOff.value, f.medianHoursToSignOff.note),
    returned: countCell(f.returned), returnedPct: valueCell(f.returned.rate, f.returned.rateNote), interventions: countCell(f.interventions),
    missingParentContact: countCell(f.missingParentContact), missingDebrief: countCell(f.missingDebrief), overdueReview: countCell(f.overdueReview),
  };
}
