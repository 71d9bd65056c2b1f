import type { FastifyInstance } from 'fastify';
import type { OutgoingDeps } from '../routes.js';

/** The clerk's and leader's pages for outgoing documents and the outgoing register (filled in separately). */
export function registerOutgoingPages(_app: FastifyInstance, _deps: OutgoingDeps): void {}
