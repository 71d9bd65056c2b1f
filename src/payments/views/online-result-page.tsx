/** /thanh-toan/<gateway>/ket-qua — where the payer's browser comes back from the gateway. */
import { formatVnd } from '../../catalog/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Notice } from '../../web/components/form.js';

export interface OnlineResultProps {
  ctx: PageContext;
  /** paid: our records say the fee is paid; waiting: the gateway says success, its notification has not arrived yet. */
  state: 'paid' | 'waiting' | 'failed' | 'invalid' | 'duplicate';
  message: string;
  dossierCode: string | null;
  amount: number | null;
  /** The applicant's dossier page (the receipt is there). */
  dossierHref: string | null;
  /** The signed receipt, when the viewer is the applicant and it is issued. */
  receiptHref: string | null;
  receiptLabel: string | null;
  gatewayLabel: string;
  /** This page's own address (with the gateway's signed parameters), to look again. */
  reloadHref: string;
}

const TITLES: Record<OnlineResultProps['state'], string> = {
  paid: 'Đã thanh toán',
  waiting: 'Đang chờ xác nhận thanh toán',
  failed: 'Chưa thanh toán được',
  invalid: 'Không xác thực được kết quả thanh toán',
  duplicate: 'Thanh toán trùng, sẽ được hoàn tiền',
};

export function OnlineResultPage(p: OnlineResultProps) {
  const kind = p.state === 'paid' ? 'success' : p.state === 'waiting' ? 'info' : p.state === 'duplicate' ? 'warning' : 'error';
  return (
    <Layout ctx={p.ctx} title={TITLES[p.state]} head={<meta name="robots" content="noindex" />}>
      <>
        <h1 safe>{TITLES[p.state]}</h1>
        <Notice kind={kind}>
          <>
            <p safe>{p.message}</p>
            {p.dossierCode && p.amount !== null ? <p safe>{`Hồ sơ ${p.dossierCode}, số tiền ${formatVnd(p.amount)}, qua ${p.gatewayLabel}.`}</p> : ''}
          </>
        </Notice>
        {p.receiptHref ? <p><a class="button" href={p.receiptHref} safe>{`Tải biên lai điện tử ${p.receiptLabel ?? ''} (PDF có chữ ký số)`}</a></p> : ''}
        {p.state === 'waiting' ? <p><a href={p.reloadHref}>Tải lại trang</a> sau vài giây để xem kết quả.</p> : ''}
        {p.dossierHref ? <p><a href={p.dossierHref}>{p.state === 'failed' ? 'Quay lại hồ sơ để thanh toán lại' : 'Xem hồ sơ và biên lai'}</a></p> : ''}
      </>
    </Layout>
  );
}
