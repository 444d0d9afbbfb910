/** Policy rows → contract DTOs, with what the caller may do (PLT-2). */
import type { TCategory, TEscalationRule, TFormField, TFormVersion, TOption, TOptionKind, TPolarity, TRole } from '@haven/contracts';
import type { Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { entryActions } from './policy.access.ts';
import type { OptionDetails } from './policy.rules.ts';
import type { CategoryRow, FormVersionWithAuthor, OptionRow } from './policy.repo.ts';
import type { RuleRow } from './escalation.repo.ts';

const iso = (d: Date | string) => pgTimestampToIso(d);

export function presentCategory(actor: Actor, r: CategoryRow, overridden = false): TCategory {
  return {
    id: r.id, siteId: r.siteId, code: r.code, name: r.name, polarity: r.polarity as TPolarity, severity: r.severity, points: r.points,
    quickLog: r.quickLog, active: r.active, sortOrder: r.sortOrder, version: r.version, overridden, allowed: entryActions(actor, r.siteId),
  };
}

/**
 * The known details of an option, whatever was stored (seeded or imported data may hold more, or numbers where text
 * is expected): start/end and level as text, value as a scalar.
 */
export function readDetails(raw: unknown): OptionDetails {
  const d = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
  const out: OptionDetails = {};
  const start = text(d.start); const end = text(d.end); const level = text(d.level);
  if (start) out.start = start;
  if (end) out.end = end;
  if (level) out.level = level;
  if (typeof d.value === 'number' || typeof d.value === 'string' || typeof d.value === 'boolean') out.value = d.value;
  return out;
}

export function presentOption(actor: Actor, r: OptionRow, overridden = false): TOption {
  return {
    id: r.id, siteId: r.siteId, kind: r.kind as TOptionKind, code: r.code, label: r.label, details: readDetails(r.details),
    active: r.active, sortOrder: r.sortOrder, version: r.version, overridden, allowed: entryActions(actor, r.siteId),
  };
}

/** Stored fields are trusted only as far as their shape: anything unreadable is left out rather than failing the page. */
export function readFields(raw: unknown): TFormField[] {
  if (!Array.isArray(raw)) return [];
  const out: TFormField[] = [];
  for (const f of raw as Record<string, unknown>[]) {
    if (!f || typeof f.key !== 'string' || typeof f.label !== 'string') continue;
    const type = f.type === 'choice' || f.type === 'yes_no' || f.type === 'date' ? f.type : 'text';
    out.push({
      key: f.key, label: f.label, type, required: f.required === true,
      ...(type === 'choice' && Array.isArray(f.options) ? { options: f.options.filter((o): o is string => typeof o === 'string') } : {}),
      ...(typeof f.help === 'string' && f.help ? { help: f.help } : {}),
    });
  }
  return out;
}

export function presentFormVersion(r: FormVersionWithAuthor): TFormVersion {
  return {
    id: r.id, siteId: r.siteId, version: r.version, fields: readFields(r.fields), createdAt: iso(r.createdAt),
    createdBy: r.createdBy ? { id: r.createdBy, name: r.createdByName ?? 'Unknown user' } : null,
  };
}

/** A stored rule's fields, read defensively (codes as strings only; an unknown measure counts). */
export function ruleFields(r: RuleRow): Omit<TEscalationRule, 'allowed'> {
  return {
    id: r.id, siteId: r.siteId, name: r.name, measure: r.measure === 'points' ? 'points' : 'count',
    categoryCodes: Array.isArray(r.categoryCodes) ? (r.categoryCodes as unknown[]).filter((c): c is string => typeof c === 'string') : [],
    polarity: r.polarity as TPolarity, threshold: r.threshold, periodDays: r.periodDays, notifyRole: r.notifyRole as TRole,
    taskTitle: r.taskTitle, suggestion: r.suggestion, suggestInterventionTypeId: r.suggestInterventionTypeId, active: r.active, version: r.version,
  };
}

export function presentRule(actor: Actor, r: RuleRow): TEscalationRule {
  return { ...ruleFields(r), allowed: entryActions(actor, r.siteId) };
}
