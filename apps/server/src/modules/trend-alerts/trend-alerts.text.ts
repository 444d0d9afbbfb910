/**
 * The words of a trend alert's notification and task (pure). A pupil is named only when the caller says the
 * recipient may read that pupil's behaviour; the counts and rates are the alert's own figures, never sealed content.
 */
import { TREND_ALERT_MEASURE_LABELS, type TTrendAlertMeasure } from '@haven/contracts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { risePercent, type Subject } from './trend-alerts.rules.ts';

export interface AlertFigures {
  subject: Subject;
  measure: TTrendAlertMeasure;
  previousFrom: string; previousTo: string; currentFrom: string; currentTo: string;
  previousCount: number; currentCount: number;
  previousRate: number | null; currentRate: number | null;
}

export const rateUnit = (subject: Subject) => (subject === 'site' ? 'per 100 pupils per school day' as const : 'per school day' as const);

const label = (m: TTrendAlertMeasure) => TREND_ALERT_MEASURE_LABELS[m].toLowerCase();

function rateText(rate: number | null, subject: Subject): string {
  return rate === null ? 'no rate' : `${rate.toFixed(2)} ${rateUnit(subject)}`;
}

export interface AlertText { title: string; body: string; taskTitle: string; taskDetail: string; suggestion: string }

/** `pupilName`: the pupil's name for a recipient who may read their behaviour, else null ("a pupil"). */
export function alertText(a: AlertFigures, periodDays: number, siteName: string, pupilName: string | null): AlertText {
  const what = label(a.measure);
  const rise = risePercent(a.previousRate, a.currentRate);
  const title = a.subject === 'site' ? `Trend alert: ${what} rising at ${siteName}`
    : pupilName ? `Trend alert: ${what} rising for ${pupilName} (${siteName})` : `Trend alert: a pupil's ${what} rising at ${siteName}`;
  const body = `${a.currentCount} in the last ${periodDays} school days (${formatUkDate(a.currentFrom)} to ${formatUkDate(a.currentTo)}): ${rateText(a.currentRate, a.subject)}. `
    + `${a.previousCount} in the ${periodDays} school days before (${formatUkDate(a.previousFrom)} to ${formatUkDate(a.previousTo)}): ${rateText(a.previousRate, a.subject)}. `
    + (rise === null ? 'None before.' : `Up ${Math.round(rise)}%.`);
  return {
    title, body,
    taskTitle: a.subject === 'site' ? `Review rising ${what} at ${siteName}` : `Review a pupil's rising ${what}`,
    taskDetail: body,
    suggestion: a.subject === 'site'
      ? 'Look at where, when and in which categories the rise happened on the analytics page, and plan a response with the senior team.'
      : "Read the pupil's recent records, speak to the people who work with them, and consider reviewing their support plan.",
  };
}
