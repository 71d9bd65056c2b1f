/**
 * Build src/catalog/seed/procedures.json — the commune procedure catalogue the app seeds from —
 * out of the crawled reference data in shared/data/tthc (see shared/data/SOURCES.md §3).
 *
 *   npx tsx scripts/extract-procedures.ts [SHARED_DATA_DIR]
 *
 * SHARED_DATA_DIR: argv[2], else env SHARED_DIR, else ../shared/data relative to the repository.
 *
 * Where values come from, per field:
 *   - name, sector, sectorCode, documents, legal basis, result, online channel, time limits:
 *     the structured OpenGOV crawl (dvc-procedures-commune-opengov-2026-07-18.json) when the procedure is
 *     there; otherwise the scraped chatbot_tthc text (dvc-procedures-commune-chatbot-tthc-2026-07.json),
 *     parsed; the sector falls back to the portal catalogue (dvc-catalog-2026-07-18.jsonl).
 *   - fees, workflow, competent body and time limits where research/domain-vn.md §5 gives a value tagged
 *     [C] (or where the crawl is ambiguous): the per-procedure entries in SELECTION below, each with a
 *     comment naming the source. Confidence: C = key values confirmed in domain-vn.md; S = taken from the
 *     crawl (secondary source); G = at least one key value unconfirmed.
 *
 * Deterministic: output sorted by code, no timestamps; re-running on the same input gives the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ProcedureVersionSchema,
  nfc,
  type Confidence,
  type FeeSchedule,
  type OnlineLevel,
  type ProcedureVersion,
  type RequiredDocument,
  type TimeLimit,
  type TimeLimitUnit,
  type WorkflowKind,
} from '../src/catalog/model.js';
import { certifiedCopyFeeItem } from '../src/catalog/fees.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(process.argv[2] ?? process.env['SHARED_DIR'] ?? path.join(repoRoot, '../shared/data'));
const outFile = path.join(repoRoot, 'src/catalog/seed/procedures.json');

const EFFECTIVE_FROM = '2025-07-01';
const UBND_XA = 'Ủy ban nhân dân cấp xã';
const CONG_AN_XA = 'Công an cấp xã';

// ---------------------------------------------------------------------------------------------
// Source record shapes (only the fields used)

interface OgFee { type: string; value_vnd: number | null; text: string }
interface OgChannel { method: string; fees: OgFee[]; processing: { qty: number | string | null; unit: string } | null; note: string }
interface OgCase { case_code: string; qty: number; unit: string }
interface OgItem { name: string; original_qty: number; copy_qty: number }
interface OgRecord {
  code: string;
  name: string;
  category: { code: string; name: string } | null;
  executing_agency: string | null;
  results: string[];
  channels: OgChannel[];
  processing_cases: OgCase[];
  legal_basis: { code: string; name: string }[];
  steps_raw: { name: string; text: string }[];
  checklist_raw: { group: string; items: OgItem[] }[];
}
interface CbRecord {
  ma_thu_tuc: string;
  ten_thu_tuc: string;
  linh_vuc: string;
  cach_thuc_thuc_hien: string;
  thanh_phan_ho_so: string;
  can_cu_phap_ly: string;
  ket_qua_xu_ly: string;
}
interface CatRecord { code: string; name: string; categories: string[] }

function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(path.join(sharedDir, rel), 'utf8')) as T;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** NFC, collapse whitespace (incl. NBSP, tabs, newlines), strip zero-width/invisible marks, trim. */
function clean(s: string | null | undefined): string {
  return nfc((s ?? '').replace(/[\u200B-\u200F\u2060\uFEFF]/g, '').replace(/\s+/g, ' '));
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** "Thủ tục đăng ký khai sinh" → "Đăng ký khai sinh". */
function procedureName(raw: string): string {
  return capitalise(clean(raw).replace(/^thủ tục\s+/i, ''));
}

/** Strip list markers ("- ", "+ ", "* ", "•") and trailing ";" / "." spacing from a checklist line. */
function itemText(raw: string): string {
  return clean(raw)
    .replace(/^[-+*•\s]+/, '')
    .replace(/[;,]\s*$/, '')
    .trim();
}

/**
 * A legal document number: "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "35/2013/QH13", "24/2021/QĐ-TTg", "2338/QĐ-BTP".
 * The scraped text runs titles and numbers together ("…226/2016/TT-BTCVề cấp bản sao…", "…/TT-BTCsửa đổi…",
 * "năm 201335/2013/QH13"), so: law numbers (QHxx) have at most 2 digits, other numbered-with-year codes at
 * most 3, and a trailing capital that belongs to the next word is dropped when the issuer code without it
 * is a known one (KNOWN_ISSUERS).
 */
const ISSUER = '(?:TTg|[A-ZĐƯ]+)(?:-(?:TTg|[A-ZĐƯ]+))*';
const LEGAL_CODE_RE = new RegExp(
  `\\d{1,2}\\/\\d{4}\\/QH\\d{2}|\\d{1,3}(?:\\.\\d+)?\\/\\d{4}\\/(?!QH\\d)${ISSUER}|\\d{1,4}\\/${ISSUER}`,
  'gu',
);
const KNOWN_ISSUERS = new Set([
  'CP', 'TTg', 'BTC', 'BTP', 'BCA', 'BYT', 'BXD', 'BNV', 'BQP', 'BCT', 'BNNMT', 'BTNMT', 'BNNPTNT', 'BKHĐT',
  'BLĐTBXH', 'BVHTTDL', 'BGDĐT', 'BTTTT', 'BKHCN', 'BGTVT', 'NHNN', 'VPCP', 'UBND', 'UBTVQH', 'UBTƯMTTQVN',
]);

function trimIssuer(code: string): string {
  const last = code.split(/[-/]/).pop() ?? '';
  if (KNOWN_ISSUERS.has(last) || /^QH\d{2}$/.test(last)) return code;
  const shorter = last.slice(0, -1);
  return KNOWN_ISSUERS.has(shorter) ? code.slice(0, -1) : code;
}

/** Legal document numbers found in a text, in order of first appearance, without duplicates. */
function legalCodes(text: string): string[] {
  const found: string[] = [];
  for (const m of clean(text).matchAll(LEGAL_CODE_RE)) {
    const code = trimIssuer(m[0]);
    if (!found.includes(code)) found.push(code);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Required documents

function docFromItem(group: string, item: OgItem): RequiredDocument | undefined {
  const name = itemText(item.name);
  if (!name || /^(lưu ý|ví dụ)/i.test(name)) return undefined;
  if (item.original_qty <= 0 && item.copy_qty <= 0) return undefined; // explanatory text, not a document
  const g = itemText(group).replace(/:$/, '').trim();
  const show = /xuất trình/i.test(g);
  const isCaseHeading = g !== '' && !/^(giấy tờ phải (nộp|xuất trình)|hồ sơ .*gồm)$/i.test(g);
  const notes: string[] = [];
  if (isCaseHeading) notes.push(capitalise(g));
  let doc: RequiredDocument;
  if (show) {
    doc = { name, form: 'show', count: 1 };
  } else if (item.original_qty > 0) {
    doc = { name, form: 'original', count: item.original_qty };
    if (item.copy_qty > 0) notes.push(`Kèm ${item.copy_qty} bản sao`);
  } else {
    const certified = /chứng thực/i.test(name);
    doc = { name, form: certified ? 'certifiedCopy' : 'copy', count: item.copy_qty };
  }
  if (notes.length) doc.note = notes.join('. ');
  return doc;
}

function docsFromOpengov(r: OgRecord): RequiredDocument[] {
  const out: RequiredDocument[] = [];
  const seen = new Set<string>();
  for (const g of r.checklist_raw) {
    for (const it of g.items) {
      const d = docFromItem(g.group, it);
      if (!d) continue;
      const key = `${d.form}|${d.name}|${d.note ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

const QTY_RE = /(\d+) bản (chính|sao)(?:\s*,\s*(\d+) bản (chính|sao))?/gu;

/** Parse the run-together table text of chatbot_tthc: "...Số lượng<doc>1 bản chính<doc>1 bản chính,1 bản sao". */
function docsFromChatbot(r: CbRecord): RequiredDocument[] {
  const text = r.thanh_phan_ho_so.replace(/\S+\.(pdf|docx?|xlsx?)\b/gi, ' ');
  const headerAt = text.lastIndexOf('Số lượng');
  const preamble = headerAt >= 0 ? text.slice(0, headerAt) : '';
  const show = /xuất trình/i.test(preamble);
  const body = headerAt >= 0 ? text.slice(headerAt + 'Số lượng'.length) : text;
  const out: RequiredDocument[] = [];
  let last = 0;
  for (const m of body.matchAll(QTY_RE)) {
    const name = itemText(body.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    if (!name) continue;
    const first = { n: Number(m[1]), kind: m[2] };
    const second = m[3] ? { n: Number(m[3]), kind: m[4] } : undefined;
    if (show) {
      out.push({ name, form: 'show', count: 1 });
    } else if (first.kind === 'chính') {
      const d: RequiredDocument = { name, form: 'original', count: first.n };
      if (second) d.note = `Hoặc ${second.n} bản sao (bản sao có chứng thực hoặc bản sao kèm bản chính để đối chiếu)`;
      out.push(d);
    } else {
      out.push({ name, form: /chứng thực/i.test(name) ? 'certifiedCopy' : 'copy', count: first.n });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Time limits

const UNIT_MAP: Record<string, TimeLimitUnit> = {
  WORKING_DAY: 'working-days',
  DAY: 'days',
  HOUR: 'working-hours',
};

function unitLabel(u: TimeLimitUnit): string {
  return u === 'working-days' ? 'ngày làm việc' : u === 'days' ? 'ngày' : 'giờ làm việc';
}

/** Rough ordering key in working days (7 calendar days ≈ 5 working days; 8 working hours = 1 day). */
function weight(t: TimeLimit): number {
  return t.unit === 'days' ? (t.value * 5) / 7 : t.unit === 'working-hours' ? t.value / 8 : t.value;
}

/**
 * Time limit from the OpenGOV record: the channels' processing time when its unit is a real unit; when the
 * unit is "OTHER", the processing case whose quantity equals the channel quantity, else the shortest case.
 * Returns also a note listing the other (longer) cases, if any.
 */
function timeFromOpengov(r: OgRecord): { limit: TimeLimit; note?: string } | undefined {
  const cases: TimeLimit[] = r.processing_cases
    .filter((c) => UNIT_MAP[c.unit] && Number.isInteger(c.qty))
    .map((c) => ({ value: c.qty, unit: UNIT_MAP[c.unit]! }));
  const direct = r.channels.find((c) => c.method === 'DIRECT') ?? r.channels[0];
  const p = direct?.processing;
  let limit: TimeLimit | undefined;
  if (p && typeof p.qty === 'number' && Number.isInteger(p.qty) && UNIT_MAP[p.unit]) {
    limit = { value: p.qty, unit: UNIT_MAP[p.unit]! };
  } else if (cases.length) {
    const qty = p && typeof p.qty === 'number' ? p.qty : undefined;
    limit = cases.find((c) => c.value === qty) ?? [...cases].sort((a, b) => weight(a) - weight(b))[0]!;
  }
  if (!limit) return undefined;
  const chosen = limit;
  const others = [...new Set(cases.filter((c) => weight(c) > weight(chosen)).map((c) => `${c.value} ${unitLabel(c.unit)}`))];
  return others.length
    ? { limit, note: `Một số trường hợp theo CSDL quốc gia về TTHC: ${others.join('; ')}` }
    : { limit };
}

function timeFromChatbot(r: CbRecord): TimeLimit | undefined {
  const m = clean(r.cach_thuc_thuc_hien).match(/(\d+) (Ngày làm việc|Ngày|Giờ)/u);
  if (!m) return undefined;
  const unit: TimeLimitUnit = m[2] === 'Ngày làm việc' ? 'working-days' : m[2] === 'Ngày' ? 'days' : 'working-hours';
  return { value: Number(m[1]), unit };
}

// ---------------------------------------------------------------------------------------------
// Fees used by several procedures

/** Statutory fee exemptions for civil-status fees (Luật Hộ tịch 2014 Art 11; TT 85/2019/TT-BTC). */
const CIVIL_STATUS_PRIORITY_EXEMPT = 'Người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật';
const PROVINCE_NOTE = 'Mức lệ phí do Hội đồng nhân dân tỉnh quyết định (Thông tư 85/2019/TT-BTC, sửa đổi bởi Thông tư 106/2021/TT-BTC); mặc định 0 đ cho đến khi cấu hình.';
const RESIDENCE_EXEMPT = 'Các trường hợp được miễn lệ phí theo Điều 4 Thông tư 75/2022/TT-BTC (xuất trình giấy tờ chứng minh nếu thông tin chưa có trong Cơ sở dữ liệu quốc gia về dân cư)';

function provinceCivilStatusFee(name: string, extraExempt: string[] = []): FeeSchedule {
  return {
    items: [{ kind: 'setByProvince', name, note: PROVINCE_NOTE }],
    exemptions: [...extraExempt, CIVIL_STATUS_PRIORITY_EXEMPT],
  };
}

const FREE: FeeSchedule = { items: [], exemptions: [], note: 'Không thu phí, lệ phí' };

function free(reason: string): FeeSchedule {
  return { items: [], exemptions: [], note: reason };
}

/** One fixed fee, with the exemptions from it and the note that states the rates. */
function fixedFee(name: string, amount: number, o: { note?: string; exemptions?: string[] } = {}): FeeSchedule {
  return { items: [{ kind: 'fixed', name, amount }], exemptions: o.exemptions ?? [], ...(o.note === undefined ? {} : { note: o.note }) };
}

// ---------------------------------------------------------------------------------------------
// The selection: which procedures, and the values that are not (reliably) in the crawl.

interface Spec {
  code: string;
  source: 'opengov' | 'chatbot';
  confidence: Confidence;
  fees: FeeSchedule;
  competentBody?: string;
  workflow?: WorkflowKind;
  /** Overrides the crawled time limit (value from domain-vn.md or the crawl text, see comment). */
  timeLimit?: TimeLimit;
  timeLimitNote?: string;
  onlineLevel?: OnlineLevel;
  resultType?: string;
  sector?: string;
  name?: string;
}

const IMMEDIATE: TimeLimit = { value: 0, unit: 'working-days' };
const IMMEDIATE_NOTE = 'Giải quyết ngay trong ngày nhận hồ sơ hợp lệ; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo';

const RESIDENCE_RESULT = 'Thông báo kết quả giải quyết thủ tục về cư trú; cập nhật thông tin trong Cơ sở dữ liệu về cư trú';

/** A residence procedure of the commune police (time limit from the crawl): the registration notice as result, one fixed fee (Circular 75/2022/TT-BTC) with its exemptions. */
function residenceRegistration(code: string, fee: { name: string; amount: number; note: string }): Spec {
  return {
    code, source: 'opengov', confidence: 'S', competentBody: CONG_AN_XA, resultType: RESIDENCE_RESULT,
    fees: fixedFee(fee.name, fee.amount, { note: fee.note, exemptions: [RESIDENCE_EXEMPT] }),
  };
}

const SELECTION: Spec[] = [
  // ---- Hộ tịch (domain-vn §5 rows 1–11) ----
  {
    // Row 1: immediately [C]; free when on time (60 days) [C]; late registration: provincial fee [C].
    code: '1.001193', source: 'opengov', confidence: 'C', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: IMMEDIATE_NOTE,
    fees: provinceCivilStatusFee('Lệ phí đăng ký khai sinh (đăng ký quá hạn)', [
      'Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh) — Luật Hộ tịch 2014, Điều 11',
    ]),
  },
  {
    // Row 2: immediately; ≤5 WD with verification [C Art 18]; free for residents [C Art 11].
    // Both parties must appear to sign the register → online only for submitting the dossier.
    code: '1.000894', source: 'opengov', confidence: 'C', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: `${IMMEDIATE_NOTE}. Trường hợp cần xác minh điều kiện kết hôn: không quá 05 ngày làm việc`,
    onlineLevel: 'partial',
    fees: free('Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch 2014, Điều 11)'),
  },
  {
    // Row 3: immediately [crawl steps: "sau 15 giờ"]; ≤3 WD with verification [G]; free when on time (15 days) [C].
    code: '1.000656', source: 'opengov', confidence: 'S', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: `${IMMEDIATE_NOTE}. Trường hợp cần xác minh: CSDL quốc gia về TTHC ghi tới 05 ngày làm việc`,
    fees: provinceCivilStatusFee('Lệ phí đăng ký khai tử (đăng ký quá hạn)', [
      'Đăng ký khai tử đúng hạn (trong 15 ngày kể từ ngày chết) — Luật Hộ tịch 2014, Điều 11',
    ]),
  },
  {
    // Row 4: 3 WD [G] = crawl 3 WD; provincial fee [C principle].
    code: '1.004873', source: 'opengov', confidence: 'S',
    fees: provinceCivilStatusFee('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân'),
  },
  {
    // Row 5: 5 WD [G] = crawl 5 WD.
    code: '1.004884', source: 'opengov', confidence: 'S', fees: provinceCivilStatusFee('Lệ phí đăng ký lại khai sinh'),
  },
  {
    // Row 6: 5 WD [G]; crawl: 5 (unit OTHER), every processing case 25 days (with verification).
    code: '1.004746', source: 'opengov', confidence: 'G', timeLimit: { value: 5, unit: 'working-days' },
    timeLimitNote: 'Trường hợp phải xác minh: không quá 25 ngày (CSDL quốc gia về TTHC)',
    fees: provinceCivilStatusFee('Lệ phí đăng ký lại kết hôn'),
  },
  {
    // Row 7: 3 WD, +≤5 WD if verification [C Art 25].
    code: '1.001022', source: 'opengov', confidence: 'C', timeLimit: { value: 3, unit: 'working-days' },
    timeLimitNote: 'Trường hợp cần xác minh: kéo dài thêm không quá 05 ngày làm việc (Luật Hộ tịch 2014, Điều 25)',
    fees: provinceCivilStatusFee('Lệ phí đăng ký nhận cha, mẹ, con'),
  },
  {
    // Row 8: 3 WD, +≤3 WD if verification [C Art 28]; "bổ sung thông tin" same day (crawl steps).
    code: '1.004859', source: 'opengov', confidence: 'C', timeLimit: { value: 3, unit: 'working-days' },
    timeLimitNote:
      'Bổ sung thông tin hộ tịch: giải quyết ngay trong ngày (nhận sau 15 giờ thì trong ngày làm việc tiếp theo). Trường hợp cần xác minh: kéo dài thêm không quá 03 ngày làm việc (Luật Hộ tịch 2014, Điều 28)',
    fees: provinceCivilStatusFee('Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc'),
  },
  {
    // Row 9: 3 WD [C Art 20]; free [C Art 11].
    code: '1.004837', source: 'opengov', confidence: 'C', timeLimit: { value: 3, unit: 'working-days' },
    fees: free('Miễn lệ phí đăng ký giám hộ (Luật Hộ tịch 2014, Điều 11)'),
  },
  {
    // Termination of guardianship: crawl 2 WD, fee 0; free as guardianship registration [G].
    code: '1.004845', source: 'opengov', confidence: 'S',
    fees: free('Miễn lệ phí đăng ký giám hộ, chấm dứt giám hộ (Luật Hộ tịch 2014, Điều 11)'),
  },
  {
    // Row 10 (mobile registration): free; crawl 5 WD, in person only.
    code: '1.003583', source: 'opengov', confidence: 'S', onlineLevel: 'none',
    fees: free('Không thu lệ phí đăng ký khai sinh lưu động'),
  },
  {
    code: '1.000419', source: 'opengov', confidence: 'S', onlineLevel: 'none',
    fees: free('Không thu lệ phí đăng ký khai tử lưu động'),
  },
  {
    // Birth + recognition of parentage combined: as row 7 (3 WD, +5 WD verification); crawl case 8 WD.
    code: '1.000689', source: 'opengov', confidence: 'S', timeLimit: { value: 3, unit: 'working-days' },
    timeLimitNote: 'Trường hợp cần xác minh: kéo dài thêm không quá 05 ngày làm việc (CSDL quốc gia về TTHC: 08 ngày làm việc)',
    fees: provinceCivilStatusFee('Lệ phí đăng ký nhận cha, mẹ, con (kết hợp đăng ký khai sinh)', [
      'Phần đăng ký khai sinh đúng hạn được miễn lệ phí (Luật Hộ tịch 2014, Điều 11)',
    ]),
  },
  {
    code: '1.005461', source: 'opengov', confidence: 'S', fees: provinceCivilStatusFee('Lệ phí đăng ký lại khai tử'),
  },
  {
    // Row 11: immediately [C principle]; 8,000 đ per copy (Circular 281/2016/TT-BTC) [C].
    // The crawl names "Sở Tư pháp" (holder of the e-civil-status DB); the commune PC also issues copies.
    code: '2.000635', source: 'opengov', confidence: 'C', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: IMMEDIATE_NOTE, competentBody: UBND_XA,
    fees: {
      items: [{ kind: 'perCopy', name: 'Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', amount: 8_000 }],
      exemptions: [],
      note: '8.000 đồng/bản sao/sự kiện hộ tịch đã đăng ký (Thông tư 281/2016/TT-BTC)',
    },
  },
  {
    // Crawl: 1 WD; 8,000 đ per confirmation document, exemptions as civil-status fees (crawl fee text).
    code: '2.002516', source: 'opengov', confidence: 'S',
    fees: fixedFee('Lệ phí xác nhận thông tin hộ tịch', 8_000, {
      exemptions: [CIVIL_STATUS_PRIORITY_EXEMPT],
      note: '8.000 đồng/văn bản xác nhận về một việc hộ tịch của cá nhân đã đăng ký',
    }),
  },
  {
    // Row 12: moved from district to commune on 01/07/2025 [C principle]; time: crawl 10 WD; provincial fee.
    code: '2.000806', source: 'opengov', confidence: 'S', onlineLevel: 'partial',
    fees: provinceCivilStatusFee('Lệ phí đăng ký kết hôn có yếu tố nước ngoài'),
  },
  {
    // Foreign-element birth registration (commune since 01/07/2025): crawl steps "sau 15 giờ" → immediate.
    code: '2.000528', source: 'opengov', confidence: 'S', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: IMMEDIATE_NOTE,
    fees: provinceCivilStatusFee('Lệ phí đăng ký khai sinh có yếu tố nước ngoài'),
  },

  // ---- Cư trú — Công an cấp xã (rows 19–24) ----
  // Row 19: 7 WD (crawl); 20,000 đ in person / 10,000 đ online [S] (Circular 75/2022/TT-BTC).
  residenceRegistration('1.004222', {
    name: 'Lệ phí đăng ký thường trú', amount: 20_000,
    note: 'Nộp hồ sơ trực tiếp: 20.000 đồng/lần đăng ký; nộp trực tuyến: 10.000 đồng/lần đăng ký (Thông tư 75/2022/TT-BTC, sửa đổi bởi Thông tư 71/2025/TT-BTC)',
  }),
  // Row 20: 3 WD (crawl); 15,000 in person / 7,000 online; by list 10,000 / 5,000 per person (crawl fee text).
  residenceRegistration('1.004194', {
    name: 'Lệ phí đăng ký tạm trú', amount: 15_000,
    note: 'Cá nhân, hộ gia đình: trực tiếp 15.000 đồng/lần, trực tuyến 7.000 đồng/lần; đăng ký theo danh sách: trực tiếp 10.000 đồng/người/lần, trực tuyến 5.000 đồng/người/lần (Thông tư 75/2022/TT-BTC)',
  }),
  // Row 21: 3 WD (crawl); fees as temporary residence (crawl fee text).
  residenceRegistration('1.002755', {
    name: 'Lệ phí gia hạn tạm trú', amount: 15_000,
    note: 'Cá nhân, hộ gia đình: trực tiếp 15.000 đồng/lần, trực tuyến 7.000 đồng/lần; theo danh sách: trực tiếp 10.000 đồng/người/lần, trực tuyến 5.000 đồng/người/lần (Thông tư 75/2022/TT-BTC)',
  }),
  {
    // Row 22: crawl 1 WD (complex cases ≤2 WD); free [G].
    code: '1.003677', source: 'opengov', confidence: 'S', competentBody: CONG_AN_XA,
    timeLimit: { value: 1, unit: 'working-days' },
    timeLimitNote: 'Trường hợp phức tạp: không quá 02 ngày làm việc',
    resultType: 'Phiếu khai báo tạm vắng (CT03)',
    fees: free('Không thu lệ phí'),
  },
  // Row 24: 5 WD (crawl); 10,000 in person / 5,000 online (crawl fee text).
  residenceRegistration('1.010038', {
    name: 'Lệ phí tách hộ', amount: 10_000,
    note: 'Nộp trực tiếp: 10.000 đồng/lần đăng ký; nộp trực tuyến: 5.000 đồng/lần đăng ký (Thông tư 75/2022/TT-BTC)',
  }),
  // Commune-PC confirmations needed for residence registration (crawl: 2 WD, free).
  { code: '1.013313', source: 'opengov', confidence: 'S', fees: FREE },
  { code: '1.013314', source: 'opengov', confidence: 'S', fees: FREE },

  // ---- Chứng thực (rows 13–18), from the chatbot_tthc scrape ----
  {
    // Row 13: same day / after 15:00 next WD, +≤2 WD for bulky requests [C]; 2,000/1,000 đ per page, cap 200,000 [C].
    code: '2.000815', source: 'chatbot', confidence: 'C', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: `${IMMEDIATE_NOTE}. Yêu cầu chứng thực số lượng lớn: có thể kéo dài không quá 02 ngày làm việc (Nghị định 23/2015/NĐ-CP, Điều 7, 21)`,
    competentBody: UBND_XA, onlineLevel: 'none',
    fees: {
      items: [certifiedCopyFeeItem()],
      exemptions: [],
      note: '2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang; tối đa 200.000 đồng/bản. Số trang tính theo bản chính (Thông tư 226/2016/TT-BTC)',
    },
  },
  {
    // Row 14: same day [C]; 10,000 đ per case (one or more signatures in one document) [C].
    code: '2.000884', source: 'chatbot', confidence: 'C', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: IMMEDIATE_NOTE, competentBody: UBND_XA, onlineLevel: 'none',
    fees: fixedFee('Phí chứng thực chữ ký', 10_000, {
      note: '10.000 đồng/trường hợp; một trường hợp là một hoặc nhiều chữ ký trong một giấy tờ, văn bản (Thông tư 226/2016/TT-BTC)',
    }),
  },
  {
    // Row 15: as Art 7 (same day) or longer by agreement [C]; 10,000 đ/case [G in domain-vn, confirmed by the crawl].
    code: '2.000992', source: 'chatbot', confidence: 'S', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: `${IMMEDIATE_NOTE}; có thể dài hơn theo thỏa thuận bằng văn bản với người yêu cầu`,
    competentBody: UBND_XA, onlineLevel: 'none',
    fees: fixedFee('Phí chứng thực chữ ký người dịch', 10_000, {
      note: '10.000 đồng/trường hợp (Thông tư 226/2016/TT-BTC)',
    }),
  },
  {
    // Row 16: ≤2 WD [C]; 50,000 đ per contract; amendment 30,000; error fixing 25,000; agricultural-loan mortgage exempt [C].
    code: '2.001035', source: 'chatbot', confidence: 'C', timeLimit: { value: 2, unit: 'working-days' },
    timeLimitNote: 'Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (Nghị định 23/2015/NĐ-CP)',
    competentBody: UBND_XA,
    fees: fixedFee('Phí chứng thực hợp đồng, giao dịch', 50_000, {
      exemptions: [
        'Cá nhân, hộ gia đình vay vốn tại tổ chức tín dụng để phục vụ phát triển nông nghiệp, nông thôn (Nghị định 55/2015/NĐ-CP): không phải nộp phí chứng thực hợp đồng thế chấp tài sản',
      ],
      note: 'Chứng thực hợp đồng, giao dịch: 50.000 đồng/hợp đồng, giao dịch; sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch: 30.000 đồng; sửa lỗi sai sót trong hợp đồng đã được chứng thực: 25.000 đồng (Thông tư 226/2016/TT-BTC)',
    }),
  },
  {
    // Row 17: ≤2 WD [G]; 50,000 đ per will (crawl "50,000 /di chúc").
    code: '2.001019', source: 'chatbot', confidence: 'G', timeLimit: { value: 2, unit: 'working-days' },
    timeLimitNote: 'Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', competentBody: UBND_XA,
    fees: fixedFee('Phí chứng thực di chúc', 50_000),
  },
  {
    // Row 17: ≤2 WD [G]; crawl says 50,000 đ/văn bản, domain-vn says 25,000 [G] — crawl value used, flagged G.
    code: '2.001016', source: 'chatbot', confidence: 'G', timeLimit: { value: 2, unit: 'working-days' },
    timeLimitNote: 'Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', competentBody: UBND_XA,
    fees: fixedFee('Phí chứng thực văn bản từ chối nhận di sản', 50_000, {
      note: 'Mức thu theo CSDL quốc gia về TTHC (50.000 đồng/văn bản); cần đối chiếu Thông tư 226/2016/TT-BTC',
    }),
  },
  {
    // Row 18: same day / after 15:00 next WD [S Hà Nội process]; crawl "1 Ngày làm việc, Miễn phí".
    code: '2.000908', source: 'chatbot', confidence: 'S', workflow: 'immediate', timeLimit: IMMEDIATE,
    timeLimitNote: `${IMMEDIATE_NOTE} (CSDL quốc gia về TTHC ghi: 01 ngày làm việc)`,
    competentBody: 'Ủy ban nhân dân cấp xã (cơ quan đang quản lý sổ gốc)',
    fees: free('Không thu phí'),
  },

  // ---- Giảm nghèo, Hòa giải ở cơ sở ----
  {
    // Row 29: crawl "15 Ngày", free, in person or by post.
    code: '1.011607', source: 'chatbot', confidence: 'S', competentBody: UBND_XA, onlineLevel: 'none',
    fees: free('Không thu phí'),
  },
  {
    // Row 34: crawl 5 WD, free; decided by the commune PC chair.
    code: '1.002211', source: 'chatbot', confidence: 'S', competentBody: 'Chủ tịch Ủy ban nhân dân cấp xã',
    fees: free('Không thu phí'),
  },
];

// ---------------------------------------------------------------------------------------------
// Build

function normaliseBody(s: string | null): string {
  const c = clean(s);
  if (!c) return UBND_XA;
  if (/^công an cấp xã$/i.test(c)) return CONG_AN_XA;
  return c;
}

function resultFromOpengov(r: OgRecord): string {
  const results = r.results.map(clean).filter((x) => x && !/^phiếu từ chối/i.test(x));
  return results[0] ?? 'Văn bản trả lời kết quả giải quyết';
}

function resultFromChatbot(r: CbRecord): string {
  return clean(r.ket_qua_xu_ly.split('Mã:')[0] ?? '') || 'Văn bản trả lời kết quả giải quyết';
}

function build(): ProcedureVersion[] {
  const opengov = new Map(readJson<OgRecord[]>('tthc/dvc-procedures-commune-opengov-2026-07-18.json').map((r) => [r.code, r]));
  const chatbotGroups = readJson<Record<string, CbRecord[]>>('tthc/dvc-procedures-commune-chatbot-tthc-2026-07.json');
  const chatbot = new Map<string, CbRecord>();
  for (const key of Object.keys(chatbotGroups).sort()) {
    for (const r of chatbotGroups[key] ?? []) if (!chatbot.has(r.ma_thu_tuc)) chatbot.set(r.ma_thu_tuc, r);
  }
  const catalog = new Map<string, CatRecord>();
  for (const line of readFileSync(path.join(sharedDir, 'tthc/dvc-catalog-2026-07-18.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as CatRecord;
    if (!catalog.has(r.code)) catalog.set(r.code, r);
  }

  const out: ProcedureVersion[] = [];
  for (const spec of SELECTION) {
    const cat = catalog.get(spec.code);
    let base: Omit<ProcedureVersion, 'fees' | 'confidence' | 'effectiveFrom' | 'level'>;
    if (spec.source === 'opengov') {
      const r = opengov.get(spec.code);
      if (!r) throw new Error(`${spec.code}: not in the OpenGOV crawl`);
      const t = timeFromOpengov(r);
      const limit = spec.timeLimit ?? t?.limit;
      if (!limit) throw new Error(`${spec.code}: no time limit`);
      const online = r.channels.some((c) => c.method === 'ONLINE') ? 'full' : 'none';
      const body = spec.competentBody ?? normaliseBody(r.executing_agency);
      const sector = spec.sector ?? r.category?.name ?? cat?.categories[0];
      if (!sector) throw new Error(`${spec.code}: no sector`);
      base = {
        code: r.code,
        name: spec.name ?? procedureName(r.name),
        sector: clean(sector),
        ...(r.category?.code ? { sectorCode: clean(r.category.code) } : {}),
        competentBody: body,
        timeLimit: limit,
        // The crawl's note on longer cases only describes the crawled limit, so drop it when overridden.
        ...(spec.timeLimitNote ? { timeLimitNote: spec.timeLimitNote } : !spec.timeLimit && t?.note ? { timeLimitNote: t.note } : {}),
        requiredDocuments: docsFromOpengov(r),
        resultType: spec.resultType ?? resultFromOpengov(r),
        onlineLevel: spec.onlineLevel ?? online,
        legalBasis: [...new Set(r.legal_basis.map((l) => legalCodes(l.code)[0] ?? clean(l.code)))],
        workflow: spec.workflow ?? 'standard',
      };
    } else {
      const r = chatbot.get(spec.code);
      if (!r) throw new Error(`${spec.code}: not in the chatbot_tthc scrape`);
      const limit = spec.timeLimit ?? timeFromChatbot(r);
      if (!limit) throw new Error(`${spec.code}: no time limit`);
      const online = /Trực tuyến/.test(r.cach_thuc_thuc_hien) ? 'full' : 'none';
      base = {
        code: r.ma_thu_tuc,
        name: spec.name ?? procedureName(r.ten_thu_tuc),
        sector: clean(spec.sector ?? r.linh_vuc ?? cat?.categories[0] ?? ''),
        competentBody: spec.competentBody ?? UBND_XA,
        timeLimit: limit,
        ...(spec.timeLimitNote ? { timeLimitNote: spec.timeLimitNote } : {}),
        requiredDocuments: docsFromChatbot(r),
        resultType: spec.resultType ?? resultFromChatbot(r),
        onlineLevel: spec.onlineLevel ?? online,
        legalBasis: legalCodes(r.can_cu_phap_ly),
        workflow: spec.workflow ?? 'standard',
      };
    }
    const record: ProcedureVersion = {
      ...base,
      level: 'commune',
      fees: spec.fees,
      effectiveFrom: EFFECTIVE_FROM,
      confidence: spec.confidence,
    };
    // Fixed key order for stable, readable JSON.
    const ordered = ProcedureVersionSchema.parse({
      code: record.code,
      name: record.name,
      sector: record.sector,
      sectorCode: record.sectorCode,
      level: record.level,
      competentBody: record.competentBody,
      timeLimit: record.timeLimit,
      timeLimitNote: record.timeLimitNote,
      workflow: record.workflow,
      onlineLevel: record.onlineLevel,
      requiredDocuments: record.requiredDocuments,
      fees: record.fees,
      resultType: record.resultType,
      legalBasis: record.legalBasis,
      effectiveFrom: record.effectiveFrom,
      confidence: record.confidence,
    });
    out.push(ordered);
  }
  const codes = out.map((p) => p.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw new Error(`duplicate code ${dup}`);
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const procedures = build();
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(procedures, null, 2)}\n`, 'utf8');
console.log(`wrote ${procedures.length} procedures to ${path.relative(repoRoot, outFile)}`);
