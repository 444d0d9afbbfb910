/**
 * The pupils of one site, with their forms and extra teaching groups. Characteristics follow special-school reality
 * (most pupils with an EHCP; high pupil premium, free school meals and looked-after rates; mostly boys in SEMH and AP).
 */
import { makeUpn } from '../../modules/pupils/upn.rules.ts';
import { addDays, isoDate, toDayNumber, weekdayOf, type AcademicYear } from '../../core/calendar/calendar.ts';
import { ETHNICITY_WEIGHTS, firstLanguage, preferredForename, pupilName, type EthnicityCode } from './names.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { SitePlan } from './sites.ts';
import type { PupilGroupMemberRow, PupilGroupRow, PupilRow } from './types.ts';

const MEDICAL_NOTES = [
  'Asthma: blue inhaler kept in the school office and one in bag.',
  'Epilepsy: care plan in the medical room; rescue medication (buccal midazolam) trained staff only.',
  'Type 1 diabetes: insulin pump; snacks allowed in lessons; check blood glucose before PE.',
  'Severe nut allergy: two adrenaline auto-injectors in the office.',
  'ADHD: medication given at lunchtime by the office.',
  'Eczema: emollient cream applied after PE.',
  'Wears hearing aids in both ears; sit near the front.',
  'Coeliac disease: gluten-free meals arranged with the kitchen.',
  'Sickle cell disease: keep warm and hydrated; parents to be called with any pain.',
  'Migraines: quiet room and water; parents informed if no better after an hour.',
];

export interface PupilContext {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly trustId: string;
  readonly year: AcademicYear;
  /** "Today" as a date in England. */
  readonly today: string;
  readonly pupilGroups: PupilGroupRow[];
  readonly pupils: PupilRow[];
  readonly pupilGroupMembers: PupilGroupMemberRow[];
}

/** DfE NC year of a pupil born on `dob` in the academic year starting in `startYear` (Reception is 0). */
export function ncYearOf(dob: string, startYear: number): number {
  const y = Number(dob.slice(0, 4));
  const birthCohort = Number(dob.slice(5, 7)) >= 9 ? y : y - 1; // the academic year of birth
  return startYear - birthCohort - 5;
}

/** A weekday on or before `iso`. */
function weekdayOnOrBefore(iso: string): string {
  let d = iso;
  while (weekdayOf(d) >= 6) d = addDays(d, -1);
  return d;
}

function between(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, toDayNumber(to) - toDayNumber(from)));
}

/** Whether a pupil is still on roll at the end of the generated data. */
export const onRoll = (p: PupilRow): boolean => !p.enrolmentEnd;

