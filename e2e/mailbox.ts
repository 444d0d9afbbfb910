/** The test mailbox for journeys (a real SMTP server; the latest invitation link): see apps/server/test/mailbox.ts. */
export { invitationLinkIn, startMailbox, type CapturedMail, type Mailbox } from '../apps/server/test/mailbox.ts';
