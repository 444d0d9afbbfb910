/**
 * Applying an incident body (create or autosave) to the current state: absent fields stay as they are, null clears,
 * lists replace, custom values merge by key and physical interventions merge by position (so a partial autosave never
 * wipes what was typed before). Every new code, pupil and staff member is checked against the lookups; nothing here
 * does I/O, so a refused save has written nothing.
 */
import type { z } from 'zod';
import { SEN_STATUSES, type TSenStatus, type ZIncidentInput, type ZPhysicalInterventionInput } from '@haven/contracts';
import type { FieldError } from '../../core/http/errors.ts';
import type { LookupRequest, Lookups, OptionKind } from './incidents.lookups.repo.ts';
import { emptyPi, orderPeople, type IncidentState, type PiState } from './incidents.model.ts';
import { canonical, customValueErrors, durationMinutes, isSerious, londonDate, seriousThreshold, type CustomValue } from './incidents.rules.ts';

export type IncidentInput = z.infer<typeof ZIncidentInput>;
const isSenStatus = (v: string): v is TSenStatus => (SEN_STATUSES as readonly string[]).includes(v);
type PiInput = z.infer<typeof ZPhysicalInterventionInput>;

/** The setting (policy entry of kind 'setting') that holds the severity from which an incident is serious. */
const SERIOUS_SEVERITY = 'serious_severity';

/** Allowance for a phone's clock running a little ahead of the server's. */
const FUTURE_SKEW_MS = 5 * 60_000;

const isNew = (v: string | null | undefined, old: string | null) => v !== undefined && v !== null && v !== old;

function piStaffRefs(pi: Pick<PiInput, 'staffTechniques' | 'pupilDebriefBy' | 'staffDebriefBy' | 'parentInformedBy'>): string[] {
  return [...(pi.staffTechniques ?? []).map((s) => s.staffId), pi.pupilDebriefBy, pi.staffDebriefBy, pi.parentInformedBy]
    .filter((x): x is string => typeof x === 'string');
}

/**
 * LAW-10: whether the pupil had SEN at the time is taken from the pupil's SEN status when the pupil is recorded on the
 * intervention (Haven keeps no history of SEN status, and a record is made as soon as practicable), and kept as it was.
 */
function needsSen(base: PiState | undefined, pupilId: string): boolean {
  return !base || base.pupilId !== pupilId || base.pupilSenStatus === null;
}

/**
 * The DfE census reason to check, if any: a new code, or the record's code when its date moves. Codes are data (the
 * trust's exclusion_reasons table, SPEC §6), checked valid on the incident's date — never against a list in code.
 */
export function dfeReasonToCheck(prev: IncidentState, input: IncidentInput, now: Date): { code: string; date: string } | null {
  const code = input.dfeReasonCode === undefined ? prev.dfeReasonCode : input.dfeReasonCode;
  const moved = input.occurredAt !== undefined && input.occurredAt !== prev.occurredAt;
  if (!code || (code === prev.dfeReasonCode && !moved)) return null;
  const at = (input.occurredAt === undefined ? prev.occurredAt : input.occurredAt) ?? now.toISOString();
  return { code, date: londonDate(new Date(at)) };
}

