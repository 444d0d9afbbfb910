/** Transfer rows → DTOs, for a DSL of the transfer's site (the service has checked). No sealed record's text. */
import type { TCpTransfer } from '@haven/contracts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { TransferRow } from './cp-transfer.repo.ts';
import { isOverdue } from './cp-transfer.rules.ts';

const ACTIONS: Record<string, Permission> = { manage: 'safeguarding.transfer' };
const iso = (v: Date | string | null) => (v === null ? null : pgTimestampToIso(v));

export interface PackContents { concernIds: string[]; attachmentIds: string[]; includeChronology: boolean }

export function presentTransfer(actor: Actor, r: TransferRow, today: string): TCpTransfer {
  const t = r.t;
  const contents = t.packContents as PackContents | null;
  const manage = allowedActions(actor, t, ACTIONS).length > 0;
  const allowed = !manage ? [] : [
    ...(t.status === 'draft' || t.status === 'packed' ? ['pack'] : []),
    ...(t.status !== 'draft' && t.status !== 'received' ? ['download', 'link'] : []),
    ...(t.status === 'sent' ? ['receipt'] : []),
  ];
  return {
    id: t.id, siteId: t.siteId, siteName: r.siteName, pupil: { id: t.pupilId, displayName: displayName(r) },
    status: t.status as TCpTransfer['status'], leavingDate: t.leavingDate, leavingDateSource: t.leavingDateSource as TCpTransfer['leavingDateSource'],
    dueOn: t.dueOn, overdue: isOverdue(t, today),
    receivingSchool: t.receivingSchool, receivingDslName: t.receivingDslName, receivingDslEmail: t.receivingDslEmail,
    createdBy: r.creatorName, createdAt: pgTimestampToIso(t.createdAt),
    pack: t.packedAt && contents && r.packFilename ? {
      packedAt: pgTimestampToIso(t.packedAt), packedBy: r.packerName ?? '', encryption: t.encryption as 'passphrase', keyFingerprint: t.keyFingerprint,
      filename: r.packFilename, sizeBytes: r.packSize ?? 0, sha256: r.packSha256 ?? '',
      concerns: contents.concernIds.length, attachments: contents.attachmentIds.length, chronology: contents.includeChronology,
    } : null,
    sent: t.sentAt && t.sentVia ? { via: t.sentVia as 'link', at: pgTimestampToIso(t.sentAt), by: r.senderName ?? '' } : null,
    link: t.linkExpiresAt ? { expiresAt: pgTimestampToIso(t.linkExpiresAt), downloadedAt: iso(t.linkDownloadedAt) } : null,
    receipt: t.receivedOn && t.receivedByName ? { receivedOn: t.receivedOn, receivedByName: t.receivedByName, via: t.receiptVia as 'link' } : null,
    version: t.version, allowed,
  };
}
