/**
 * The Decision 766/QĐ-TTg indicators as the national portal scores them (domain-vn.md §3, [S]: reverse-engineered from
 * dichvucong.gov.vn; the decision's own text was not retrieved). Points and targets are data with the researched
 * values as defaults; an installation may override them in the setting `index766.overrides`
 * (JSON: { "<id>": { "points": n, "target": r | null } }).
 */
export interface IndicatorDefinition {
  id: string;
  group: GroupId;
  name: string;
  /** How the ratio is formed, in Vietnamese. */
  formula: string;
  points: number;
  /** Full points at or above this ratio, proportional below; null = ratio × points. */
  target: number | null;
  /** Why we cannot compute it, when we do not hold the data. */
  unavailable?: string;
}

export type GroupId = 'transparency' | 'progress' | 'online' | 'payment' | 'digitisation' | 'satisfaction';

export const GROUPS: Array<{ id: GroupId; name: string; max: number }> = [
  { id: 'transparency', name: 'Công khai, minh bạch', max: 18 },
  { id: 'progress', name: 'Tiến độ giải quyết', max: 20 },
  { id: 'online', name: 'Dịch vụ công trực tuyến', max: 12 },
  { id: 'payment', name: 'Thanh toán trực tuyến', max: 10 },
  { id: 'digitisation', name: 'Số hóa hồ sơ', max: 22 },
  { id: 'satisfaction', name: 'Mức độ hài lòng', max: 18 },
];

const NO_SYNC = 'Chưa kết nối, đồng bộ với Cổng Dịch vụ công quốc gia: hệ thống chưa có dữ liệu này.';
const NO_FEEDBACK = 'Chưa có chức năng tiếp nhận phản ánh, kiến nghị (PAKN): hệ thống chưa có dữ liệu này.';

