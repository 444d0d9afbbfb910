/** Sending a generated document: never cached, always a download (never rendered inline by the browser). */
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../modules/incidents/attachments.rules.ts';

export function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer): FastifyReply {
  return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
}

/** Sending a stored file: always a download, never sniffed or cached. */
export function sendFile(reply: FastifyReply, f: { filename: string; contentType: string; data: Buffer }): FastifyReply {
  return reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.filename))
    .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(f.data);
}
