/**
 * The agencies directory (SUP-5): what this module owns. Each trust keeps the agencies it works with — CAMHS,
 * children's social care, educational psychology, the behaviour support service, youth justice, early help — and
 * their contacts (name, role, email, phone). Read by anyone who does casework at one of the trust's sites; kept by
 * those holding agency.directory.manage at one. Nothing is deleted: an agency or contact is made inactive.
 */
import type { z } from 'zod';
import type { TAgency, ZAgencyContactInput, ZAgencyContactUpdate, ZAgencyInput, ZAgencyUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import * as repo from './agencies.repo.ts';

function present(actor: Actor, rows: repo.AgencyRow[], contacts: repo.ContactRow[]): TAgency[] {
  const manage = holdsAnywhere(actor, 'agency.directory.manage');
  return rows.map((a) => ({
    id: a.id, kind: a.kind as TAgency['kind'], name: a.name, email: a.email, phone: a.phone, active: a.active, version: a.version,
    contacts: contacts.filter((c) => c.agencyId === a.id).map((c) => ({ id: c.id, agencyId: c.agencyId, name: c.name, role: c.role, email: c.email, phone: c.phone, active: c.active, version: c.version })),
    allowed: manage ? ['update', 'addContact'] : [],
  }));
}

async function presentIds(deps: Deps, actor: Actor, ids: string[]) {
  const db = deps.database.db;
  const rows = await repo.agenciesOf(db, actor.trustId, ids);
  return present(actor, rows, await repo.contactsOf(db, rows.map((r) => r.id)));
}

function requireManage(actor: Actor): void {
  if (!holdsAnywhere(actor, 'agency.directory.manage')) throw forbidden('Only a trust administrator or a lead may change the agencies directory.');
}

export async function list(deps: Deps, actor: Actor) {
  const db = deps.database.db;
  const rows = await repo.agenciesOf(db, actor.trustId);
  return { items: present(actor, rows, await repo.contactsOf(db, rows.map((r) => r.id))) };
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZAgencyInput>) {
  requireManage(actor);
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const agencyId = await repo.insertAgency(tx, { trustId: actor.trustId, kind: body.kind, name: body.name, email: body.email ?? null, phone: body.phone ?? null });
    audit.record({ action: 'agency.create', entityType: 'agency', entityId: agencyId, details: { kind: body.kind, name: body.name } });
    return agencyId;
  });
  return (await presentIds(deps, actor, [id]))[0]!;
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZAgencyUpdate>) {
  requireManage(actor);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const a = await repo.findAgency(tx, actor.trustId, id);
    if (!a) throw notFound('agency');
    const { version, ...set } = body;
    if (a.version !== version || !(await repo.updateAgency(tx, id, version, set))) throw staleVersion('agency');
    audit.record({ action: 'agency.update', entityType: 'agency', entityId: id, details: { before: { name: a.name, kind: a.kind, active: a.active }, after: set } });
  });
  return (await presentIds(deps, actor, [id]))[0]!;
}

export async function addContact(deps: Deps, actor: Actor, ctx: AuditContext, agencyId: string, body: z.infer<typeof ZAgencyContactInput>) {
  requireManage(actor);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!(await repo.findAgency(tx, actor.trustId, agencyId))) throw notFound('agency');
    const id = await repo.insertContact(tx, { trustId: actor.trustId, agencyId, name: body.name, role: body.role ?? null, email: body.email ?? null, phone: body.phone ?? null });
    audit.record({ action: 'agency.contact.create', entityType: 'agency_contact', entityId: id, details: { agencyId, name: body.name } });
  });
  return (await presentIds(deps, actor, [agencyId]))[0]!;
}

export async function updateContact(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZAgencyContactUpdate>) {
  requireManage(actor);
  const agencyId = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const c = await repo.findContact(tx, actor.trustId, id);
    if (!c) throw notFound('contact');
    const { version, ...set } = body;
    if (c.version !== version || !(await repo.updateContact(tx, id, version, set))) throw staleVersion('contact');
    audit.record({ action: 'agency.contact.update', entityType: 'agency_contact', entityId: id, details: { agencyId: c.agencyId, fields: Object.keys(set) } });
    return c.agencyId;
  });
  return (await presentIds(deps, actor, [agencyId]))[0]!;
}
