/**
 * The three kinds of school in the demo trust, with their year groups, class sizes, intake, SEN profile, extra
 * teaching groups and staffing: an SEMH secondary, an autism (ASC) all-through school and an alternative provision.
 */
import type { TRole, TSiteKind } from '@haven/contracts';

export type DemoSiteKind = Extract<TSiteKind, 'semh' | 'asc' | 'ap'>;
export const DEMO_SITE_KINDS: readonly DemoSiteKind[] = ['semh', 'asc', 'ap'];

type SenStatus = 'none' | 'sen_support' | 'ehcp';

export interface StaffSlot {
  readonly jobTitle: string;
  /** The Haven role the person holds at the site; 'staff' for everyone without a leadership role. */
  readonly role: TRole;
  readonly count: number;
  /** At the trust's first site, the demo account of this role fills the first slot. */
  readonly demo?: TRole;
  /** Tutors forms (teachers, and in larger forms TAs). */
  readonly tutor?: boolean;
}

export interface TeachingGroupSpec {
  readonly name: string;
  /** Pupils in these NC years may join. */
  readonly years: readonly [number, number];
}

export interface SiteKindProfile {
  readonly name: string;
  readonly shortName: string;
  readonly phase: 'secondary' | 'all_through';
  /** Pupils per NC year at scale 1 (Reception is year 0). */
  readonly yearSizes: Readonly<Record<number, number>>;
  readonly classSize: number;
  readonly boys: number;
  readonly sen: Readonly<Record<SenStatus, number>>;
  readonly needs: Readonly<Record<string, number>>;
  /** The year most pupils join in; others join later. */
  readonly entryYear: number;
  readonly teachingGroups: readonly TeachingGroupSpec[];
  readonly staff: readonly StaffSlot[];
  /** Form names: `${year}${suffix}` for secondary forms, or named classes. */
  readonly formName: (year: number, index: number) => string;
}

const CLASS_NAMES = ['Oak', 'Ash', 'Willow', 'Birch', 'Rowan', 'Hazel', 'Elm', 'Maple', 'Cedar', 'Holly', 'Larch', 'Alder'];

export const yearLabel = (year: number): string => (year === 0 ? 'Reception' : year === -1 ? 'Nursery' : `Year ${year}`);

