/** Families for communications tests; the real SMTP server comes from smtp.fixtures.ts. */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TestContext } from '../harness.ts';
import { contacts, pupilContacts, pupils } from '../../src/db/schema/pupils.ts';

export { parseMail, smtpTestConfig, startSmtp, type ReceivedMail } from './smtp.fixtures.ts';

/** A pupil with exactly three contacts: an emailing parent, a parent who wants letters, a contact without PR. */
export async function familyFor(t: TestContext, pupilId: string) {
  const db = t.database.db;
  const trustId = (await db.select({ trustId: pupils.trustId }).from(pupils).where(eq(pupils.id, pupilId)))[0]!.trustId;
  await db.delete(pupilContacts).where(eq(pupilContacts.pupilId, pupilId));
  const mk = async (forename: string, email: string | null, preferred: string, pr: boolean, priority: number) => {
    const id = uuidv7();
    await db.insert(contacts).values({ id, trustId, title: 'Ms', forename, surname: 'Testcase', email, preferredContact: preferred });
    await db.insert(pupilContacts).values({ pupilId, contactId: id, trustId, relationship: 'mother', parentalResponsibility: pr, priority });
    return id;
  };
  return {
    trustId,
    emailer: await mk('Emma', 'emma.testcase@example.org', 'email', true, 1),
    letter: await mk('Lena', 'lena.testcase@example.org', 'letter', true, 2),
    noPr: await mk('Nora', 'nora.testcase@example.org', 'email', false, 3),
  };
}
