/**
 * The Vietnamese e-mails, one per kind: formal and short, saying what happened, what to do next and where to
 * look the dossier up. Built once as blocks, then written as plain text and as simple HTML (email-render.tsx),
 * so the two parts always say the same.
 */
import { formatMomentVi } from '../platform/i18n/text.js';
import { peoplesCommitteeName } from '../identity/index.js';
import { RETURN_METHODS, type Notice } from './notice.js';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; items: Array<[label: string, value: string]> }
  | { kind: 'link'; text: string; url: string };

export interface EmailContent {
  subject: string;
  greeting: string;
  blocks: Block[];
  signature: string[];
}

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const link = (text: string, url: string): Block => ({ kind: 'link', text, url });

const when = (d: Date | null): string => (d ? formatMomentVi(d) : 'chưa xác định');

export function emailContent(n: Notice): EmailContent {
  const office = `Bộ phận Một cửa ${peoplesCommitteeName(n.unitName)}`;
  const dossierFacts: Array<[string, string]> = [['Mã hồ sơ', n.code], ['Thủ tục', n.procedureName]];
  const lookup = [paragraph('Ông/Bà tra cứu tình trạng hồ sơ bằng mã hồ sơ tại:'), link(n.lookupUrl, n.lookupUrl)];
  const base = { greeting: `Kính gửi Ông/Bà ${n.applicantName},`, signature: ['Trân trọng,', office] };
  const f = n.facts;
  switch (f.kind) {
    case 'received':
      return {
        ...base,
        subject: `Đã tiếp nhận hồ sơ ${n.code}`,
        blocks: [
          paragraph(`${office} đã tiếp nhận hồ sơ của Ông/Bà.`),
          { kind: 'facts', items: [...dossierFacts, ['Ngày hẹn trả kết quả', when(f.dueAt)]] },
          ...lookup,
          paragraph('Chúng tôi sẽ báo để Ông/Bà biết khi hồ sơ có kết quả hoặc cần bổ sung giấy tờ.'),
        ],
      };
    case 'supplementRequested':
      return {
        ...base,
        subject: `Hồ sơ ${n.code} cần bổ sung giấy tờ`,
        blocks: [
          paragraph(`Để giải quyết hồ sơ của Ông/Bà, ${office} đề nghị Ông/Bà bổ sung, hoàn thiện các giấy tờ sau:`),
          { kind: 'list', items: f.missingItems },
          ...(f.reason ? [paragraph(`Lý do: ${f.reason}`)] : []),
          { kind: 'facts', items: dossierFacts },
          paragraph(n.ownPageUrl
            ? 'Ông/Bà nộp bổ sung trên trang hồ sơ của mình hoặc tại Bộ phận Một cửa. Thời gian giải quyết tạm dừng cho đến khi nhận đủ giấy tờ.'
            : 'Ông/Bà nộp bổ sung tại Bộ phận Một cửa, mang theo Giấy tiếp nhận hồ sơ. Thời gian giải quyết tạm dừng cho đến khi nhận đủ giấy tờ.'),
          ...(n.ownPageUrl ? [link(n.ownPageUrl, n.ownPageUrl)] : lookup),
        ],
      };
    case 'resultReady':
      return {
        ...base,
        subject: `Hồ sơ ${n.code} đã có kết quả`,
        blocks: [
          paragraph('Hồ sơ của Ông/Bà đã có kết quả giải quyết.'),
          { kind: 'facts', items: dossierFacts },
          paragraph(`Mời Ông/Bà đến nhận kết quả tại ${office}, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`),
          ...(n.ownPageUrl ? [paragraph('Bản điện tử có chữ ký số của kết quả xem tại trang hồ sơ của Ông/Bà:'), link(n.ownPageUrl, n.ownPageUrl)] : lookup),
        ],
      };
    case 'apology':
      return {
        ...base,
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${n.code}`,
        blocks: [
          paragraph(`${office} chân thành xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hẹn${f.previousDueAt ? ` (${formatMomentVi(f.previousDueAt)})` : ''}.`),
          ...(f.reason ? [paragraph(`Lý do: ${f.reason}`)] : []),
          { kind: 'facts', items: [...dossierFacts, ['Ngày hẹn trả kết quả mới', when(f.newDueAt)]] },
          ...lookup,
        ],
      };
    case 'returned':
      return {
        ...base,
        subject: `Hồ sơ ${n.code} đã được trả kết quả`,
        blocks: [
          paragraph(`Hồ sơ của Ông/Bà đã được trả kết quả${RETURN_METHODS[f.method] ? ` ${RETURN_METHODS[f.method]}` : ''} lúc ${formatMomentVi(f.at)}.`),
          { kind: 'facts', items: dossierFacts },
          ...(n.ownPageUrl
            ? [paragraph('Cảm ơn Ông/Bà đã sử dụng dịch vụ. Mời Ông/Bà đánh giá mức độ hài lòng tại trang hồ sơ của mình:'), link(n.ownPageUrl, n.ownPageUrl)]
            : [paragraph('Cảm ơn Ông/Bà đã sử dụng dịch vụ.'), ...lookup]),
        ],
      };
    case 'refused':
      return {
        ...base,
        subject: f.atIntake ? `Hồ sơ ${n.code} không được tiếp nhận` : `Hồ sơ ${n.code} không được giải quyết`,
        blocks: [
          paragraph(f.atIntake
            ? `${office} thông báo: hồ sơ Ông/Bà nộp trực tuyến không được tiếp nhận.`
            : `${office} thông báo: hồ sơ của Ông/Bà không đủ điều kiện giải quyết.`),
          ...(f.reason ? [paragraph(`Lý do: ${f.reason}`)] : []),
          { kind: 'facts', items: dossierFacts },
          paragraph(f.atIntake
            ? 'Ông/Bà có thể hoàn thiện hồ sơ theo lý do nêu trên rồi nộp lại. Nếu cần hướng dẫn, xin liên hệ Bộ phận Một cửa.'
            : 'Văn bản trả lời nêu rõ lý do được trả cho Ông/Bà tại Bộ phận Một cửa. Ông/Bà có quyền khiếu nại theo quy định của pháp luật.'),
          ...(n.ownPageUrl ? [link(n.ownPageUrl, n.ownPageUrl)] : lookup),
        ],
      };
    case 'stopped':
      return {
        ...base,
        subject: `Hồ sơ ${n.code} đã dừng giải quyết`,
        blocks: [
          paragraph(`${office} thông báo: việc giải quyết hồ sơ của Ông/Bà đã dừng.`),
          ...(f.reason ? [paragraph(`Lý do: ${f.reason}`)] : []),
          { kind: 'facts', items: dossierFacts },
          paragraph('Nếu cần hướng dẫn, xin liên hệ Bộ phận Một cửa.'),
          ...(n.ownPageUrl ? [link(n.ownPageUrl, n.ownPageUrl)] : lookup),
        ],
      };
  }
}
