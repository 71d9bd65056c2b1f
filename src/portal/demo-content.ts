import type { Database } from '../platform/db/index.js';
import { DEMO_COMMUNE_CODE, DEMO_SECOND_COMMUNE_CODE, findUnitByCode, findUserByUsername } from '../identity/index.js';
import { saveSite } from './sites/store.js';
import { ensurePortalDefaults, type MandatorySlug } from './defaults.js';
import { createArticle, listAllArticles, listCategories, setPublished } from './articles/store.js';
import { slugify } from './articles/slug.js';

const SAMPLE = '<p><em>(Nội dung mẫu của bản trình diễn, cần được xã thay bằng thông tin chính thức.)</em></p>';

/**
 * Introduction pages of Xã Tứ Mỹ. Sourced facts: the 2025 mergers (Nghị quyết 1283/NQ-UBTVQH15 and
 * 1665/NQ-UBTVQH15, see data/admin-units) and the area of the 2025 boundary; everything else is generic sample text.
 */
export const TU_MY_PAGES: Partial<Record<MandatorySlug, string>> = {
  'bo-may-hanh-chinh': `<p>Xã Tứ Mỹ thực hiện mô hình chính quyền địa phương hai cấp từ ngày 01/07/2025: Hội đồng nhân dân và Ủy ban nhân dân xã trực thuộc tỉnh Hà Tĩnh, không còn cấp huyện.</p>
<ul><li>Hội đồng nhân dân xã</li><li>Ủy ban nhân dân xã: Chủ tịch, các Phó Chủ tịch và các Ủy viên</li><li>Văn phòng Hội đồng nhân dân và Ủy ban nhân dân</li><li>Phòng Kinh tế</li><li>Phòng Văn hóa – Xã hội</li><li>Trung tâm Phục vụ hành chính công xã</li></ul>${SAMPLE}`,
  'lanh-dao': `<p>Trang này giới thiệu tiểu sử tóm tắt và nhiệm vụ được phân công của từng đồng chí lãnh đạo Ủy ban nhân dân xã theo Nghị định 224/2026/NĐ-CP, Điều 9.</p>
<h2>Chủ tịch Ủy ban nhân dân xã</h2><p>Lãnh đạo, điều hành chung mọi hoạt động của Ủy ban nhân dân xã; trực tiếp phụ trách công tác nội chính, tài chính – ngân sách, tổ chức bộ máy.</p>
<h2>Phó Chủ tịch phụ trách kinh tế</h2><p>Giúp Chủ tịch phụ trách nông nghiệp, xây dựng, giao thông, tài nguyên – môi trường.</p>
<h2>Phó Chủ tịch phụ trách văn hóa – xã hội</h2><p>Giúp Chủ tịch phụ trách giáo dục, y tế, văn hóa, thông tin, chuyển đổi số và cải cách hành chính.</p>${SAMPLE}`,
  'dieu-kien-tu-nhien': `<p>Xã Tứ Mỹ thuộc tỉnh Hà Tĩnh, có diện tích tự nhiên khoảng 38,68 km² theo ranh giới từ ngày 01/07/2025, trên địa bàn trước đây thuộc huyện Hương Sơn.</p>${SAMPLE}`,
  'lich-su': `<p>Xã Tứ Mỹ được thành lập từ ngày 01/07/2025 theo Nghị quyết số 1665/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, trên cơ sở sắp xếp toàn bộ diện tích tự nhiên và quy mô dân số của các xã Châu Bình, Tân Mỹ Hà và Mỹ Long (huyện Hương Sơn cũ).</p>
<p>Trước đó, từ ngày 01/01/2025 (Nghị quyết số 1283/NQ-UBTVQH15), xã Châu Bình được hình thành từ xã Sơn Châu và xã Sơn Bình; xã Mỹ Long được hình thành từ xã Sơn Trà và xã Sơn Long.</p>
<p>Tên gọi cũ: Sơn Châu, Sơn Bình, Sơn Trà, Sơn Long, Châu Bình, Tân Mỹ Hà, Mỹ Long.</p>`,
  'van-hoa-di-tich': `<p>Trang này giới thiệu truyền thống văn hóa, lễ hội, di tích lịch sử – văn hóa và danh lam thắng cảnh trên địa bàn xã.</p>${SAMPLE}`,
  'lien-he': `<p><strong>Ủy ban nhân dân xã Tứ Mỹ</strong>, tỉnh Hà Tĩnh.</p>
<p>Trung tâm Phục vụ hành chính công xã làm việc từ thứ Hai đến thứ Sáu: sáng 07 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00.</p>
<p>Địa chỉ, số điện thoại và thư điện tử công vụ của cán bộ đầu mối sẽ được xã cập nhật.</p>${SAMPLE}`,
  'iso-9001': `<p>Bộ phận Một cửa của xã áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 cho các thủ tục hành chính. Chính sách chất lượng, mục tiêu chất lượng và các quy trình giải quyết thủ tục được đăng tại đây.</p>${SAMPLE}`,
  'lien-ket': `<ul>
<li><a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a></li>
<li><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></li>
<li><a href="https://hatinh.gov.vn">Cổng Thông tin điện tử tỉnh Hà Tĩnh</a></li>
<li><a href="https://vbpl.vn">Cơ sở dữ liệu quốc gia về văn bản pháp luật</a></li>
</ul>`,
};

const DAY = 86_400_000;

interface DemoArticle {
  category: string;
  title: string;
  summary: string;
  body: string;
  /** days from now: negative = published in the past, positive = scheduled; null = draft */
  publishInDays: number | null;
}

