/**
 * API body types, derived from the shared contracts (type-only imports: no schema code reaches the bundle).
 */
import type {
  ZApiToken, ZApiTokenCreate, ZApiTokenCreated, ZAuditEntry, ZAuditList, ZContact, ZMe, ZParentChild,
  ZParentChildren, ZPupilList, ZPupilProfile, ZSite, ZSiteCreate, ZSiteList, ZSiteUpdate, ZUser, ZUserCreate,
  ZUserList, ZUserUpdate, ZAssignmentInput, ZLoginResult,
  ZInvitation, ZInvitationCheck, ZPortalAccessList, ZStaffInvite, ZAgencyShare, ZAgencyShareList, ZSharedIncident,
} from '@haven/contracts';

type Out<S extends { parse: (x: unknown) => unknown }> = ReturnType<S['parse']>;

export type { TRole, TSiteKind, TSenStatus, TRoleAssignment, TPupilListItem } from '@haven/contracts';
export type TMe = Out<typeof ZMe>;
export type TLoginResult = Out<typeof ZLoginResult>;
export type TPupilList = Out<typeof ZPupilList>;
export type TPupilProfile = Out<typeof ZPupilProfile>;
export type TContact = Out<typeof ZContact>;
export type TParentChild = Out<typeof ZParentChild>;
export type TParentChildren = Out<typeof ZParentChildren>;
export type TSite = Out<typeof ZSite>;
export type TSiteList = Out<typeof ZSiteList>;
export type TSiteCreate = Out<typeof ZSiteCreate>;
export type TSiteUpdate = Out<typeof ZSiteUpdate>;
export type TUser = Out<typeof ZUser>;
export type TUserList = Out<typeof ZUserList>;
export type TUserCreate = Out<typeof ZUserCreate>;
export type TUserUpdate = Out<typeof ZUserUpdate>;
export type TAssignmentInput = Out<typeof ZAssignmentInput>;
export type TAuditEntry = Out<typeof ZAuditEntry>;
export type TAuditList = Out<typeof ZAuditList>;
export type TApiToken = Out<typeof ZApiToken>;
export type TApiTokenCreate = Out<typeof ZApiTokenCreate>;
export type TApiTokenCreated = Out<typeof ZApiTokenCreated>;
export type TPhase = TSite['phase'];
export type TPrimaryNeed = NonNullable<TPupilProfile['primaryNeed']>;
export type TInvitation = Out<typeof ZInvitation>;
export type TInvitationCheck = Out<typeof ZInvitationCheck>;
export type TPortalAccessList = Out<typeof ZPortalAccessList>;
export type TStaffInvite = Out<typeof ZStaffInvite>;
export type TAgencyShare = Out<typeof ZAgencyShare>;
export type TAgencyShareList = Out<typeof ZAgencyShareList>;
export type TSharedIncident = Out<typeof ZSharedIncident>;
