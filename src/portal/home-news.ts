import type { Database } from '../platform/db/index.js';
import type { Article } from './articles/model.js';
import { findCategoryBySlug, listPublished } from './articles/store.js';

/** The home page's "Tin mới" (every category but announcements) and "Thông báo" lists. */
export async function homeNews(db: Database, unitId: number, now = new Date()): Promise<{ news: Article[]; notices: Article[] }> {
  const notices = await findCategoryBySlug(db, unitId, 'thong-bao');
  const [news, announcements] = await Promise.all([
    listPublished(db, unitId, { now, limit: 5, excludeCategoryId: notices?.id }),
    notices ? listPublished(db, unitId, { now, limit: 5, categoryId: notices.id }) : Promise.resolve({ articles: [], total: 0 }),
  ]);
  return { news: news.articles, notices: announcements.articles };
}