export const INDICATORS: IndicatorDefinition[] = [
  { id: '1.1', group: 'transparency', name: 'TTHC được công bố đúng hạn', formula: 'TTHC có quyết định công bố đúng hạn / TTHC được công bố trong kỳ', points: 6, target: null, unavailable: 'Việc công bố TTHC do cấp tỉnh thực hiện; hệ thống không lưu ngày quyết định công bố.' },
  { id: '1.2', group: 'transparency', name: 'TTHC được cập nhật, công khai đúng hạn trên CSDL quốc gia', formula: 'TTHC công khai đúng hạn / TTHC được công bố', points: 4, target: null, unavailable: NO_SYNC },
  { id: '1.3', group: 'transparency', name: 'TTHC công khai đầy đủ bộ phận cấu thành', formula: 'TTHC có đủ tên, cơ quan thực hiện, thời hạn, thành phần hồ sơ, kết quả, phí / TTHC thuộc thẩm quyền', points: 2, target: null },
  { id: '1.4', group: 'transparency', name: 'Hồ sơ được đồng bộ lên Cổng DVC quốc gia', formula: 'Hồ sơ đồng bộ / hồ sơ tiếp nhận trong kỳ', points: 6, target: null, unavailable: NO_SYNC },
  { id: '2.1', group: 'progress', name: 'Hồ sơ xử lý trước hạn, đúng hạn', formula: '(Hồ sơ đã xử lý trước hạn, đúng hạn + hồ sơ đang xử lý trong hạn) / (hồ sơ đã xử lý + đang xử lý)', points: 20, target: null },
  { id: '2.2', group: 'progress', name: 'Thời gian giải quyết trung bình (ngày)', formula: 'Trung bình (ngày xử lý xong − ngày tiếp nhận) của hồ sơ đã xử lý trong kỳ; chỉ để theo dõi, không tính điểm', points: 0, target: null },
  { id: '3.1', group: 'online', name: 'TTHC cung cấp dịch vụ công trực tuyến', formula: 'TTHC có DVCTT (toàn trình hoặc một phần) / TTHC thuộc thẩm quyền', points: 0, target: 0.8 },
  { id: '3.2', group: 'online', name: 'DVCTT có phát sinh hồ sơ trực tuyến', formula: 'DVCTT có ít nhất 1 hồ sơ trực tuyến trong kỳ / DVCTT', points: 0, target: null },
  { id: '3.3', group: 'online', name: 'Hồ sơ nộp trực tuyến', formula: 'Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận trong kỳ (chưa nhân tỷ lệ đồng bộ: chưa đồng bộ DVCQG)', points: 0, target: 0.5 },
  { id: '3.4', group: 'online', name: 'Hồ sơ DVCTT toàn trình', formula: 'Hồ sơ trực tuyến của TTHC đủ điều kiện toàn trình / hồ sơ của các TTHC đó', points: 12, target: null },
  { id: '3.5a', group: 'payment', name: 'TTHC có nghĩa vụ tài chính được cung cấp trên DVCQG', formula: 'TTHC có phí đã đồng bộ / TTHC có phí', points: 2, target: 0.8, unavailable: NO_SYNC },
  { id: '3.5b', group: 'payment', name: 'TTHC có giao dịch thanh toán trực tuyến', formula: 'TTHC có phí có ít nhất 1 hồ sơ thanh toán trực tuyến / TTHC có phí', points: 2, target: 0.8 },
  { id: '3.6', group: 'payment', name: 'Hồ sơ thanh toán trực tuyến', formula: 'Hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí', points: 6, target: null },
  { id: '4.1', group: 'digitisation', name: 'Hồ sơ có kết quả điện tử', formula: 'Hồ sơ giải quyết xong có kết quả điện tử ký số / hồ sơ giải quyết xong', points: 6, target: null },
  { id: '4.2', group: 'digitisation', name: 'Hồ sơ thực hiện số hóa', formula: 'Hồ sơ có thành phần được số hóa và có kết quả điện tử / hồ sơ tiếp nhận', points: 4, target: 0.8 },
  { id: '4.2b', group: 'digitisation', name: 'Cung cấp chứng thực bản sao điện tử từ bản chính', formula: 'Hồ sơ chứng thực bản sao có kết quả điện tử / hồ sơ chứng thực bản sao giải quyết xong', points: 2, target: null },
  { id: '4.3', group: 'digitisation', name: 'Khai thác, sử dụng lại dữ liệu số hóa', formula: 'Hồ sơ dùng lại giấy tờ đã số hóa / hồ sơ tiếp nhận', points: 2, target: 0.8, unavailable: 'Chưa kết nối kho dữ liệu số hóa: chưa biết giấy tờ nào được dùng lại.' },
  { id: '4.4', group: 'digitisation', name: 'Số hóa có kết nối, chia sẻ (kho cá nhân)', formula: 'Hồ sơ lấy giấy tờ từ kho cá nhân hoặc đẩy kết quả vào kho / hồ sơ tiếp nhận', points: 4, target: null, unavailable: 'Chưa kết nối Kho dữ liệu cá nhân trên Cổng DVCQG.' },
  { id: '4.5a', group: 'digitisation', name: 'TTHC kết nối dữ liệu dân cư', formula: 'TTHC khai thác CSDL quốc gia về dân cư / TTHC có đối tượng là công dân', points: 2, target: null, unavailable: 'Chưa kết nối Cơ sở dữ liệu quốc gia về dân cư.' },
  { id: '4.5b', group: 'digitisation', name: 'Hồ sơ dùng dữ liệu dân cư', formula: 'Hồ sơ xác thực VNeID hoặc dùng dữ liệu dân cư / hồ sơ tiếp nhận', points: 2, target: null, unavailable: 'Chưa kết nối VNeID và Cơ sở dữ liệu quốc gia về dân cư.' },
  { id: '5.1', group: 'satisfaction', name: 'PAKN theo phân loại', formula: 'Chỉ để theo dõi', points: 0, target: null, unavailable: NO_FEEDBACK },
  { id: '5.2', group: 'satisfaction', name: 'PAKN được xử lý đúng hạn', formula: 'PAKN xử lý đúng hạn / PAKN tiếp nhận', points: 6, target: null, unavailable: NO_FEEDBACK },
  { id: '5.3', group: 'satisfaction', name: 'Hài lòng trong xử lý PAKN', formula: '(PAKN − không hài lòng − trễ hạn − lặp lại) / PAKN tiếp nhận', points: 6, target: null, unavailable: NO_FEEDBACK },
  { id: '5.4', group: 'satisfaction', name: 'Hài lòng trong tiếp nhận, giải quyết TTHC', formula: '100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài lòng, 1–2 sao)', points: 6, target: 0.9 },
];

/** Points for a ratio: full at or above the target, proportional below; without a target, ratio × points. */
export function scoreOf(ratio: number, points: number, target: number | null): number {
  const r = Math.max(0, Math.min(1, ratio));
  const score = target === null ? r * points : r >= target ? points : (r * points) / target;
  return Math.round(score * 100) / 100;
}
