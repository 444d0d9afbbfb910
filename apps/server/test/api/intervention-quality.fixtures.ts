/** The ANA-3 and ANA-6 responses as plain counts, in the brute force's shape (test/quality.brute.ts). */
import type { TPiFigures, TQualityFigures } from '@haven/contracts';
import type { PiFigures, QualityFigures } from '../quality.brute.ts';

export function piCounts(f: TPiFigures): PiFigures {
  return {
    count: f.count.count!, totalMinutes: f.totalMinutes.value!, medianMinutes: f.medianMinutes.value, pupils: f.pupils.count!, staff: f.staff.count!,
    pupilInjured: f.pupilInjured.count!, staffInjured: f.staffInjured.count!, medicalAttention: f.medicalAttention.count!,
    pupilDebriefed: f.pupilDebriefed.count!, staffDebriefed: f.staffDebriefed.count!, parentInformed: f.parentInformed.count!,
    parentInformedSameDay: f.parentInformedSameDay.count!, parentNotInformedByEndOfDay: f.parentNotInformedByEndOfDay.count!,
  };
}

/** Hours to the nearest millisecond's worth (the database keeps microseconds; the API reads milliseconds). */
export const roundHours = (h: number | null) => (h === null ? null : Math.round(h * 3_600_000) / 3_600_000);

export function qualityCounts(f: TQualityFigures): QualityFigures {
  return {
    submitted: f.submitted.count!, signedOff: f.signedOff.count!, signedOffWithin48h: f.signedOffWithin48h.count!,
    medianHoursToSignOff: roundHours(f.medianHoursToSignOff.value), returned: f.returned.count!, interventions: f.interventions.count!,
    missingParentContact: f.missingParentContact.count!, missingDebrief: f.missingDebrief.count!, overdueReview: f.overdueReview.count!,
  };
}
