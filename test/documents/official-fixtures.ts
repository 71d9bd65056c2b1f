import type { OfficialDocument } from '../../src/documents/official/model.js';
import {
  certifiedCopyCertificate,
  maritalStatusConfirmation,
  officialLetter,
  type IssuerInput,
} from '../../src/documents/official/templates.js';

/** 05/01/2027 09:00 Vietnam time. */
export const ISSUE_DATE = new Date('2027-01-05T02:00:00Z');

export const ISSUER: IssuerInput = {
  parentBody: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH',
  issuingBody: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ',
  place: 'Tứ Mỹ',
};

export const LAST_WORDS = 'Trân trọng./.';

export function decision(): OfficialDocument {
  return {
    kind: 'decision',
    parentBody: null,
    issuingBody: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ',
    number: '15',
    symbol: 'QĐ-UBND',
    place: 'Tứ Mỹ',
    date: ISSUE_DATE,
    title: 'QUYẾT ĐỊNH',
    summary: 'Về việc công nhận tổ hợp tác sản xuất rau an toàn thôn Đông',
    body: [
      { kind: 'heading', text: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ' },
      {
        kind: 'paragraph',
        italic: true,
        text: [
          'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
          'Căn cứ Nghị định số 77/2019/NĐ-CP ngày 10 tháng 10 năm 2019 của Chính phủ về tổ hợp tác;',
          'Theo đề nghị của công chức Văn phòng - Thống kê xã.',
        ],
      },
      { kind: 'heading', text: 'QUYẾT ĐỊNH:' },
      {
        kind: 'article',
        text: [
          'Điều 1. Công nhận Tổ hợp tác sản xuất rau an toàn thôn Đông, gồm 12 thành viên, do ông Lê Văn Hùng làm tổ trưởng, hoạt động theo hợp đồng hợp tác ký ngày 20 tháng 12 năm 2026.',
          'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
          'Điều 3. Văn phòng Ủy ban nhân dân xã, Trưởng thôn Đông và các thành viên Tổ hợp tác chịu trách nhiệm thi hành Quyết định này./.',
        ],
      },
    ],
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', signerName: 'Nguyễn Thị Hoa' },
    recipients: ['Như Điều 3', 'Chủ tịch, các PCT UBND xã', 'Lưu: VT, VP'],
    qrUrl: 'https://tumy.xaso.vn/tra-cuu/van-ban/15-QD-UBND-2027',
  };
}

export function marital(number: string | null = '15'): OfficialDocument {
  return maritalStatusConfirmation({
    issuer: ISSUER,
    number,
    date: ISSUE_DATE,
    applicant: {
      fullName: 'Nguyễn Văn An',
      birthDate: new Date('1995-03-08T00:00:00Z'),
      gender: 'Nam',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      idNumber: '042095001234',
      residence: 'Thôn Đông, xã Tứ Mỹ, tỉnh Hà Tĩnh',
    },
    maritalStatus: 'Hiện tại chưa đăng ký kết hôn với ai.',
    purpose: 'Đăng ký kết hôn với bà Trần Thị Bình',
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Thị Hoa' },
    recipients: ['Ông Nguyễn Văn An'],
    qrUrl: 'https://tumy.xaso.vn/tra-cuu/ho-so/000.00.21.H27-270105-0001',
  });
}

export function certifiedCopy(): OfficialDocument {
  return certifiedCopyCertificate({
    issuer: ISSUER,
    certNumber: '125',
    bookNumber: '01/2027',
    date: ISSUE_DATE,
    originalDocument: 'Bằng tốt nghiệp trung học phổ thông số B0123456 mang tên Nguyễn Văn An',
    pages: 1,
    copies: 2,
    feeText: '4.000 đồng',
    signer: { title: 'CHỦ TỊCH', name: 'Trần Văn Bình' },
    qrUrl: 'https://tumy.xaso.vn/tra-cuu/ho-so/000.00.21.H27-270105-0002',
  });
}

const LOREM = [
  'Thực hiện Kế hoạch số 12/KH-UBND ngày 02 tháng 01 năm 2027 của Ủy ban nhân dân tỉnh về chuyển đổi số trong giải quyết thủ tục hành chính, Ủy ban nhân dân xã Tứ Mỹ đã triển khai tiếp nhận và trả kết quả hồ sơ trực tuyến toàn trình đối với các thủ tục thuộc thẩm quyền.',
  'Để có cơ sở rà soát, số hóa dữ liệu hộ tịch đã đăng ký trước ngày 01 tháng 01 năm 2016, Ủy ban nhân dân xã đề nghị quý cơ quan cung cấp danh mục sổ hộ tịch đang lưu trữ, tình trạng bảo quản và đầu mối phối hợp, đồng thời hướng dẫn quy trình đối chiếu khi có sai lệch giữa sổ gốc và dữ liệu điện tử.',
  'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về Văn phòng Ủy ban nhân dân xã (số điện thoại 0239 3 812 345) để được phối hợp giải quyết kịp thời.',
];

export function letter(paragraphs = 3): OfficialDocument {
  const paras: string[] = [];
  for (let i = 0; i < paragraphs; i++) paras.push(LOREM[i % LOREM.length] ?? '');
  paras.push(`Ủy ban nhân dân xã Tứ Mỹ rất mong nhận được sự phối hợp của quý cơ quan. ${LAST_WORDS}`);
  return officialLetter({
    issuer: { ...ISSUER, parentBody: null },
    number: '05',
    symbol: 'UBND-VP',
    date: ISSUE_DATE,
    subject: 'đề nghị cung cấp thông tin sổ hộ tịch phục vụ số hóa',
    to: ['Phòng Tư pháp - Hộ tịch, Sở Tư pháp tỉnh Hà Tĩnh'],
    paragraphs: paras,
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Bình' },
    recipients: ['Như trên', 'TT Đảng ủy, HĐND xã (b/c)', 'Chủ tịch, các PCT UBND xã'],
    qrUrl: null,
  });
}
