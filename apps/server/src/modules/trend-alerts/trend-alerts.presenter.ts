/** Trend-alert rows and settings as the API gives them. */
import type { TAlertSettingsScope, TTrendAlert, TTrendAlertMeasure } from '@haven/contracts';
import { addDays } from '../../core/calendar/calendar.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { AlertRow, SettingsRecord } from './trend-alerts.repo.ts';
import { effectiveSettings, risePercent } from './trend-alerts.rules.ts';
import { rateUnit } from './trend-alerts.text.ts';

/** One scope (the trust's: siteId null) with the values in force there and where they come from. */
export function presentScope(rows: readonly SettingsRecord[], siteId: string | null, siteName: string | null, mayUpdate: boolean): TAlertSettingsScope {
  const own = rows.find((r) => r.siteId === siteId);
  // the trust scope's values are its own row's or the defaults; a site's are its own, else the trust's, else the defaults
  const eff = siteId === null ? effectiveSettings(rows.filter((r) => r.siteId === null), '') : effectiveSettings(rows, siteId);
  const source = siteId === null ? (own ? 'trust' : 'default') : eff.source;
  return {
    siteId, siteName, ...eff.values, source,
    version: own?.version ?? 0,
    updatedAt: own ? pgTimestampToIso(own.updatedAt) : null,
    updatedBy: own ? own.updatedByName : null,
    allowed: mayUpdate ? (siteId !== null && own ? ['update', 'reset'] : ['update']) : [],
  };
}

export function presentAlert(r: AlertRow): TTrendAlert {
  const a = r.alert;
  const subject = a.subject === 'pupil' ? 'pupil' as const : 'site' as const;
  return {
    id: a.id, siteId: a.siteId, siteName: r.siteName, subject,
    pupil: a.pupilId && r.pupilForename !== null && r.pupilSurname !== null
      ? { id: a.pupilId, name: displayName({ legalForename: r.pupilForename, legalSurname: r.pupilSurname, preferredForename: r.pupilPreferredForename, preferredSurname: r.pupilPreferredSurname }), yearGroup: r.pupilYearGroup ?? 0 }
      : null,
    measure: a.measure as TTrendAlertMeasure,
    previousFrom: a.previousFrom, previousTo: addDays(a.currentFrom, -1), currentFrom: a.currentFrom, currentTo: a.currentTo,
    previousCount: a.previousCount, currentCount: a.currentCount, previousRate: a.previousRate, currentRate: a.currentRate,
    rateUnit: rateUnit(subject), risePercent: risePercent(a.previousRate, a.currentRate),
    task: a.taskId && r.taskStatus ? { id: a.taskId, status: r.taskStatus } : null,
    createdAt: pgTimestampToIso(a.createdAt),
  };
}
