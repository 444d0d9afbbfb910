/** The communications log (PAR-2): what was sent (or is to be sent by hand) to whom, about which record. */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { COMMUNICATION_STATUSES } from './comms-codes.ts';

export const ZCommunicationStatus = z.enum(COMMUNICATION_STATUSES);
export const ZCommunicationChannel = z.enum(['email', 'by_hand']);

export const ZCommunication = z.object({
  id: ZId,
  siteId: ZId,
  pupilId: ZId.nullable(),
  recordType: z.string(),
  recordId: ZId,
  recipientKind: z.enum(['parent', 'named']),
  recipientName: z.string(),
  recipientEmail: z.string().nullable(),
  channel: ZCommunicationChannel,
  subject: z.string(),
  body: z.string(),
  attachment: z.object({ id: ZId, filename: z.string(), sizeBytes: z.number().int() }).nullable(),
  status: ZCommunicationStatus,
  failureReason: z.string().nullable(),
  sentAt: ZIsoDateTime.nullable(),
  sentBy: z.object({ id: ZId, displayName: z.string() }).nullable(),
  createdBy: z.object({ id: ZId, displayName: z.string() }),
  createdAt: ZIsoDateTime,
  allowed: ZAllowed,
});
export type TCommunication = z.infer<typeof ZCommunication>;
export const ZCommunicationList = z.object({ items: z.array(ZCommunication) });
export const ZCommunicationListQuery = z.object({
  recordType: z.string().trim().min(1).max(60).regex(/^[a-z_]+$/, 'Not a record type'),
  recordId: z.uuid(),
});
export const ZCommunicationMarkSent = z.strictObject({
  note: z.string().trim().max(500).optional().describe('How it was sent, e.g. "posted first class"'),
  sentOn: ZIsoDate.optional().describe('The day it was posted or handed over (today when not given; never in the future)'),
});
