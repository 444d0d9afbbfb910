/** The shared enumerations as schemas (their codes and words are in enums-codes.ts, which has no zod). */
import { z } from 'zod';
import { GROUP_KINDS, PHASES, PRIMARY_NEEDS, ROLES, SEN_STATUSES, SEXES, SITE_KINDS } from './enums-codes.ts';

export const ZRole = z.enum(ROLES);
export const ZSiteKind = z.enum(SITE_KINDS);
export const ZPhase = z.enum(PHASES);
export const ZSenStatus = z.enum(SEN_STATUSES);
export const ZPrimaryNeed = z.enum(PRIMARY_NEEDS);
export const ZSex = z.enum(SEXES);
/** National curriculum year groups: R is reception, 0 nursery; 12 and 13 sixth form; 14 for post-19 provision. */
export const ZNcYear = z.number().int().min(-1).max(14);
export const ZGroupKind = z.enum(GROUP_KINDS);
