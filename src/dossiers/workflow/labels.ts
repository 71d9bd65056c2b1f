/** Vietnamese labels for states, actions, channels and roles (what people read). */
import type { ActionName, Channel, DossierState, StaffRole } from './types.js';

export const STATE_LABELS: Readonly<Record<DossierState, string>> = Object.freeze({
  draft: 'Bản nháp',
  submitted: 'Chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  refusedIntake: 'Không tiếp nhận',
  supplementRequested: 'Chờ bổ sung hồ sơ',
  processing: 'Đang xử lý',
  awaitingApproval: 'Chờ phê duyệt',
  resultReady: 'Có kết quả, chờ trả',
  refused: 'Từ chối giải quyết',
  stopped: 'Dừng xử lý',
  withdrawn: 'Đã rút hồ sơ',
  returned: 'Đã trả kết quả',
});

/** Button labels. */
export const ACTION_LABELS: Readonly<Record<ActionName, string>> = Object.freeze({
  submit: 'Nộp hồ sơ',
  receive: 'Tiếp nhận',
  refuseIntake: 'Từ chối tiếp nhận',
  requestSupplement: 'Yêu cầu bổ sung',
  supplement: 'Đã nhận hồ sơ bổ sung',
  assign: 'Phân công',
  recordVerification: 'Ghi nhận thẩm định, xác minh',
  submitForApproval: 'Trình phê duyệt',
  approve: 'Phê duyệt',
  sendBack: 'Trả lại để xử lý tiếp',
  refuse: 'Từ chối giải quyết',
  apologize: 'Xin lỗi và hẹn lại',
  stop: 'Dừng xử lý',
  withdraw: 'Rút hồ sơ',
  returnResult: 'Trả kết quả',
  rate: 'Đánh giá',
});

/** Lower-case verb phrases used inside sentences ("không thể …", "mới được …"). */
export const ACTION_PHRASES: Readonly<Record<ActionName, string>> = Object.freeze({
  submit: 'nộp hồ sơ',
  receive: 'tiếp nhận hồ sơ',
  refuseIntake: 'từ chối tiếp nhận',
  requestSupplement: 'yêu cầu bổ sung hồ sơ',
  supplement: 'ghi nhận hồ sơ bổ sung',
  assign: 'phân công xử lý',
  recordVerification: 'ghi nhận thẩm định, xác minh',
  submitForApproval: 'trình phê duyệt',
  approve: 'phê duyệt',
  sendBack: 'trả lại để xử lý tiếp',
  refuse: 'từ chối giải quyết',
  apologize: 'gửi văn bản xin lỗi và hẹn lại',
  stop: 'dừng xử lý',
  withdraw: 'rút hồ sơ',
  returnResult: 'trả kết quả',
  rate: 'đánh giá',
});

/** Tone of a status tag: green done, amber waiting on the resident, red refused/stopped. */
export const STATE_TONE: Readonly<Record<DossierState, 'neutral' | 'green' | 'amber' | 'red'>> = Object.freeze({
  draft: 'neutral',
  submitted: 'neutral',
  received: 'neutral',
  supplementRequested: 'amber',
  processing: 'neutral',
  awaitingApproval: 'neutral',
  resultReady: 'green',
  returned: 'green',
  refusedIntake: 'red',
  refused: 'red',
  stopped: 'red',
  withdrawn: 'neutral',
});

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = Object.freeze({
  counter: 'Trực tiếp',
  online: 'Trực tuyến',
  post: 'Qua bưu chính công ích',
});

/** Lower-case role names used inside sentences. */
export const ROLE_PHRASES: Readonly<Record<StaffRole, string>> = Object.freeze({
  receptionist: 'cán bộ tiếp nhận',
  specialist: 'chuyên viên',
  leader: 'lãnh đạo',
  clerk: 'văn thư',
  editor: 'biên tập viên',
  unitAdmin: 'quản trị đơn vị',
  provinceAdmin: 'quản trị tỉnh',
});
