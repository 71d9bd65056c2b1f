import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { registerCalendarApi } from './api.js';
import { registerCalendarAdmin } from './admin.js';

export { calendarOf } from './store.js';

export function registerCalendarRoutes(app: FastifyInstance, { db }: { db: Database }) {
  registerCalendarApi(app, db);
  registerCalendarAdmin(app, db);
}
