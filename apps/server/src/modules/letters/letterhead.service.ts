/**
 * A site's letterhead: its address and contact details (audited with what changed) and its crest. The crest is
 * checked and re-encoded exactly like a photo (modules/photos: decoded and written again by sharp, metadata and
 * anything hidden dropped), and kept in the attachments store, so the backup carries it.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TLetterhead, ZLetterheadUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { diff } from '../../core/audit/diff.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { discard, putFile } from '../../core/files/store.ts';
import { allowedActions, can, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import type { Executor } from '../../core/db/client.ts';
import { prepareOrRefuse } from '../photos/photos.service.ts';
import { letterheadFor } from './letters.compose.ts';
import * as repo from './letters.repo.ts';

const PERMISSION = 'letter.template.manage';
const FIELDS = ['address', 'phone', 'email', 'website'] as const;

function authorise(actor: Actor, siteId: string): void {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, PERMISSION, { trustId: actor.trustId, siteId })) throw forbidden('You do not manage the letters of that site.');
}

async function present(db: Executor, actor: Actor, siteId: string): Promise<TLetterhead> {
  const l = (await repo.letterheadOf(db, siteId))!;
  return {
    siteId, schoolName: l.site.name, address: l.head?.address ?? null, phone: l.head?.phone ?? null, email: l.head?.email ?? null,
    website: l.head?.website ?? null, hasCrest: !!l.crest, version: l.head?.version ?? 0,
    allowed: allowedActions(actor, { trustId: actor.trustId, siteId }, { edit: PERMISSION }),
  };
}

export async function get(deps: Deps, actor: Actor, siteId: string): Promise<TLetterhead> {
  authorise(actor, siteId);
  return present(deps.database.db, actor, siteId);
}

export async function save(deps: Deps, actor: Actor, ctx: AuditContext, siteId: string, body: z.infer<typeof ZLetterheadUpdate>): Promise<TLetterhead> {
  authorise(actor, siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = (await repo.letterheadOf(tx, siteId))!.head;
    if ((before?.version ?? 0) !== body.version) throw staleVersion('letterhead');
    const fields = { address: body.address || null, phone: body.phone || null, email: body.email || null, website: body.website || null };
    await repo.upsertLetterhead(tx, { siteId, trustId: actor.trustId, ...fields, version: body.version + 1, updatedBy: actor.userId }, !!before);
    const empty = { address: null, phone: null, email: null, website: null };
    audit.record({ action: 'letterhead.update', entityType: 'site_letterhead', entityId: siteId, siteId,
      details: diff<Record<string, unknown>>(before ?? empty, fields, [...FIELDS]) });
    return present(tx, actor, siteId);
  });
}

/** Replaces the crest with this image (JPEG, PNG or WebP), re-encoded; the previous one is voided. */
export async function putCrest(deps: Deps, actor: Actor, ctx: AuditContext, siteId: string, bytes: unknown): Promise<TLetterhead> {
  authorise(actor, siteId);
  const prepared = await prepareOrRefuse(bytes);
  const id = uuidv7();
  const stored = await putFile(deps, actor.trustId, id, prepared.full);
  try {
    return await inTransaction(deps.database, ctx, async (tx, audit) => {
      await repo.voidCrests(tx, siteId);
      await repo.insertCrest(tx, { id, trustId: actor.trustId, siteId, ownerType: repo.CREST_OWNER, ownerId: siteId, filename: 'crest.jpg',
        contentType: 'image/jpeg', sizeBytes: prepared.full.length, sha256: prepared.sha256, ...stored, uploadedBy: actor.userId });
      audit.record({ action: 'letterhead.crest.replace', entityType: 'site_letterhead', entityId: siteId, siteId, details: { attachmentId: id, sha256: prepared.sha256 } });
      return present(tx, actor, siteId);
    });
  } catch (e) {
    await discard(deps, stored);
    throw e;
  }
}

export async function removeCrest(deps: Deps, actor: Actor, ctx: AuditContext, siteId: string): Promise<TLetterhead> {
  authorise(actor, siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!await repo.currentCrest(tx, siteId)) throw notFound('crest');
    await repo.voidCrests(tx, siteId);
    audit.record({ action: 'letterhead.crest.remove', entityType: 'site_letterhead', entityId: siteId, siteId, details: {} });
    return present(tx, actor, siteId);
  });
}

/** The crest as Haven re-encoded it (JPEG), for the letterhead page. */
export async function crest(deps: Deps, actor: Actor, siteId: string): Promise<Buffer> {
  authorise(actor, siteId);
  const l = await letterheadFor(deps, deps.database.db, siteId);
  if (!l.crest) throw notFound('crest');
  return l.crest;
}