/** Only what is new needs checking: codes, pupils and staff already on the record were checked when they were saved. */
export function lookupNeeds(prev: IncidentState, input: IncidentInput, now = new Date()): Pick<LookupRequest, 'optionKinds' | 'optionCodes' | 'categoryCodes' | 'pupilIds' | 'staffIds' | 'dfeReason'> {
  const kinds = new Set<OptionKind>();
  const codes = new Set<string>();
  const need = (kind: OptionKind, code: string) => { kinds.add(kind); codes.add(code); };
  if (isNew(input.locationCode, prev.locationCode)) need('location', input.locationCode!);
  if (isNew(input.periodCode, prev.periodCode)) need('period', input.periodCode!);
  if (isNew(input.motivationCode, prev.motivationCode)) need('motivation', input.motivationCode!);
  for (const c of input.actionCodes ?? []) if (!prev.actionCodes.includes(c)) need('action', c);
  if (input.severity !== undefined || input.physicalIntervention !== undefined) need('setting', SERIOUS_SEVERITY);
  const oldTechniques = new Set(prev.physicalInterventions.flatMap((pi) => pi.staffTechniques.flatMap((s) => s.techniqueCodes)));
  const knownPupils = new Set([...prev.pupils.map((p) => p.pupilId), ...prev.physicalInterventions.map((pi) => pi.pupilId)]);
  const knownStaff = new Set([...prev.staff.map((s) => s.staffId), ...prev.physicalInterventions.flatMap(piStaffRefs)]);
  const pupilIds = (input.pupils ?? []).map((p) => p.pupilId);
  const staffIds = (input.staff ?? []).map((s) => s.staffId);
  const senNeeded: string[] = [];
  (input.physicalInterventions ?? []).forEach((pi, n) => {
    for (const s of pi.staffTechniques ?? []) for (const c of s.techniqueCodes) if (!oldTechniques.has(c)) need('technique', c);
    if (pi.pupilId) pupilIds.push(pi.pupilId);
    if (pi.pupilId && needsSen(prev.physicalInterventions[n], pi.pupilId)) senNeeded.push(pi.pupilId);
    staffIds.push(...piStaffRefs(pi));
  });
  return {
    optionKinds: [...kinds], optionCodes: [...codes], categoryCodes: (input.categoryCodes ?? []).filter((c) => !prev.categoryCodes.includes(c)),
    pupilIds: [...new Set([...pupilIds.filter((id) => !knownPupils.has(id)), ...senNeeded])], staffIds: [...new Set(staffIds)].filter((id) => !knownStaff.has(id)),
    dfeReason: dfeReasonToCheck(prev, input, now),
  };
}

const text = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v === null || v === '' ? null : v);
const time = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v === null ? null : new Date(v).toISOString());
const uniq = (xs: readonly string[]) => [...new Set(xs)];

function sameMembers<T extends { role: string }>(a: readonly T[], b: readonly T[], id: (x: T) => string): boolean {
  const key = (xs: readonly T[]) => xs.map((x) => `${id(x)}:${x.role}`).sort().join(',');
  return key(a) === key(b);
}

export interface Applied { next: IncidentState; errors: FieldError[]; changed: { pupils: boolean; staff: boolean; pis: boolean } }

