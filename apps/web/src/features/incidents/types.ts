/** Incident API body types, derived from the shared contracts (type-only: no schema code reaches the bundle). */
import type {
  ZAttachment, ZAttachmentList, ZIncident, ZIncidentHistory, ZIncidentInput, ZIncidentList, ZIncidentListItem,
  ZIncidentUpdate, ZIncidentVersion, ZParentContact, ZParentContactInput, ZPhysicalIntervention,
  ZPhysicalInterventionInput, ZParentCopy, ZParentCopyList, ZPostIncidentReview, ZPostIncidentReviewInput, ZReviewQueue, ZReviewQueueItem,
} from '@haven/contracts';

type Out<S extends { parse: (x: unknown) => unknown }> = ReturnType<S['parse']>;

export type { TBodyMapMark, TIncidentStatus } from '@haven/contracts';
export type TIncident = Out<typeof ZIncident>;
export type TIncidentInput = Out<typeof ZIncidentInput>;
export type TIncidentUpdate = Out<typeof ZIncidentUpdate>;
export type TIncidentList = Out<typeof ZIncidentList>;
export type TIncidentListItem = Out<typeof ZIncidentListItem>;
export type TPhysicalIntervention = Out<typeof ZPhysicalIntervention>;
export type TPhysicalInterventionInput = Out<typeof ZPhysicalInterventionInput>;
export type TIncidentHistory = Out<typeof ZIncidentHistory>;
export type TIncidentVersion = Out<typeof ZIncidentVersion>;
export type TReviewQueue = Out<typeof ZReviewQueue>;
export type TReviewQueueItem = Out<typeof ZReviewQueueItem>;
export type TPostIncidentReview = Out<typeof ZPostIncidentReview>;
export type TPostIncidentReviewInput = Out<typeof ZPostIncidentReviewInput>;
export type TAttachment = Out<typeof ZAttachment>;
export type TAttachmentList = Out<typeof ZAttachmentList>;
export type TParentContact = Out<typeof ZParentContact>;
export type TParentCopy = Out<typeof ZParentCopy>;
export type TParentCopyList = Out<typeof ZParentCopyList>;
export type TParentContactInput = Out<typeof ZParentContactInput>;
export type TPupilRole = TIncident['pupils'][number]['role'];
export type TStaffRole = TIncident['staff'][number]['role'];
export type TCustomField = TIncident['customFields'][number];
export type TParentInformedHow = NonNullable<TPhysicalInterventionInput['parentInformedHow']>;
