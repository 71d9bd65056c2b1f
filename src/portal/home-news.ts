import type { Database } from '../platform/db/index.js';
import type { Article } from './articles/model.js';
import { findCategoryBySlug, listPublished } from './articles/store.js';
import { articlesVersion } from './articles/changes.js';

interface HomeNews { news: Article[]; notices: Article[] }

/**
 * How long the home page's lists are reused. A change made through this instance shows at once; one made on
 * another instance, or a scheduled article coming due, shows within this time.
 */
const REUSE_MS = 5_000;
const cached = new WeakMap<Database, Map<number, { version: number; until: number; value: Promise<HomeNews> }>>();

/** The home page's "Tin mới" (every category but announcements) and "Thông báo" lists. */
export function homeNews(db: Database, unitId: number, now = new Date()): Promise<HomeNews> {
  const units = cached.get(db) ?? new Map();
  cached.set(db, units);
  const version = articlesVersion(db, unitId);
  const hit = units.get(unitId);
  if (hit && hit.version === version && now.getTime() < hit.until) return hit.value;
  const value = readHomeNews(db, unitId, now);
  units.set(unitId, { version, until: now.getTime() + REUSE_MS, value });
  value.catch(() => units.delete(unitId));
  return value;
}

async function readHomeNews(db: Database, unitId: number, now: Date): Promise<HomeNews> {
  const notices = await findCategoryBySlug(db, unitId, 'thong-bao');
  const [news, announcements] = await Promise.all([
    listPublished(db, unitId, { now, limit: 5, excludeCategoryId: notices?.id }),
    notices ? listPublished(db, unitId, { now, limit: 5, categoryId: notices.id }) : Promise.resolve({ articles: [], total: 0 }),
  ]);
  return { news: news.articles, notices: announcements.articles };
}