export function addSitePupils(ctx: PupilContext, plan: SitePlan, siteId: string, tutors: readonly string[]): PupilRow[] {
  const { rng, ids, trustId } = ctx;
  const profile = plan.profile;
  const startYear = ctx.year.startYear;
  const sitePupils: PupilRow[] = [];
  const serials = new Map<number, number>();
  let tutorIndex = 0;

  const teachingGroups = profile.teachingGroups.map((spec) => {
    const row: PupilGroupRow = { id: ids.next(), trustId, siteId, name: spec.name, kind: 'teaching_group', yearGroup: spec.years[0] === spec.years[1] ? spec.years[0] : null };
    ctx.pupilGroups.push(row);
    return { spec, id: row.id };
  });

  for (const [yearText, baseSize] of Object.entries(profile.yearSizes)) {
    const year = Number(yearText);
    const size = Math.max(1, baseSize + rng.int(-1, 1));
    const formCount = Math.ceil(size / profile.classSize);
    const forms = Array.from({ length: formCount }, (_, i) => {
      const tutorStaffId = tutors.length > 0 ? (tutors[tutorIndex++ % tutors.length] ?? null) : null;
      const row: PupilGroupRow = {
        id: ids.next(), trustId, siteId, name: profile.formName(year, i), kind: year <= 6 ? 'class' : 'form', yearGroup: year, tutorStaffId,
      };
      ctx.pupilGroups.push(row);
      return row.id;
    });

    for (let i = 0; i < size; i += 1) {
      const sex = rng.chance(profile.boys) ? 'M' : 'F';
      const ethnicity: EthnicityCode = rng.weighted(ETHNICITY_WEIGHTS);
      const name = pupilName(rng, ethnicity, sex);
      const cohort = startYear - year - 5;
      const dateOfBirth = between(rng, isoDate(cohort, 9, 1), isoDate(cohort + 1, 8, 31));

      // UPNs are allocated in the year a pupil starts school; the serial counts up within that year at this site.
      const year2 = (startYear - year) % 100;
      const serial = (serials.get(year2) ?? 0) + 1;
      serials.set(year2, serial);

      const enrolment = enrolmentDates(rng, ctx, year, profile.entryYear);
      const senStatus = rng.weighted(profile.sen);
      const fsm = rng.chance(0.5);
      const care = rng.next();
      const lookedAfter = care < 0.08;
      const previouslyLookedAfter = !lookedAfter && care < 0.11;
      const safeguarding = lookedAfter ? 1 : rng.next();
      const language = firstLanguage(rng, ethnicity);
      const medicalFlag = rng.chance(0.15);
      const row: PupilRow = {
        id: ids.next(), trustId, siteId,
        upn: makeUpn(plan.laCode, plan.establishmentNumber, year2, serial),
        legalForename: name.forename, legalSurname: name.surname,
        preferredForename: preferredForename(rng, name.forename), preferredSurname: null,
        dateOfBirth, sex, yearGroup: year, formGroupId: rng.pick(forms),
        enrolmentStart: enrolment.start, enrolmentEnd: enrolment.end,
        senStatus, primaryNeed: senStatus === 'none' ? null : rng.weighted(profile.needs),
        fsm, pupilPremium: fsm || lookedAfter || previouslyLookedAfter || rng.chance(0.03),
        lookedAfter, previouslyLookedAfter,
        childInNeed: safeguarding < 0.065, childProtectionPlan: safeguarding < 0.033,
        eal: language.eal, firstLanguage: language.firstLanguage, ethnicity,
        medicalFlag, medicalNotes: medicalFlag ? rng.pick(MEDICAL_NOTES) : null,
      };
      ctx.pupils.push(row);
      sitePupils.push(row);
      if (row.formGroupId) ctx.pupilGroupMembers.push({ groupId: row.formGroupId, pupilId: row.id, trustId });
      if (!onRoll(row)) continue;
      const eligible = teachingGroups.filter((g) => year >= g.spec.years[0] && year <= g.spec.years[1]);
      const extra = eligible.length === 0 ? 0 : rng.weighted({ '0': 50, '1': 35, '2': 15 });
      for (const g of rng.shuffle(eligible).slice(0, Number(extra))) {
        ctx.pupilGroupMembers.push({ groupId: g.id, pupilId: row.id, trustId });
      }
    }
  }
  return sitePupils;
}

/**
 * Most pupils started on 1 September of the year they joined (usually the school's entry year); about 6% joined
 * mid-year, and about 3% have left (an end date in the past year).
 */
function enrolmentDates(rng: Rng, ctx: PupilContext, year: number, entryYear: number): { start: string; end: string | null } {
  const startYear = ctx.year.startYear;
  const latestJoin = Math.max(0, year - Math.min(entryYear, year));
  const yearsAgo = rng.chance(0.55) ? latestJoin : rng.int(0, latestJoin);
  const earliest = `${startYear - latestJoin}-09-01`;
  let start = `${startYear - yearsAgo}-09-01`;
  const midYearFrom = [earliest, addDays(ctx.today, -300)].sort()[1] ?? earliest;
  const midYearTo = addDays(ctx.today, -1);
  if (rng.chance(0.06) && midYearFrom < midYearTo) start = weekdayOnOrBefore(between(rng, midYearFrom, midYearTo));
  if (start < earliest || start > ctx.today) start = earliest;
  let end: string | null = null;
  const leaveFrom = [addDays(start, 30), addDays(ctx.today, -365)].sort()[1] ?? addDays(start, 30);
  if (rng.chance(0.03) && leaveFrom < midYearTo) end = weekdayOnOrBefore(between(rng, leaveFrom, midYearTo));
  if (end !== null && end <= start) end = null;
  return { start, end };
}
