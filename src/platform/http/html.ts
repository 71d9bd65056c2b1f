import type { FastifyReply } from 'fastify';

/** Sends a rendered page (TSX components render to strings). */
export async function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send('<!doctype html>' + (await html));
}
