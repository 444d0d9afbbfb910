/**
 * Child-protection file transfers (DAT-4, the transfer half of LAW-11): the DSL of a leaving pupil's site builds an
 * encrypted pack of the sealed safeguarding records for the receiving school's DSL, releases it through a one-time
 * link or a download, and records the receipt. Everything here but the public link's calls is for that DSL only.
 */
import { z } from 'zod';
import { ZAllowed, ZId, ZIsoDate, ZIsoDateTime } from './common.ts';
import { CP_TRANSFER_STATUSES } from './cp-transfers-codes.ts';

const text = (max: number) => z.string().trim().max(max).refine((v) => !v.includes('\u0000'), 'Contains a character that is not allowed');

export const ZCpTransferStatus = z.enum(CP_TRANSFER_STATUSES);

export const ZCpTransferCreate = z.object({
  pupilId: ZId,
  leavingDate: ZIsoDate.optional().describe("The pupil's last day; required when the pupil record has no leaving date"),
  receivingSchool: text(200).pipe(z.string().min(1, 'Enter the receiving school')),
  receivingDslName: text(200).pipe(z.string().min(1, "Enter the receiving school's designated safeguarding lead")),
  receivingDslEmail: z.string().trim().max(254).pipe(z.email('Enter a valid email address')),
});
export type TCpTransferCreate = z.infer<typeof ZCpTransferCreate>;

export const ZCpTransferPack = z.object({
  /** Concerns to include: all of the pupil's concerns when left out. */
  concernIds: z.array(ZId).max(2000).optional(),
  /** Attachments to include: all of the chosen concerns' documents when left out. */
  attachmentIds: z.array(ZId).max(2000).optional(),
  includeChronology: z.boolean().default(true),
  method: z.enum(['passphrase', 'public_key']),
  /** Your own passphrase (at least 16 characters); when left out Haven makes one and shows it once. */
  passphrase: z.string().min(16, 'Use at least 16 characters').max(200).optional(),
  /** The receiving DSL's armoured OpenPGP public key (method public_key). */
  publicKey: z.string().max(100_000).optional(),
});
export type TCpTransferPack = z.infer<typeof ZCpTransferPack>;

export const ZCpTransferReceipt = z.object({
  receivedOn: ZIsoDate,
  receivedByName: text(200).pipe(z.string().min(1, 'Enter who confirmed the receipt')),
});

export const ZCpTransfer = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  pupil: z.object({ id: ZId, displayName: z.string() }),
  status: ZCpTransferStatus,
  leavingDate: ZIsoDate,
  leavingDateSource: z.enum(['pupil_record', 'entered']),
  dueOn: ZIsoDate.nullable().describe('5 school days after the leaving date; null while the calendar does not reach it'),
  overdue: z.boolean(),
  receivingSchool: z.string(),
  receivingDslName: z.string(),
  receivingDslEmail: z.string(),
  createdBy: z.string(),
  createdAt: ZIsoDateTime,
  pack: z.object({
    packedAt: ZIsoDateTime, packedBy: z.string(), encryption: z.enum(['passphrase', 'public_key']), keyFingerprint: z.string().nullable(),
    filename: z.string(), sizeBytes: z.number().int(), sha256: z.string(),
    concerns: z.number().int(), attachments: z.number().int(), chronology: z.boolean(),
  }).nullable(),
  sent: z.object({ via: z.enum(['link', 'download']), at: ZIsoDateTime, by: z.string() }).nullable(),
  link: z.object({ expiresAt: ZIsoDateTime, downloadedAt: ZIsoDateTime.nullable() }).nullable(),
  receipt: z.object({ receivedOn: ZIsoDate, receivedByName: z.string(), via: z.enum(['link', 'recorded']) }).nullable(),
  version: z.number().int(),
  allowed: ZAllowed,
});
export type TCpTransfer = z.infer<typeof ZCpTransfer>;

/** What can go in the pack: the pupil's sealed records (no text: the categories and dates to choose by). */
export const ZCpTransferSources = z.object({
  concerns: z.array(z.object({ id: ZId, raisedAt: ZIsoDateTime, category: z.string(), status: z.string() })),
  attachments: z.array(z.object({ id: ZId, concernId: ZId, filename: z.string(), sizeBytes: z.number().int() })),
  sealedFacts: z.object({ childInNeed: z.boolean(), childProtectionPlan: z.boolean() }),
});

export const ZCpTransfersOfPupil = z.object({
  pupil: z.object({ id: ZId, displayName: z.string(), siteId: ZId, leavingDate: ZIsoDate.nullable() }),
  items: z.array(ZCpTransfer),
  sources: ZCpTransferSources,
});

export const ZCpTransferPacked = z.object({
  transfer: ZCpTransfer,
  /** Haven's passphrase, shown this once and never stored; null when you chose it or used a key. */
  passphrase: z.string().nullable(),
});

export const ZCpTransferLink = z.object({
  transfer: ZCpTransfer,
  /** The address to send the receiving DSL (shown once; only a hash of its token is kept). */
  url: z.string(),
  expiresAt: ZIsoDateTime,
});

/** The public link's calls: the token goes in the body, never in an address. */
export const ZCpLinkToken = z.object({ token: z.string().min(10).max(200) });
export const ZCpLinkReceipt = ZCpLinkToken.extend({
  receivedByName: text(200).pipe(z.string().min(1, 'Enter your name')),
});
export const ZCpLinkInfo = z.object({
  fromSchool: z.string(),
  toSchool: z.string(),
  filename: z.string(),
  sizeBytes: z.number().int(),
  encryption: z.enum(['passphrase', 'public_key']),
  expiresAt: ZIsoDateTime,
  downloaded: z.boolean(),
  receiptConfirmed: z.boolean(),
});
export type TCpLinkInfo = z.infer<typeof ZCpLinkInfo>;
