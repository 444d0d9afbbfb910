/**
 * The incident form's own state: what the user typed, as typed (dates as dd/mm/yyyy text, times as hh:mm), so
 * a half-typed date survives a reload. toInput() turns it into the API body, leaving out anything mistyped so
 * autosave never sends a wrong value (the user sees the mistake next to the field instead).
 */
import { parseUkDate } from '../../lib/format';
import { isoToLondonText, londonToIso } from './time';
import type { TBodyMapMark, TIncident, TIncidentInput, TParentInformedHow, TPhysicalIntervention, TPhysicalInterventionInput, TPupilRole, TStaffRole } from './types';

export interface PiStaffModel { staffId: string; techniqueCodes: string[] }
export interface PiModel {
  key: string;
  pupilId: string;
  /** One of INTERVENTION_KINDS, or '' while not chosen. */
  kind: string;
  date: string; startTime: string; endTime: string;
  staffTechniques: PiStaffModel[];
  reason: string; deescalationTried: string;
  pupilInjured: boolean; staffInjured: boolean; injuryNotes: string;
  bodyMap: TBodyMapMark[];
  medicalAttention: string;
  supportOffered: string;
  pupilDebriefDate: string; pupilDebriefTime: string; pupilDebriefBy: string;
  staffDebriefDate: string; staffDebriefTime: string; staffDebriefBy: string;
  parentInformedDate: string; parentInformedTime: string; parentInformedHow: string; parentInformedBy: string;
}

export interface FormPupil { pupilId: string; displayName: string; yearGroup: number; role: TPupilRole }
export interface FormStaff { staffId: string; name: string; role: TStaffRole }

export interface FormModel {
  siteId: string;
  date: string; time: string;
  locationCode: string; periodCode: string;
  severity: string;
  categoryCodes: string[];
  pupils: FormPupil[];
  staff: FormStaff[];
  antecedent: string; behaviour: string; consequence: string;
  motivationCode: string;
  actionCodes: string[];
  dfeReasonCode: string;
  customValues: Record<string, string | boolean | null>;
  physicalIntervention: boolean;
  physicalInterventions: PiModel[];
}

export const newKey = (): string => crypto.randomUUID();

export function emptyPi(defaults: Partial<PiModel> = {}): PiModel {
  return {
    key: newKey(), pupilId: '', kind: '', date: '', startTime: '', endTime: '', staffTechniques: [], reason: '', deescalationTried: '',
    pupilInjured: false, staffInjured: false, injuryNotes: '', bodyMap: [], medicalAttention: '', supportOffered: '',
    pupilDebriefDate: '', pupilDebriefTime: '', pupilDebriefBy: '', staffDebriefDate: '', staffDebriefTime: '', staffDebriefBy: '',
    parentInformedDate: '', parentInformedTime: '', parentInformedHow: '', parentInformedBy: '', ...defaults,
  };
}

export function emptyForm(siteId: string, when: { date: string; time: string }, pupils: FormPupil[] = []): FormModel {
  return {
    siteId, date: when.date, time: when.time, locationCode: '', periodCode: '', severity: '', categoryCodes: [], pupils, staff: [],
    antecedent: '', behaviour: '', consequence: '', motivationCode: '', actionCodes: [], dfeReasonCode: '', customValues: {},
    physicalIntervention: false, physicalInterventions: [],
  };
}

function piFromServer(p: TPhysicalIntervention): PiModel {
  const start = isoToLondonText(p.startedAt);
  const end = isoToLondonText(p.endedAt);
  const pd = isoToLondonText(p.pupilDebriefAt);
  const sd = isoToLondonText(p.staffDebriefAt);
  const pi = isoToLondonText(p.parentInformedAt);
  return {
    key: p.id, pupilId: p.pupilId ?? '', kind: p.kind ?? '', date: start.date || end.date, startTime: start.time, endTime: end.time,
    staffTechniques: p.staffTechniques.map((s) => ({ staffId: s.staffId, techniqueCodes: [...s.techniqueCodes] })),
    reason: p.reason ?? '', deescalationTried: p.deescalationTried ?? '', pupilInjured: p.pupilInjured, staffInjured: p.staffInjured,
    injuryNotes: p.injuryNotes ?? '', bodyMap: p.bodyMap.map((m) => ({ ...m })), medicalAttention: p.medicalAttention ?? '', supportOffered: p.supportOffered ?? '',
    pupilDebriefDate: pd.date, pupilDebriefTime: pd.time, pupilDebriefBy: p.pupilDebriefBy ?? '',
    staffDebriefDate: sd.date, staffDebriefTime: sd.time, staffDebriefBy: p.staffDebriefBy ?? '',
    parentInformedDate: pi.date, parentInformedTime: pi.time, parentInformedHow: p.parentInformedHow ?? '', parentInformedBy: p.parentInformedBy ?? '',
  };
}

export function fromIncident(inc: TIncident): FormModel {
  const when = isoToLondonText(inc.occurredAt);
  return {
    siteId: inc.siteId, date: when.date, time: when.time, locationCode: inc.locationCode ?? '', periodCode: inc.periodCode ?? '',
    severity: inc.severity === null ? '' : String(inc.severity), categoryCodes: [...inc.categoryCodes],
    pupils: inc.pupils.map((p) => ({ pupilId: p.pupilId, displayName: p.displayName, yearGroup: p.yearGroup, role: p.role })),
    staff: inc.staff.map((s) => ({ staffId: s.staffId, name: s.name, role: s.role })),
    antecedent: inc.antecedent ?? '', behaviour: inc.behaviour ?? '', consequence: inc.consequence ?? '',
    motivationCode: inc.motivationCode ?? '', actionCodes: [...inc.actionCodes], dfeReasonCode: inc.dfeReasonCode ?? '',
    customValues: { ...inc.customValues }, physicalIntervention: inc.physicalIntervention,
    physicalInterventions: inc.physicalInterventions.map(piFromServer),
  };
}

