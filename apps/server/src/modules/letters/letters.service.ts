/**
 * Letter templates (PAR-2): the trust's templates and each site's overrides, read, saved (versioned and audited,
 * locked statutory parts refused), reverted to what is above them, and previewed as the PDF a parent would get, with
 * sample data. Only those who manage letters (letter.template.manage): the trust's templates need a trust-wide role,
 * a site's override that site.
 */
import { uuidv7 } from 'uuidv7';
import { LETTER_KINDS, LETTER_MERGE_FIELDS, type TLetterKind, type TLetterTemplate, type TLetterTemplateUpdate } from '@haven/contracts';
import type { z } from 'zod';
import type { ZLetterPreviewInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, can, holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { badRequest, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import { DEFAULT_TEMPLATES } from './letters.defaults.ts';
import { editableParts, effectiveTemplate, templateProblems } from './letters.rules.ts';
import { commonValues, composePdf, letterheadFor, templateInForce, type Template } from './letters.compose.ts';
import { sampleSlots, sampleValues } from './letters.samples.ts';
import * as repo from './letters.repo.ts';

const PERMISSION = 'letter.template.manage';
const ENTITY = 'letter_template';

/** May the actor manage templates at this level (the trust's: trust-wide; a site's: that site)? 404 for another trust's site. */
function authorise(actor: Actor, siteId: string | null): void {
  if (siteId && !actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, PERMISSION, { trustId: actor.trustId, siteId })) {
    throw forbidden(siteId ? 'You do not manage the letters of that site.' : "Only a trust-wide administrator can change the trust's letters.");
  }
}

function present(actor: Actor, kind: TLetterKind, siteId: string | null, rows: { trust: repo.TemplateRow | null; site: repo.TemplateRow | null }, names: Map<string, string>): TLetterTemplate {
  const own = siteId ? rows.site : rows.trust;
  const t = effectiveTemplate(DEFAULT_TEMPLATES[kind], siteId ? rows.site : null, rows.trust);
  return {
    kind, siteId, source: rows.site && siteId ? 'site' : rows.trust ? 'trust' : 'default', ...t,
    version: own?.version ?? 0, updatedAt: own ? pgTimestampToIso(own.updatedAt) : null, updatedBy: own ? names.get(own.updatedBy) ?? null : null,
    mergeFields: Object.entries(LETTER_MERGE_FIELDS[kind]).map(([name, description]) => ({ name, description })),
    allowed: allowedActions(actor, { trustId: actor.trustId, siteId }, { edit: PERMISSION, ...(own ? { revert: PERMISSION } : {}) }),
  };
}

export async function list(deps: Deps, actor: Actor, siteId: string | null) {
  authorise(actor, siteId);
  const db = deps.database.db;
  const rows = await repo.allTemplates(db, actor.trustId, siteId);
  const names = await repo.userNames(db, [...new Set(rows.map((r) => r.updatedBy))]);
  const items = LETTER_KINDS.map((kind) => present(actor, kind, siteId, {
    trust: rows.find((r) => r.kind === kind && r.siteId === null) ?? null,
    site: rows.find((r) => r.kind === kind && r.siteId !== null) ?? null,
  }, names));
  return { items, allowed: holdsAnywhere(actor, PERMISSION) ? ['edit'] : [] };
}

async function one(db: Executor, actor: Actor, kind: TLetterKind, siteId: string | null): Promise<TLetterTemplate> {
  const rows = await repo.templatesFor(db, actor.trustId, kind, siteId);
  const names = await repo.userNames(db, [rows.trust?.updatedBy, rows.site?.updatedBy].filter((x): x is string => !!x));
  return present(actor, kind, siteId, rows, names);
}

export async function get(deps: Deps, actor: Actor, kind: TLetterKind, siteId: string | null) {
  authorise(actor, siteId);
  return one(deps.database.db, actor, kind, siteId);
}

function check(kind: TLetterKind, subject: string, blocks: TLetterTemplateUpdate['blocks']): void {
  const problems = templateProblems(DEFAULT_TEMPLATES[kind], LETTER_MERGE_FIELDS[kind], subject, blocks);
  if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

export async function save(deps: Deps, actor: Actor, ctx: AuditContext, kind: TLetterKind, body: TLetterTemplateUpdate): Promise<TLetterTemplate> {
  authorise(actor, body.siteId);
  check(kind, body.subject, body.blocks);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.lockTemplate(tx, actor.trustId, kind, body.siteId);
    if ((before?.version ?? 0) !== body.version) throw staleVersion('letter template');
    const parts = editableParts(DEFAULT_TEMPLATES[kind], body.blocks);
    const id = before?.id ?? uuidv7();
    const version = (before?.version ?? 0) + 1;
    await repo.saveTemplate(tx, { id, trustId: actor.trustId, siteId: body.siteId, kind, subject: body.subject, parts, version, updatedBy: actor.userId }, !!before);
    const changed = Object.keys(parts).filter((k) => JSON.stringify(parts[k]) !== JSON.stringify(before?.parts[k]));
    audit.record({ action: before ? 'letter_template.update' : 'letter_template.create', entityType: ENTITY, entityId: id, siteId: body.siteId,
      details: { kind, version, before: before ? { subject: before.subject, parts: Object.fromEntries(changed.map((k) => [k, before.parts[k] ?? null])) } : null,
        after: { subject: body.subject, parts: Object.fromEntries(changed.map((k) => [k, parts[k]])) } } });
    return one(tx, actor, kind, body.siteId);
  });
}