export function applyInput(prev: IncidentState, input: IncidentInput, lk: Lookups, opts: { now: Date; newId: () => string }): Applied {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const option = (kind: OptionKind, field: string, v: string | null | undefined, old: string | null) => {
    if (isNew(v, old) && !lk.options.get(kind)?.has(v!)) err(field, `Not one of this site's ${kind}s`);
  };
  const knownStaff = new Set([...prev.staff.map((s) => s.staffId), ...prev.physicalInterventions.flatMap(piStaffRefs)]);
  const staffOk = (id: string) => knownStaff.has(id) || lk.staff.has(id);
  const pupilName = new Map(prev.pupils.map((p) => [p.pupilId, p]));
  const knownPupils = new Set([...pupilName.keys(), ...prev.physicalInterventions.map((pi) => pi.pupilId)]);
  const pupilOk = (id: string) => knownPupils.has(id) || lk.pupils.get(id)?.siteId === prev.siteId;

  if (input.siteId !== undefined && input.siteId !== prev.siteId) err('siteId', 'An incident stays at the site it was recorded at');
  if (input.occurredAt && Date.parse(input.occurredAt) > opts.now.getTime() + FUTURE_SKEW_MS) err('occurredAt', 'This time is in the future');
  option('location', 'locationCode', input.locationCode, prev.locationCode);
  option('period', 'periodCode', input.periodCode, prev.periodCode);
  option('motivation', 'motivationCode', input.motivationCode, prev.motivationCode);
  for (const c of input.categoryCodes ?? []) if (!prev.categoryCodes.includes(c) && !lk.categories.has(c)) err('categoryCodes', `${c} is not one of this site's categories`);
  for (const c of input.actionCodes ?? []) if (!prev.actionCodes.includes(c) && !lk.options.get('action')?.has(c)) err('actionCodes', `${c} is not one of this site's actions`);
  const dfe = dfeReasonToCheck(prev, input, opts.now);
  if (dfe && !lk.dfeReasons.has(dfe.code)) {
    err('dfeReasonCode', `${dfe.code} is not a census reason code valid on ${dfe.date.slice(8, 10)}/${dfe.date.slice(5, 7)}/${dfe.date.slice(0, 4)} (see the trust's reason codes)`);
  }

  const seen = new Set<string>();
  const pupils = input.pupils === undefined ? prev.pupils : input.pupils.map((p, n) => {
    if (seen.has(p.pupilId)) err(`pupils.${n}.pupilId`, 'This pupil is already listed');
    seen.add(p.pupilId);
    const known = pupilName.get(p.pupilId) ?? lk.pupils.get(p.pupilId);
    if (!known || (!pupilName.has(p.pupilId) && lk.pupils.get(p.pupilId)?.siteId !== prev.siteId)) err(`pupils.${n}.pupilId`, 'No such pupil at this site');
    return { pupilId: p.pupilId, displayName: known?.displayName ?? '', yearGroup: known?.yearGroup ?? 0, role: p.role };
  });
  const staffName = new Map(prev.staff.map((s) => [s.staffId, s.name]));
  seen.clear();
  const staff = input.staff === undefined ? prev.staff : input.staff.map((s, n) => {
    if (seen.has(s.staffId)) err(`staff.${n}.staffId`, 'This member of staff is already listed');
    seen.add(s.staffId);
    const name = staffName.get(s.staffId) ?? lk.staff.get(s.staffId)?.name;
    if (name === undefined) err(`staff.${n}.staffId`, 'No such member of staff in this trust');
    return { staffId: s.staffId, name: name ?? '', role: s.role };
  });

  let customValues = prev.customValues;
  if (input.customValues) {
    errors.push(...customValueErrors(input.customValues, prev.customFields));
    customValues = { ...prev.customValues };
    for (const [k, v] of Object.entries(input.customValues)) {
      if (v === null) delete customValues[k]; else customValues[k] = v as CustomValue;
    }
  }

  const techniques = lk.options.get('technique');
  const oldTechniques = new Set(prev.physicalInterventions.flatMap((pi) => pi.staffTechniques.flatMap((s) => s.techniqueCodes)));
  const pis = input.physicalInterventions === undefined ? prev.physicalInterventions : input.physicalInterventions.map((inp, n) => {
    const at = (k: string) => `physicalInterventions.${n}.${k}`;
    const base: PiState = prev.physicalInterventions[n] ?? emptyPi(opts.newId());
    if (inp.pupilId && !pupilOk(inp.pupilId)) err(at('pupilId'), 'No such pupil at this site');
    const staffSeen = new Set<string>();
    (inp.staffTechniques ?? []).forEach((s, k) => {
      if (!staffOk(s.staffId)) err(`${at('staffTechniques')}.${k}.staffId`, 'No such member of staff in this trust');
      if (staffSeen.has(s.staffId)) err(`${at('staffTechniques')}.${k}.staffId`, 'This member of staff is already listed');
      staffSeen.add(s.staffId);
      for (const c of s.techniqueCodes) if (!oldTechniques.has(c) && !techniques?.has(c)) err(`${at('staffTechniques')}.${k}.techniqueCodes`, `${c} is not one of the configured techniques`);
    });
    for (const k of ['pupilDebriefBy', 'staffDebriefBy', 'parentInformedBy'] as const) {
      const id = inp[k];
      if (id && !staffOk(id)) err(at(k), 'No such member of staff in this trust');
    }
    for (const k of ['startedAt', 'endedAt', 'parentInformedAt'] as const) {
      const v = inp[k];
      if (v && Date.parse(v) > opts.now.getTime() + FUTURE_SKEW_MS) err(at(k), 'This time is in the future');
    }
    const startedAt = time(inp.startedAt, base.startedAt);
    const endedAt = time(inp.endedAt, base.endedAt);
    const pupilId = inp.pupilId === undefined ? base.pupilId : inp.pupilId;
    const sen = pupilId && needsSen(prev.physicalInterventions[n], pupilId) ? lk.pupils.get(pupilId)?.senStatus : undefined;
    const pupilSenStatus = pupilId === null ? null : sen !== undefined && isSenStatus(sen) ? sen : base.pupilId === pupilId ? base.pupilSenStatus : null;
    return {
      id: base.id, pupilId, kind: inp.kind === undefined ? base.kind : inp.kind, pupilSenStatus, startedAt, endedAt,
      durationMinutes: durationMinutes(startedAt, endedAt),
      staffTechniques: inp.staffTechniques === undefined ? base.staffTechniques : inp.staffTechniques.map((s) => ({ staffId: s.staffId, techniqueCodes: uniq(s.techniqueCodes) })),
      reason: text(inp.reason, base.reason), deescalationTried: text(inp.deescalationTried, base.deescalationTried),
      pupilInjured: inp.pupilInjured ?? base.pupilInjured, staffInjured: inp.staffInjured ?? base.staffInjured,
      injuryNotes: text(inp.injuryNotes, base.injuryNotes), bodyMap: inp.bodyMap ?? base.bodyMap,
      medicalAttention: text(inp.medicalAttention, base.medicalAttention), supportOffered: text(inp.supportOffered, base.supportOffered),
      pupilDebriefAt: time(inp.pupilDebriefAt, base.pupilDebriefAt), pupilDebriefBy: inp.pupilDebriefBy === undefined ? base.pupilDebriefBy : inp.pupilDebriefBy,
      staffDebriefAt: time(inp.staffDebriefAt, base.staffDebriefAt), staffDebriefBy: inp.staffDebriefBy === undefined ? base.staffDebriefBy : inp.staffDebriefBy,
      parentInformedAt: time(inp.parentInformedAt, base.parentInformedAt),
      parentInformedHow: inp.parentInformedHow === undefined ? base.parentInformedHow : inp.parentInformedHow,
      parentInformedBy: inp.parentInformedBy === undefined ? base.parentInformedBy : inp.parentInformedBy,
    };
  });

  const severity = input.severity === undefined ? prev.severity : input.severity;
  const physicalIntervention = input.physicalIntervention ?? prev.physicalIntervention;
  const next: IncidentState = {
    ...prev,
    occurredAt: time(input.occurredAt, prev.occurredAt),
    locationCode: input.locationCode === undefined ? prev.locationCode : input.locationCode,
    periodCode: input.periodCode === undefined ? prev.periodCode : input.periodCode,
    severity, categoryCodes: input.categoryCodes ? uniq(input.categoryCodes) : prev.categoryCodes, pupils: [...pupils], staff: [...staff],
    antecedent: text(input.antecedent, prev.antecedent), behaviour: text(input.behaviour, prev.behaviour),
    consequence: text(input.consequence, prev.consequence),
    motivationCode: input.motivationCode === undefined ? prev.motivationCode : input.motivationCode,
    actionCodes: input.actionCodes ? uniq(input.actionCodes) : prev.actionCodes,
    dfeReasonCode: input.dfeReasonCode === undefined ? prev.dfeReasonCode : input.dfeReasonCode,
    customValues, physicalIntervention, physicalInterventions: pis,
    serious: input.severity !== undefined || input.physicalIntervention !== undefined
      ? isSerious({ severity, physicalIntervention }, seriousThreshold(lk.options.get('setting')?.get(SERIOUS_SEVERITY)))
      : prev.serious,
  };
  orderPeople(next);
  return {
    next, errors,
    changed: {
      pupils: sameMembers(prev.pupils, next.pupils, (p) => p.pupilId) === false, staff: sameMembers(prev.staff, next.staff, (p) => p.staffId) === false,
      pis: canonical(prev.physicalInterventions) !== canonical(next.physicalInterventions),
    },
  };
}