const textOrNull = (s: string): string | null => (s.trim() ? s : null);
const idOrNull = (s: string): string | null => (s ? s : null);
/** A valid instant, null when cleared, and left out (undefined) when mistyped. */
const instant = (date: string, time: string): string | null | undefined => {
  const v = londonToIso(date, time);
  if (v === null) return undefined;
  return v ?? (date.trim() || time.trim() ? undefined : null);
};

function piToInput(p: PiModel): TPhysicalInterventionInput {
  return {
    pupilId: idOrNull(p.pupilId), kind: (p.kind || null) as TPhysicalInterventionInput['kind'], startedAt: instant(p.date, p.startTime), endedAt: instant(p.date, p.endTime),
    staffTechniques: p.staffTechniques.filter((s) => s.staffId),
    reason: textOrNull(p.reason), deescalationTried: textOrNull(p.deescalationTried), pupilInjured: p.pupilInjured,
    staffInjured: p.staffInjured, injuryNotes: textOrNull(p.injuryNotes), bodyMap: p.bodyMap, medicalAttention: textOrNull(p.medicalAttention),
    supportOffered: textOrNull(p.supportOffered),
    pupilDebriefAt: instant(p.pupilDebriefDate, p.pupilDebriefTime), pupilDebriefBy: idOrNull(p.pupilDebriefBy),
    staffDebriefAt: instant(p.staffDebriefDate, p.staffDebriefTime), staffDebriefBy: idOrNull(p.staffDebriefBy),
    parentInformedAt: instant(p.parentInformedDate, p.parentInformedTime),
    parentInformedHow: (p.parentInformedHow || null) as TParentInformedHow | null, parentInformedBy: idOrNull(p.parentInformedBy),
  };
}

/** Custom date answers are stored as yyyy-mm-dd; a mistyped one is left out. */
function customToInput(values: FormModel['customValues'], dateKeys: Set<string>): TIncidentInput['customValues'] {
  const out: NonNullable<TIncidentInput['customValues']> = {};
  for (const [k, v] of Object.entries(values)) {
    if (dateKeys.has(k) && typeof v === 'string') {
      const iso = parseUkDate(v);
      if (iso !== null) out[k] = iso || null;
    } else out[k] = typeof v === 'string' ? textOrNull(v) : v;
  }
  return out;
}

export function toInput(f: FormModel, dateFieldKeys: Set<string> = new Set()): TIncidentInput {
  return {
    siteId: f.siteId || undefined,
    occurredAt: instant(f.date, f.time),
    locationCode: f.locationCode || null, periodCode: f.periodCode || null,
    severity: f.severity === '' ? null : Number(f.severity),
    categoryCodes: f.categoryCodes,
    pupils: f.pupils.map((p) => ({ pupilId: p.pupilId, role: p.role })),
    staff: f.staff.map((s) => ({ staffId: s.staffId, role: s.role })),
    antecedent: textOrNull(f.antecedent), behaviour: textOrNull(f.behaviour), consequence: textOrNull(f.consequence),
    motivationCode: f.motivationCode || null, actionCodes: f.actionCodes, dfeReasonCode: f.dfeReasonCode || null,
    customValues: customToInput(f.customValues, dateFieldKeys),
    physicalIntervention: f.physicalIntervention,
    physicalInterventions: f.physicalIntervention ? f.physicalInterventions.map(piToInput) : [],
  };
}

/** Custom date answers arrive as yyyy-mm-dd and are shown as dd/mm/yyyy. */
export function customDatesToText(values: FormModel['customValues'], dateKeys: Set<string>): FormModel['customValues'] {
  const out = { ...values };
  for (const k of dateKeys) {
    const v = out[k];
    if (typeof v === 'string') {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (m) out[k] = `${m[3]}/${m[2]}/${m[1]}`;
    }
  }
  return out;
}

/** The free text the user wrote, for the "your text" panel shown when a save is refused. */
export function typedText(f: FormModel): Array<{ label: string; text: string }> {
  const out: Array<{ label: string; text: string }> = [
    { label: 'Antecedent', text: f.antecedent }, { label: 'Behaviour', text: f.behaviour }, { label: 'Consequence', text: f.consequence },
  ];
  f.physicalInterventions.forEach((p, i) => {
    const n = f.physicalInterventions.length > 1 ? ` (${i + 1})` : '';
    out.push({ label: `Why it was necessary${n}`, text: p.reason }, { label: `De-escalation tried first${n}`, text: p.deescalationTried },
      { label: `Injuries${n}`, text: p.injuryNotes }, { label: `Medical attention${n}`, text: p.medicalAttention },
      { label: `Support offered afterwards${n}`, text: p.supportOffered });
    p.bodyMap.forEach((m, j) => out.push({ label: `Body map mark ${j + 1}${n}`, text: m.note }));
  });
  for (const [k, v] of Object.entries(f.customValues)) if (typeof v === 'string') out.push({ label: k, text: v });
  return out.filter((x) => x.text.trim());
}