/** Removes the trust's template or a site's override: the letter goes back to what is above it. */
export async function revert(deps: Deps, actor: Actor, ctx: AuditContext, kind: TLetterKind, siteId: string | null): Promise<TLetterTemplate> {
  authorise(actor, siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.lockTemplate(tx, actor.trustId, kind, siteId);
    if (!before) throw notFound('letter template');
    await repo.deleteTemplate(tx, before.id);
    audit.record({ action: 'letter_template.revert', entityType: ENTITY, entityId: before.id, siteId,
      details: { kind, before: { version: before.version, subject: before.subject, parts: before.parts } } });
    return one(tx, actor, kind, siteId);
  });
}

export async function history(deps: Deps, actor: Actor, kind: TLetterKind, siteId: string | null) {
  authorise(actor, siteId);
  const db = deps.database.db;
  const rows = await repo.templatesFor(db, actor.trustId, kind, siteId);
  const own = siteId ? rows.site : rows.trust;
  const items = own ? await repo.versionsOf(db, own.id) : [];
  return { items: items.map((v) => ({ version: v.version, subject: v.subject, savedAt: pgTimestampToIso(v.savedAt), savedBy: v.savedBy })) };
}

/** The letter as a parent would get it at this site, from sample data: the template in force, or an unsaved draft. */
export async function preview(deps: Deps, actor: Actor, kind: TLetterKind, body: z.infer<typeof ZLetterPreviewInput>): Promise<{ pdf: Buffer; filename: string }> {
  authorise(actor, body.siteId);
  const db = deps.database.db;
  let template: Template = await templateInForce(db, actor.trustId, body.siteId, kind);
  if (body.blocks || body.subject) {
    const subject = body.subject ?? template.subject;
    const blocks = body.blocks ?? template.blocks;
    check(kind, subject, blocks);
    template = { ...template, subject, blocks: template.blocks.map((b, n) => (b.locked ? b : { ...b, heading: blocks[n]!.heading, text: blocks[n]!.text })) };
  }
  const letterhead = await letterheadFor(deps, db, body.siteId);
  const today = londonToday();
  const s = sampleValues(kind, today);
  const values = { ...commonValues({ schoolName: letterhead.schoolName, schoolAddress: letterhead.address, today, recipients: s.recipients, pupil: s.pupil, sender: s.sender }), ...s.values };
  const pdf = await composePdf({ template, letterhead, values, recipients: s.recipients, date: today, subtitle: s.subtitle, slots: sampleSlots(kind),
    signature: { name: s.sender.name, role: `${s.sender.role}, ${letterhead.schoolName}` } });
  return { pdf, filename: `${kind}-preview.pdf` };
}