export const SITE_PROFILES: Readonly<Record<DemoSiteKind, SiteKindProfile>> = {
  semh: {
    name: 'Aurora Park School',
    shortName: 'APS',
    phase: 'secondary',
    yearSizes: { 7: 24, 8: 28, 9: 34, 10: 36, 11: 38 },
    classSize: 8,
    boys: 0.76,
    sen: { ehcp: 0.93, sen_support: 0.07, none: 0 },
    needs: { SEMH: 78, ASD: 10, SLCN: 5, MLD: 4, SPLD: 3 },
    entryYear: 7,
    teachingGroups: [
      { name: 'Year 11 English (Foundation)', years: [11, 11] }, { name: 'Year 10 Maths set 1', years: [10, 10] },
      { name: 'Nurture group', years: [7, 8] }, { name: 'Forest school', years: [7, 9] },
      { name: 'Duke of Edinburgh (Bronze)', years: [9, 11] }, { name: 'Construction (college link)', years: [10, 11] },
      { name: 'Boxing and mentoring', years: [8, 11] },
    ],
    staff: [
      { jobTitle: 'Headteacher', role: 'head', count: 1, demo: 'head' },
      { jobTitle: 'Deputy headteacher', role: 'slt', count: 1, demo: 'slt' },
      { jobTitle: 'Assistant headteacher', role: 'slt', count: 1 },
      { jobTitle: 'Behaviour manager', role: 'behaviour_lead', count: 1, demo: 'behaviour_lead' },
      { jobTitle: 'Designated safeguarding lead', role: 'dsl', count: 1, demo: 'dsl' },
      { jobTitle: 'Deputy designated safeguarding lead', role: 'dsl', count: 1 },
      { jobTitle: 'SENCo', role: 'senco', count: 1, demo: 'senco' },
      { jobTitle: 'Teacher', role: 'staff', count: 7, tutor: true },
      { jobTitle: 'Teaching assistant', role: 'staff', count: 5, demo: 'staff', tutor: true },
      { jobTitle: 'Behaviour mentor', role: 'staff', count: 2, tutor: true },
      { jobTitle: 'Support worker', role: 'staff', count: 2 },
      { jobTitle: 'Family liaison officer', role: 'staff', count: 1 },
    ],
    formName: (year, i) => `${year}${'ABCDEFGH'.charAt(i)}`,
  },
  asc: {
    name: 'Brightwater School',
    shortName: 'BWS',
    phase: 'all_through',
    yearSizes: { 0: 8, 1: 10, 2: 8, 3: 10, 4: 10, 5: 12, 6: 12, 7: 16, 8: 16, 9: 16, 10: 16, 11: 16, 12: 16, 13: 14, 14: 10 },
    classSize: 7,
    boys: 0.72,
    sen: { ehcp: 0.98, sen_support: 0.02, none: 0 },
    needs: { ASD: 84, SLD: 6, SLCN: 5, SEMH: 3, MLD: 2 },
    entryYear: 0,
    teachingGroups: [
      { name: 'Lego therapy', years: [2, 8] }, { name: 'Sensory circuits', years: [0, 6] },
      { name: 'Social communication group', years: [5, 11] }, { name: 'Swimming', years: [3, 9] },
      { name: 'Life skills (post-16)', years: [12, 14] }, { name: 'Work experience', years: [12, 14] },
    ],
    staff: [
      { jobTitle: 'Headteacher', role: 'head', count: 1 },
      { jobTitle: 'Deputy headteacher', role: 'slt', count: 1 },
      { jobTitle: 'Assistant headteacher', role: 'slt', count: 1 },
      { jobTitle: 'Behaviour manager', role: 'behaviour_lead', count: 1 },
      { jobTitle: 'Designated safeguarding lead', role: 'dsl', count: 1 },
      { jobTitle: 'SENCo', role: 'senco', count: 1 },
      { jobTitle: 'Teacher', role: 'staff', count: 9, tutor: true },
      { jobTitle: 'Teaching assistant', role: 'staff', count: 10, tutor: true },
      { jobTitle: 'Support worker', role: 'staff', count: 3 },
      { jobTitle: 'Speech and language therapist', role: 'staff', count: 1 },
      { jobTitle: 'Occupational therapist', role: 'staff', count: 1 },
    ],
    formName: (year, i) => `${yearLabel(year)} ${CLASS_NAMES[(year * 2 + i) % CLASS_NAMES.length] ?? 'Class'}`,
  },
  ap: {
    name: 'Northern Lights Pathways',
    shortName: 'NLP',
    phase: 'secondary',
    yearSizes: { 9: 20, 10: 36, 11: 44 },
    classSize: 9,
    boys: 0.75,
    sen: { ehcp: 0.25, sen_support: 0.5, none: 0.25 },
    needs: { SEMH: 60, SLCN: 10, SPLD: 10, ASD: 10, MLD: 5, NSA: 5 },
    entryYear: 10,
    teachingGroups: [
      { name: 'GCSE English resit group', years: [11, 11] }, { name: 'Functional skills maths (Level 1)', years: [9, 11] },
      { name: 'Motor vehicle (college link)', years: [10, 11] }, { name: 'Hair and beauty (college link)', years: [10, 11] },
      { name: 'Thrive mentoring', years: [9, 10] },
    ],
    staff: [
      { jobTitle: 'Head of centre', role: 'head', count: 1 },
      { jobTitle: 'Deputy head of centre', role: 'slt', count: 1 },
      { jobTitle: 'Behaviour manager', role: 'behaviour_lead', count: 1 },
      { jobTitle: 'Designated safeguarding lead', role: 'dsl', count: 1 },
      { jobTitle: 'SENCo', role: 'senco', count: 1 },
      { jobTitle: 'Teacher', role: 'staff', count: 4, tutor: true },
      { jobTitle: 'Behaviour mentor', role: 'staff', count: 3, tutor: true },
      { jobTitle: 'Support worker', role: 'staff', count: 2 },
      { jobTitle: 'Learning mentor', role: 'staff', count: 1 },
    ],
    formName: (year, i) => `${yearLabel(year)} Pathway ${i + 1}`,
  },
};

/** Local authorities in Yorkshire (DfE LA codes), cycled across the sites. */
const LA_CODES = ['383', '380', '382', '381', '384', '370', '371', '372', '373'];

export interface SitePlan {
  readonly index: number;
  readonly kind: DemoSiteKind;
  readonly profile: SiteKindProfile;
  readonly name: string;
  readonly shortName: string;
  readonly laCode: string;
  readonly establishmentNumber: string;
  readonly urn: string;
}

/** Site i (from 0) of the trust: kinds cycle SEMH, ASC, AP; the second round of each is numbered 2, and so on. */
export function planSite(index: number): SitePlan {
  const kind = DEMO_SITE_KINDS[index % 3] ?? 'semh';
  const profile = SITE_PROFILES[kind];
  const round = Math.floor(index / 3) + 1;
  const suffix = round === 1 ? '' : ` ${round}`;
  // Special schools have establishment numbers 7000–7999; PRUs and AP 1100–1199, then an unused range beyond.
  const establishment = kind === 'ap' ? (index < 100 ? 1100 + index : 2000 + index) : 7000 + index;
  return {
    index, kind, profile,
    name: `${profile.name}${suffix}`,
    shortName: `${profile.shortName}${round === 1 ? '' : round}`,
    laCode: LA_CODES[index % LA_CODES.length] ?? '383',
    establishmentNumber: String(establishment).padStart(4, '0'),
    urn: String(148_100 + index * 7),
  };
}
