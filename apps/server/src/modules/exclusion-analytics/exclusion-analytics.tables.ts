/**
 * The exclusions (ANA-4) and pupil-group (ANA-2) tables as files (ANA-7, `?format=&table=`), built from the same
 * presented figures as the JSON, so suppressed alike: "fewer than 5", "withheld", and empty for "n/a".
 */
import { GROUP_MEASURE_LABELS, type TExclusionStats, type TExclusionStatsQuery, type TExportColumn, type TGroupComparison } from '@haven/contracts';
import { countCell, rateCell, valueCell, type FigureCell } from '../../core/export/figures.ts';

type Row = Record<string, FigureCell>;
export interface FileTable { title: string; columns: TExportColumn[]; rows: Row[] }

const text = (key: string, header: string): TExportColumn => ({ key, header, type: 'text' });
const num = (key: string, header: string): TExportColumn => ({ key, header, type: 'number' });
const PER_DAY = 'per 100 pupils per school day';

export function exclusionTable(s: TExclusionStats, table: TExclusionStatsQuery['table']): FileTable {
  switch (table) {
    case 'summary':
      return {
        title: 'Exclusions',
        columns: [
          text('sites', 'Sites'), num('headcount', 'Pupils on roll'), num('pupilDays', 'Pupil-days'),
          num('suspensions', 'Suspensions'), num('suspensionsRate', `Suspensions ${PER_DAY}`), num('lunchtime', 'Lunchtime suspensions'),
          num('lunchtimeRate', `Lunchtime suspensions ${PER_DAY}`), num('permanent', 'Permanent exclusions'), num('permanentPerDay', `Permanent exclusions ${PER_DAY}`),
          num('pupilsSuspended', 'Pupils suspended'), num('repeatPupils', 'Pupils suspended twice or more'), num('daysLost', 'Days lost'),
          num('pupilsAt35', 'Pupils at 35 or more days this academic year'), num('suspensionRate', 'Suspension rate (DfE, per 100 pupils on roll)'),
          num('permanentRate', 'Permanent exclusion rate (DfE, per 100 pupils on roll)'), num('board', 'Deadlines open: governing board decisions'),
          num('provision', 'Deadlines open: education from the sixth day'), num('notifications', 'Deadlines open: notifications to send'), num('overdue', 'Deadlines overdue'),
        ],
        rows: [{
          sites: s.sites.map((x) => x.name).join('; '), headcount: s.headcount, pupilDays: s.pupilDays,
          suspensions: countCell(s.suspensions), suspensionsRate: rateCell(s.suspensions.rate, s.suspensions.rateNote),
          lunchtime: countCell(s.lunchtime), lunchtimeRate: rateCell(s.lunchtime.rate, s.lunchtime.rateNote),
          permanent: countCell(s.permanent), permanentPerDay: rateCell(s.permanent.rate, s.permanent.rateNote),
          pupilsSuspended: countCell(s.pupilsSuspended), repeatPupils: countCell(s.repeatPupils), daysLost: valueCell(s.daysLost.value, s.daysLost.note),
          pupilsAt35: countCell(s.pupilsAt35), suspensionRate: rateCell(s.suspensionRate.value, s.suspensionRate.note),
          permanentRate: rateCell(s.permanentRate.value, s.permanentRate.note), board: countCell(s.deadlinesDue.board),
          provision: countCell(s.deadlinesDue.provision), notifications: countCell(s.deadlinesDue.notifications), overdue: countCell(s.deadlinesDue.overdue),
        }],
      };
    case 'rates': {
      const years = s.national.filter((n) => n.measure === 'suspension').map((n) => n.year);
      return {
        title: 'DfE rates',
        columns: [text('rate', 'Rate (per 100 pupils on roll)'), num('ours', 'Ours'), ...years.map((y) => num(`england:${y}`, `England ${y}`)), text('source', 'Source for England')],
        rows: (['suspension', 'permanent'] as const).map((m) => ({
          rate: m === 'suspension' ? 'Suspension rate' : 'Permanent exclusion rate',
          ours: m === 'suspension' ? rateCell(s.suspensionRate.value, s.suspensionRate.note) : rateCell(s.permanentRate.value, s.permanentRate.note),
          ...Object.fromEntries(years.map((y) => [`england:${y}`, s.national.find((n) => n.measure === m && n.year === y)?.rate ?? null])),
          source: s.national[0]?.source ?? null,
        })),
      };
    }
    case 'reasons':
      return {
        title: 'Exclusion reasons',
        columns: [text('code', 'Code'), text('label', 'Reason'), num('suspensions', 'Suspensions'), num('permanent', 'Permanent exclusions')],
        rows: s.reasons.map((r) => ({ code: r.code, label: r.label, suspensions: countCell(r.suspensions), permanent: countCell(r.permanent) })),
      };
    case 'sites':
      return {
        title: 'Exclusions by site',
        columns: [text('site', 'Site'), num('headcount', 'Pupils on roll'), num('suspensions', 'Suspensions'), num('permanent', 'Permanent exclusions'),
          num('daysLost', 'Days lost'), num('suspensionRate', 'Suspension rate (DfE, per 100 pupils on roll)')],
        rows: s.bySite.map((x) => ({
          site: x.siteName, headcount: x.headcount, suspensions: countCell(x.suspensions), permanent: countCell(x.permanent),
          daysLost: x.daysLost === null ? 'withheld' : valueCell(x.daysLost, null), suspensionRate: rateCell(x.suspensionRate.value, x.suspensionRate.note),
        })),
      };
  }
}

export function groupTable(g: TGroupComparison): FileTable {
  const what = GROUP_MEASURE_LABELS[g.measure];
  return {
    title: `Pupil groups: ${what}`,
    columns: [
      text('group', 'Group code'), text('label', 'Group'), num('pupils', 'Pupils'), num('pupilDays', 'Pupil-days'), num('count', what),
      num('rate', `${what} ${PER_DAY}`), num('rateRatio', 'Rate ratio (against all other pupils)'), num('pupilsWithEvent', 'Pupils with at least one'),
      num('riskIndex', 'Risk index (% of the group with at least one)'), num('riskRatio', 'Risk ratio (against all other pupils)'),
    ],
    rows: g.rows.map((r) => ({
      group: r.group, label: r.label, pupils: countCell(r.pupils), pupilDays: r.pupilDays, count: countCell(r.count), rate: rateCell(r.count.rate, r.count.rateNote),
      rateRatio: valueCell(r.rateRatio.value, r.rateRatio.note, 2), pupilsWithEvent: countCell(r.pupilsWithEvent),
      riskIndex: valueCell(r.riskIndex.value, r.riskIndex.note, 1), riskRatio: valueCell(r.riskRatio.value, r.riskRatio.note, 2),
    })),
  };
}
