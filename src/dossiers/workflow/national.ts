/**
 * Codes used when synchronising with the national public-service portal (DVCQG, HoSoDongBoDVC).
 * Status list (TrangThaiHoSo): 1 Mới đăng ký · 2 Được tiếp nhận · 3 Không được tiếp nhận · 4 Đang xử lý ·
 * 5 Yêu cầu bổ sung giấy tờ · 6 Yêu cầu thực hiện nghĩa vụ tài chính · 7 Công dân yêu cầu rút hồ sơ ·
 * 8 Dừng xử lý · 9 Đã xử lý xong · 10 Đã trả kết quả (research notes §1.7, secondary sources).
 */
import type { Channel, DossierState } from './types.js';

export const NATIONAL_STATUS: Readonly<Record<DossierState, number | null>> = Object.freeze({
  /** not yet handed in: not synchronised */
  draft: null,
  submitted: 1,
  received: 2,
  refusedIntake: 3,
  processing: 4,
  /** approval is part of processing nationally */
  awaitingApproval: 4,
  supplementRequested: 5,
  withdrawn: 7,
  stopped: 8,
  resultReady: 9,
  /**
   * Refusal after appraisal is a processing result (the refusal notice is returned like a result, then 10);
   * 3 is reserved for refusal at intake. Check against the official DVCQG spec before go-live.
   */
  refused: 9,
  returned: 10,
});

/** KenhThucHien: 1 Trực tiếp, 2 Trực tuyến, 3 Qua bưu chính công ích. */
export const NATIONAL_CHANNEL: Readonly<Record<Channel, 1 | 2 | 3>> = Object.freeze({
  counter: 1,
  online: 2,
  post: 3,
});