const ARTICLES: DemoArticle[] = [
  { category: 'tin-tuc', title: 'Trung tâm Phục vụ hành chính công xã Tứ Mỹ hướng dẫn nộp hồ sơ trực tuyến', summary: 'Người dân có thể nộp hồ sơ trực tuyến và tra cứu kết quả bằng mã hồ sơ (nội dung mẫu).',
    body: '<p>Người dân có thể tìm thủ tục tại mục “Thủ tục hành chính” của trang này, chuẩn bị giấy tờ theo hướng dẫn và tra cứu tình trạng hồ sơ bằng mã hồ sơ ghi trên giấy tiếp nhận.</p>' + SAMPLE, publishInDays: -20 },
  { category: 'thong-bao', title: 'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã', summary: 'Lịch tiếp công dân định kỳ hằng tháng tại trụ sở Ủy ban nhân dân xã (nội dung mẫu).',
    body: '<p>Chủ tịch Ủy ban nhân dân xã tiếp công dân định kỳ theo lịch được niêm yết tại trụ sở. Công dân mang theo giấy tờ tùy thân khi đến.</p>' + SAMPLE, publishInDays: -10 },
  { category: 'chuyen-doi-so', title: 'Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID', summary: 'Tổ công nghệ số cộng đồng hỗ trợ người dân kích hoạt tài khoản định danh điện tử (nội dung mẫu).',
    body: '<h2>Chuẩn bị</h2><ul><li>Căn cước hoặc căn cước công dân gắn chip</li><li>Điện thoại thông minh có số thuê bao chính chủ</li></ul><p>Tổ công nghệ số cộng đồng ở các thôn hỗ trợ người dân thực hiện.</p>' + SAMPLE, publishInDays: -5 },
  { category: 'hoat-dong-cua-xa', title: 'Xã Tứ Mỹ tổ chức Ngày hội Đại đoàn kết toàn dân tộc', summary: 'Các thôn trên địa bàn xã tổ chức Ngày hội Đại đoàn kết toàn dân tộc (nội dung mẫu).',
    body: '<p>Hưởng ứng Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11), các khu dân cư trên địa bàn xã tổ chức ngày hội với nhiều hoạt động văn hóa, thể thao.</p>' + SAMPLE, publishInDays: -2 },
  { category: 'thong-bao', title: 'Thông báo lịch nghỉ Tết Dương lịch năm 2027', summary: 'Lịch nghỉ Tết Dương lịch của Trung tâm Phục vụ hành chính công xã (nội dung mẫu).',
    body: '<p>Trung tâm Phục vụ hành chính công xã thông báo lịch nghỉ Tết Dương lịch theo quy định; hồ sơ nộp trực tuyến trong những ngày nghỉ được tiếp nhận vào ngày làm việc tiếp theo.</p>' + SAMPLE, publishInDays: 30 },
  { category: 'tin-tuc', title: 'Kế hoạch ra quân vệ sinh môi trường cuối năm', summary: 'Bản nháp đang soạn (nội dung mẫu).',
    body: '<p>Bản nháp: nội dung đang được biên tập.</p>' + SAMPLE, publishInDays: null },
];

const THANH_SEN_ARTICLES: DemoArticle[] = [
  { category: 'thong-bao', title: 'Phường Thành Sen tiếp nhận hồ sơ trực tuyến trên trang thông tin của phường',
    summary: 'Trang thông tin điện tử của Phường Thành Sen dùng chung danh mục thủ tục và tra cứu hồ sơ với các xã, phường trong tỉnh.',
    body: '<p>Người dân phường có thể tìm thủ tục, nộp hồ sơ trực tuyến và tra cứu tình trạng hồ sơ ngay trên trang này.</p>' + SAMPLE, publishInDays: -1 },
];

/** The demo's websites: one installation serving two communes, each also reachable by a host name on this machine. */
const DEMO_SITES = [
  { code: DEMO_COMMUNE_CODE, host: 'tumy.localhost', editor: 'tumy.bientap', pages: TU_MY_PAGES, articles: ARTICLES },
  { code: DEMO_SECOND_COMMUNE_CODE, host: 'thanhsen.localhost', editor: 'thanhsen.bientap', pages: {}, articles: THANH_SEN_ARTICLES },
];

/** The demo communes' websites: categories, introduction pages and a few articles (idempotent). */
export async function seedPortalDemo(db: Database, now = new Date()): Promise<void> {
  for (const site of DEMO_SITES) {
    const unit = await findUnitByCode(db, site.code);
    if (!unit) continue;
    await ensurePortalDefaults(db, unit.id, site.pages); // first: opening the site would add placeholder pages
    await saveSite(db, site.code, site.host);
    const user = await findUserByUsername(db, site.editor);
    const editor = { userId: user?.id ?? null, fullName: user?.fullName ?? 'Biên tập viên' };
    const categories = new Map((await listCategories(db, unit.id)).map((c) => [c.slug, c.id]));
    const existing = new Set((await listAllArticles(db, unit.id, 10_000)).map((a) => a.slug));
    for (const a of site.articles) {
      if (existing.has(slugify(a.title))) continue;
      const article = await createArticle(db, unit.id, editor, {
        title: a.title, categoryId: categories.get(a.category)!, summary: a.summary, bodyHtml: a.body, authorName: editor.fullName, coverAlt: '',
      }, null);
      if (a.publishInDays !== null) await setPublished(db, unit.id, article.id, editor, new Date(now.getTime() + a.publishInDays * DAY));
    }
  }
}
