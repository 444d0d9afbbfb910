/**
 * Off-site visits (TRP-1 … TRP-4): the proposal, the risk assessment drawn from what Haven knows about the pupils
 * and staff, consent per pupil (a parent in the portal or staff recording it), approval by the LA category and the
 * departure gate's checklist. Shared by the server's validation and the web app.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { VISIT_STATUSES } from './visits-codes.ts';

const ZText = (max: number) => z.string().trim().max(max);
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time as HH:MM (24-hour)');


export const ZVisitHazardInput = z.object({ id: ZId.optional(), hazard: ZText(500).min(1, 'Describe the hazard'), controls: ZText(4000).min(1, 'Say what controls the risk') });
export const ZVisitHazard = z.object({ id: ZId, hazard: z.string(), controls: z.string() });
export const ZVisitStop = z.object({ date: ZIsoDate, time: ZTime, place: ZText(300).min(1, 'Say where'), notes: ZText(1000).default('') });

export const ZVisitProposal = z.object({
  siteId: ZId,
  purpose: ZText(2000).min(1, 'Say what the visit is for'),
  venue: ZText(500).min(1, 'Say where the visit goes'),
  startDate: ZIsoDate,
  departTime: ZTime,
  endDate: ZIsoDate,
  returnTime: ZTime,
  itinerary: z.array(ZVisitStop).max(60).default([]),
  transport: ZText(1000).default(''),
  categoryId: ZId,
  leaderStaffId: ZId.nullable().default(null),
  ratioPupilsPerAdult: z.number().int().min(1, 'At least one pupil per adult').max(100),
});
export type TVisitProposal = z.infer<typeof ZVisitProposal>;
export const ZVisitUpdate = ZVisitProposal.omit({ siteId: true }).extend({ version: z.number().int().min(1) });
export const ZVisitParticipants = z.object({
  pupilIds: z.array(ZId).max(500).refine((a) => new Set(a).size === a.length, 'Each pupil once'),
  staffIds: z.array(ZId).max(100).refine((a) => new Set(a).size === a.length, 'Each member of staff once'),
  version: z.number().int().min(1),
});
export const ZVisitRisk = z.object({
  adoptedAssessmentIds: z.array(ZId).max(30).refine((a) => new Set(a).size === a.length, 'Each assessment once'),
  ownHazards: z.array(ZVisitHazardInput).max(60),
  version: z.number().int().min(1),
});
export const ZVisitVersionOnly = z.object({ version: z.number().int().min(1) });
export const ZVisitDecision = z.object({ version: z.number().int().min(1), comment: ZText(2000).default(''), adviserName: ZText(200).optional() });
export const ZVisitParams = z.object({ id: ZId });
export const ZVisitListQuery = z.object({ siteId: ZId.optional() });

export const CONSENT_DECISIONS = ['given', 'refused'] as const;
export const ZConsentDay = z.object({
  medicalInfo: ZText(2000).default(''),
  emergencyName: ZText(200).min(1, 'Name someone to call on the day'),
  emergencyPhone: ZText(40).regex(/^[0-9+() -]{6,40}$/, 'A telephone number'),
});
export const ZStaffConsent = z.object({
  pupilId: ZId,
  decision: z.enum(CONSENT_DECISIONS),
  parentName: ZText(200).min(1, 'Who gave or refused consent'),
  how: ZText(200).min(1, 'How it was given (paper form, telephone…)'),
  medicalInfo: ZText(2000).default(''),
  emergencyName: ZText(200).default(''),
  emergencyPhone: ZText(40).default(''),
});
export const ZParentConsent = z.object({
  pupilId: ZId,
  decision: z.enum(CONSENT_DECISIONS),
  medicalInfo: ZText(2000).default(''),
  emergencyName: ZText(200).default(''),
  emergencyPhone: ZText(40).default(''),
});
export const ZVisitIncidentLink = z.object({ incidentId: ZId });
export const ZVisitEvaluationInput = z.object({
  wentWell: ZText(4000).min(1, 'Say what went well'), toImprove: ZText(4000).default(''), incidentsSummary: ZText(4000).default(''),
});

export const ZVisitCategory = z.object({ id: ZId, code: z.string(), name: z.string(), description: z.string(), preApproved: z.boolean(), laAdviserRequired: z.boolean(), active: z.boolean() });
export const ZVisitCategoryInput = z.object({
  code: ZText(20).min(1, 'A short code, e.g. A'), name: ZText(200).min(1, 'Name the category'), description: ZText(2000).default(''),
  preApproved: z.boolean(), laAdviserRequired: z.boolean(), active: z.boolean().default(true),
});
export const ZStandingApprovalInput = z.object({ siteId: ZId, categoryId: ZId, description: ZText(2000).min(1, 'Say which visits it covers'), approvedOn: ZIsoDate, expiresOn: ZIsoDate });
export const ZStandingApproval = z.object({ id: ZId, siteId: ZId, categoryId: ZId, categoryName: z.string(), description: z.string(), approvedBy: z.string(), approvedOn: ZIsoDate, expiresOn: ZIsoDate, current: z.boolean() });
export const ZLibraryAssessmentInput = z.object({ title: ZText(200).min(1, 'Give it a title'), hazards: z.array(ZVisitHazardInput).min(1, 'At least one hazard').max(60) });
export const ZLibraryAssessment = z.object({ id: ZId, title: z.string(), hazards: z.array(ZVisitHazard) });
export const ZCoordinatorInput = z.object({ siteId: ZId, userId: ZId });
export const ZVisitSettings = z.object({
  categories: z.array(ZVisitCategory),
  library: z.array(ZLibraryAssessment),
  standingApprovals: z.array(ZStandingApproval),
  coordinators: z.array(z.object({ siteId: ZId, userId: ZId, name: z.string() })),
});

export const ZChecklistItem = z.object({ code: z.string(), label: z.string(), done: z.boolean(), detail: z.string() });
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

const ZPersonAt = z.object({ name: z.string(), at: ZIsoDateTime });
export const ZVisitConsent = z.object({
  decision: z.enum(CONSENT_DECISIONS), via: z.enum(['portal', 'staff']), how: z.string(), parentName: z.string(),
  medicalInfo: z.string(), emergencyName: z.string(), emergencyPhone: z.string(), recorded: ZPersonAt,
});
export const ZTrainedAdultFlag = z.object({ techniqueCode: z.string(), techniqueLabel: z.string(), coveredBy: z.array(z.string()) });
export const ZVisitPupil = z.object({
  id: ZId, displayName: z.string(), yearGroup: z.number().int(), medicalFlag: z.boolean(),
  plan: z.object({ id: ZId, keyPoints: z.array(z.string()), approvedHolds: z.array(z.string()) }).nullable(),
  riskAssessment: z.object({ id: ZId, title: z.string(), overallRating: z.string().nullable(), hazards: z.array(z.object({ hazard: z.string(), controls: z.string() })) }).nullable(),
  holds: z.array(ZTrainedAdultFlag).describe('Each approved hold, and the staff on the visit certified for it on the visit days'),
  needsTrainedAdult: z.boolean().describe('A hold in the plan that no member of staff on the visit is certified for on the visit days'),
  consent: ZVisitConsent.nullable(),
});
export const ZVisitStaffMember = z.object({ id: ZId, name: z.string(), jobTitle: z.string(), leader: z.boolean(), certificates: z.array(z.object({ courseName: z.string(), expiresOn: ZIsoDate, techniqueCodes: z.array(z.string()) })) });
export const ZVisitStep = z.object({ step: z.string(), decision: z.string(), comment: z.string(), adviserName: z.string().nullable(), by: z.string(), at: ZIsoDateTime });

export const ZVisitSummary = z.object({
  id: ZId, siteId: ZId, siteName: z.string(), purpose: z.string(), venue: z.string(), startDate: ZIsoDate, endDate: ZIsoDate,
  status: z.enum(VISIT_STATUSES), categoryName: z.string(), leaderName: z.string().nullable(), pupilCount: z.number().int(), staffCount: z.number().int(),
});
export const ZVisitList = z.object({ items: z.array(ZVisitSummary), allowed: ZAllowed });

export const ZVisit = ZVisitSummary.extend({
  departTime: z.string(), returnTime: z.string(), itinerary: z.array(ZVisitStop), transport: z.string(),
  category: ZVisitCategory, leaderStaffId: ZId.nullable(), ratioPupilsPerAdult: z.number().int(),
  ratio: z.object({ pupils: z.number().int(), adults: z.number().int(), adultsRequired: z.number().int(), met: z.boolean() }),
  pupils: z.array(ZVisitPupil), staff: z.array(ZVisitStaffMember),
  adoptedAssessments: z.array(ZLibraryAssessment), ownHazards: z.array(ZVisitHazard),
  riskConfirmed: ZPersonAt.nullable(),
  standingApproval: z.object({ id: ZId, description: z.string(), expiresOn: ZIsoDate }).nullable(),
  steps: z.array(ZVisitStep),
  checklist: z.array(ZChecklistItem),
  incidents: z.array(z.object({ id: ZId, occurredAt: ZIsoDateTime.nullable(), status: z.string(), pupils: z.array(z.string()) })),
  incidentsToLink: z.array(z.object({ id: ZId, occurredAt: ZIsoDateTime.nullable(), status: z.string(), pupils: z.array(z.string()) }))
    .describe("Once the visit has left: incidents at its site on its days about its pupils, not yet linked to a visit"),
  departed: ZPersonAt.nullable(),
  evaluation: z.object({ wentWell: z.string(), toImprove: z.string(), incidentsSummary: z.string(), by: z.string(), at: ZIsoDateTime }).nullable(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TVisit = z.infer<typeof ZVisit>;

export const ZDaySheet = z.object({
  visit: ZVisitSummary.extend({ departTime: z.string(), returnTime: z.string(), itinerary: z.array(ZVisitStop), transport: z.string() }),
  staff: z.array(z.object({ name: z.string(), jobTitle: z.string(), leader: z.boolean() })),
  pupils: z.array(z.object({
    id: ZId, displayName: z.string(), yearGroup: z.number().int(), photoUrl: z.string().nullable(), medicalFlag: z.boolean(), medicalNotes: z.string(),
    consentMedical: z.string(), emergencyName: z.string(), emergencyPhone: z.string(),
    keyPoints: z.array(z.string()), approvedHolds: z.array(z.string()), needsTrainedAdult: z.boolean(),
  })),
});
export type TDaySheet = z.infer<typeof ZDaySheet>;

export const ZParentVisit = z.object({
  id: ZId, purpose: z.string(), venue: z.string(), startDate: ZIsoDate, departTime: z.string(), endDate: ZIsoDate, returnTime: z.string(),
  transport: z.string(), itinerary: z.array(ZVisitStop), siteName: z.string(),
  children: z.array(z.object({ pupilId: ZId, displayName: z.string(), consent: z.object({ decision: z.enum(CONSENT_DECISIONS), at: ZIsoDateTime, by: z.string() }).nullable() })),
});
export const ZParentVisitList = z.object({ items: z.array(ZParentVisit) });
