/**
 * Exports (ANA-7, DAT): any list can be downloaded as CSV or XLSX by adding `?format=csv|xlsx` to its URL. The
 * column specs below are the one description of each file's columns, shared by the server (which writes the file)
 * and the web app (which offers the download).
 */
import { z } from 'zod';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS).describe('Download the whole list (every page) as a CSV or XLSX file instead of JSON');
export type TExportFormat = z.infer<typeof ZExportFormat>;
export const ZExportQuery = z.object({ format: ZExportFormat.optional() });

/** text | number | date (a calendar day) | datetime (shown in Europe/London) | boolean (Yes/No). */
export type TExportColumnType = 'text' | 'number' | 'date' | 'datetime' | 'boolean';
export interface TExportColumn<K extends string = string> { key: K; header: string; type: TExportColumnType }

const col = <K extends string>(key: K, header: string, type: TExportColumnType = 'text'): TExportColumn<K> => ({ key, header, type });

/** Everything a behaviour manager analyses, as labels (the site's names for categories, locations, periods and actions). */
export const INCIDENT_EXPORT_COLUMNS = [
  col('occurredAt', 'Happened', 'datetime'), col('siteName', 'Site'), col('pupils', 'Pupils'), col('status', 'Status'),
  col('voided', 'Voided', 'boolean'), col('severity', 'Severity'), col('categories', 'Categories'),
  col('location', 'Location'), col('period', 'Lesson or period'), col('antecedent', 'What happened before'),
  col('behaviour', 'What happened'), col('consequence', 'What happened after'), col('motivation', 'Perceived motivation'),
  col('actions', 'Actions taken'), col('staff', 'Staff involved'),
  col('physicalIntervention', 'Physical intervention', 'boolean'), col('recordedBy', 'Recorded by'), col('updatedAt', 'Last changed', 'datetime'),
  col('id', 'Record id'),
] as const;

export const REVIEW_QUEUE_EXPORT_COLUMNS = [
  col('submittedAt', 'Submitted', 'datetime'), col('ageHours', 'Waiting (hours)', 'number'), col('overdue', 'Overdue', 'boolean'),
  col('occurredAt', 'Happened', 'datetime'), col('siteName', 'Site'), col('pupils', 'Pupils'), col('severity', 'Severity'),
  col('categories', 'Categories'), col('summary', 'What happened (start)'), col('physicalIntervention', 'Physical intervention', 'boolean'),
  col('parentNotInformedSameDay', 'Parent not told the same day', 'boolean'),
  col('parentCopyOutstanding', "Parent's copy of the record not yet sent", 'boolean'), col('parentCopyWithheld', "Parent's copy of the record withheld", 'boolean'),
  col('uncertifiedHold', 'Hold used without a valid certificate', 'boolean'),
  col('resubmitted', 'Resubmitted', 'boolean'), col('unapprovedHold', 'Hold not in the plan', 'boolean'), col('recordedBy', 'Recorded by'), col('id', 'Record id'),
] as const;

export const PUPIL_EXPORT_COLUMNS = [
  col('upn', 'UPN'), col('legalSurname', 'Legal surname'), col('legalForename', 'Legal forename'), col('displayName', 'Known as'),
  col('yearGroup', 'Year group', 'number'), col('formName', 'Form'), col('siteName', 'Site'),
] as const;

export const AUDIT_EXPORT_COLUMNS = [
  col('seq', 'Position', 'number'), col('at', 'When', 'datetime'), col('actorLabel', 'Who'), col('ip', 'From address'),
  col('action', 'Action'), col('entityType', 'Record type'), col('entityId', 'Record id'), col('siteId', 'Site id'), col('details', 'Details'),
] as const;

export const TREND_ALERT_EXPORT_COLUMNS = [
  col('createdAt', 'Raised', 'datetime'), col('siteName', 'Site'), col('subject', 'About'), col('pupil', 'Pupil'), col('yearGroup', 'Year group', 'number'),
  col('measure', 'Measure'), col('previousFrom', 'Earlier period from', 'date'), col('previousTo', 'Earlier period to', 'date'),
  col('previousCount', 'Earlier count', 'number'), col('previousRate', 'Earlier rate', 'number'), col('currentFrom', 'Latest period from', 'date'),
  col('currentTo', 'Latest period to', 'date'), col('currentCount', 'Latest count', 'number'), col('currentRate', 'Latest rate', 'number'),
  col('rateUnit', 'Rate per'), col('risePercent', 'Rise (%)', 'number'), col('taskStatus', 'Task'), col('id', 'Alert id'),
] as const;

/** Largest export in one file; a longer list must be narrowed with filters. */
export const EXPORT_MAX_ROWS = 50_000;
