import { z } from 'zod';
import { DATE_RANGE_MESSAGE, storableYear } from './storable.ts';

export const ZId = z.uuid();
/** ISO date (yyyy-mm-dd) as stored; the web app shows it as dd/mm/yyyy. Years 1 to 9999 (year 0 does not exist). */
export const ZIsoDate = z.iso.date().refine(storableYear, DATE_RANGE_MESSAGE);
/** A comma-separated list of site ids in a query string (?siteIds=a,b). */
export const ZSiteIdList = z.string().trim().max(4000)
  .refine((s) => s.split(',').every((x) => z.uuid().safeParse(x.trim()).success), 'A comma-separated list of site ids');
export const ZIsoDateTime = z.iso.datetime({ offset: true }).refine(storableYear, DATE_RANGE_MESSAGE);

/** What the caller may do with an object (PLT-2): the web app shows only these actions. */
export const ZAllowed = z.array(z.string()).describe('Actions the caller may take on this object');

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** For validation errors: each field (dotted path) and what is wrong with it. */
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZOk = z.object({ ok: z.literal(true) });
