import type { Database } from '../platform/db/index.js';
import { ensureCategories } from './articles/store.js';
import { ensurePages } from './pages/store.js';

/** The categories every commune website starts with (editors may rename or reorder them later). */
export const DEFAULT_CATEGORIES = [
  { slug: 'tin-tuc', name: 'Tin tức' },
  { slug: 'thong-bao', name: 'Thông báo' },
  { slug: 'chuyen-doi-so', name: 'Chuyển đổi số' },
  { slug: 'van-ban-phap-luat', name: 'Văn bản pháp luật' },
  { slug: 'hoat-dong-cua-xa', name: 'Hoạt động của xã' },
] as const;

/** The introduction pages Decree 224/2026 art. 9(1)(c) requires of a commune, in the order of /gioi-thieu. */
export const MANDATORY_PAGES = [
  { slug: 'bo-may-hanh-chinh', title: 'Bộ máy hành chính' },
  { slug: 'lanh-dao', title: 'Lãnh đạo xã: tiểu sử tóm tắt và nhiệm vụ' },
  { slug: 'dieu-kien-tu-nhien', title: 'Điều kiện tự nhiên' },
  { slug: 'lich-su', title: 'Lịch sử hình thành' },
  { slug: 'van-hoa-di-tich', title: 'Truyền thống văn hóa, di tích và danh lam thắng cảnh' },
  { slug: 'lien-he', title: 'Thông tin liên hệ' },
  { slug: 'iso-9001', title: 'Hệ thống quản lý chất lượng ISO 9001 của Bộ phận Một cửa' },
  { slug: 'lien-ket', title: 'Liên kết đến các cổng thông tin của cơ quan nhà nước' },
] as const;

export type MandatorySlug = (typeof MANDATORY_PAGES)[number]['slug'];

const PLACEHOLDER = '<p>Trang này chưa có nội dung. Biên tập viên của xã cập nhật tại mục Quản trị trang giới thiệu.</p>';

/**
 * Adds the default categories and the mandatory introduction pages for the site's unit (idempotent; never
 * overwrites). `bodies` gives a page its first content (the demo's); the others start with a placeholder.
 */
export async function ensurePortalDefaults(db: Database, unitId: number, bodies: Partial<Record<MandatorySlug, string>> = {}): Promise<void> {
  if (!unitId) return;
  await ensureCategories(db, unitId, DEFAULT_CATEGORIES);
  await ensurePages(db, unitId, MANDATORY_PAGES.map((p) => ({ ...p, bodyHtml: bodies[p.slug] ?? PLACEHOLDER })));
}
