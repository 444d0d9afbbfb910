/**
 * The people module owns the shared write layer for pupils, contacts, groups and staff (SPEC §3): every source
 * (an import, a form) plans its records against what Haven holds, shows the plan, and applies it in one audited
 * transaction. Scope is the caller's: a plan is always for one site the caller keeps records at. Pupils and contacts
 * kept by hand (forms, the API) use the same planners: pupil-records.*.ts.
 */
import type { TImportKind } from '@haven/contracts';
import { planContacts } from './people.contacts.ts';
import { planGroups } from './people.groups.ts';
import { planPupils } from './people.pupils.ts';
import { planStaff } from './people.staff.ts';
import type { Planner } from './people.types.ts';

export const PLANNERS: Record<TImportKind, Planner> = { pupils: planPupils, contacts: planContacts, groups: planGroups, staff: planStaff };
export type { Plan, PlanInput, Target } from './people.types.ts';
