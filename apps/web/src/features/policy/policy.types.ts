/**
 * API body types of the behaviour policy, derived from the shared contracts (type-only: no schema code in the bundle).
 * Request bodies use the parsed shape, so the forms send every field explicitly (no server defaults relied on).
 */
import type {
  ZCategory, ZCategoryCreate, ZCategoryList, ZCategoryUpdate, ZEscalationRule, ZEscalationRuleCreate, ZEscalationRuleList,
  ZEscalationRuleUpdate, ZFormCurrent, ZFormField, ZFormPut, ZFormVersion, ZOption, ZOptionCreate, ZOptionList, ZOptionUpdate,
} from '@haven/contracts';

type Out<S extends { parse: (x: unknown) => unknown }> = ReturnType<S['parse']>;

export type { TOptionKind, TPolarity, TFormFieldType, TRole } from '@haven/contracts';
export type TCategory = Out<typeof ZCategory>;
export type TCategoryList = Out<typeof ZCategoryList>;
export type TCategoryCreate = Out<typeof ZCategoryCreate>;
export type TCategoryUpdate = Out<typeof ZCategoryUpdate>;
export type TOption = Out<typeof ZOption>;
export type TOptionList = Out<typeof ZOptionList>;
export type TOptionCreate = Out<typeof ZOptionCreate>;
export type TOptionUpdate = Out<typeof ZOptionUpdate>;
export type TFormField = Out<typeof ZFormField>;
export type TFormCurrent = Out<typeof ZFormCurrent>;
export type TFormVersion = Out<typeof ZFormVersion>;
export type TFormPut = Out<typeof ZFormPut>;
export type TEscalationRule = Out<typeof ZEscalationRule>;
export type TEscalationRuleList = Out<typeof ZEscalationRuleList>;
export type TEscalationRuleCreate = Out<typeof ZEscalationRuleCreate>;
export type TEscalationRuleUpdate = Out<typeof ZEscalationRuleUpdate>;

/** Where the page is working: one site, or the trust-wide policy (siteId null). */
export interface PolicyScope { siteId: string | null }
