import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Notice } from '../../web/components/form.js';
import type { Dossier, DossierEvent } from '../model.js';
import { moment, StatusTag, Timeline, initials } from './parts.js';

export interface LookupPageProps {
  ctx: PageContext;
  code: string;
  phoneTail: string;
  found: { dossier: Dossier; events: DossierEvent[]; verified: boolean } | null;
  message?: string;
}

const resultText = (state: Dossier['state']): string =>
  state === 'resultReady' ? 'Đã có kết quả, mời đến nhận' : state === 'returned' ? 'Đã trả kết quả' : 'Chưa có kết quả';

/** Public lookup by dossier code: no login, nothing personal unless the phone number's last 4 digits match. */
export function LookupPage(p: LookupPageProps) {
  const d = p.found?.dossier;
  return (
    <Layout ctx={p.ctx} title="Tra cứu hồ sơ">
      <>
        <h1>Tra cứu hồ sơ</h1>
        <form method="get" action="/tra-cuu" class="search" role="search">
          <div class="field">
            <label for="ma">Mã hồ sơ</label>
            <span class="hint" id="ma-hint">In trên Giấy tiếp nhận hồ sơ, ví dụ H42.18202-260213-0001</span>
            <input id="ma" name="ma" type="search" value={p.code} aria-describedby="ma-hint" autocomplete="off" />
          </div>
          <div class="field">
            <label for="sdt">4 số cuối điện thoại người nộp (không bắt buộc)</label>
            <input id="sdt" name="sdt" type="text" inputmode="numeric" class="short" value={p.phoneTail} autocomplete="off" />
          </div>
          <button class="button" type="submit">Tra cứu</button>
        </form>
        {p.message ? <Notice kind="warning"><p safe>{p.message}</p></Notice> : ''}
        {d && p.found ? (
          <section aria-labelledby="result-title">
            <h2 id="result-title" safe>{`Hồ sơ ${d.code}`}</h2>
            <dl class="facts">
              <dt>Trạng thái</dt>
              <dd><StatusTag dossier={d} /></dd>
              <dt>Thủ tục</dt>
              <dd safe>{d.procedure.name}</dd>
              <dt>Ngày tiếp nhận</dt>
              <dd safe>{moment(d.receivedAt ?? d.submittedAt)}</dd>
              <dt>Hẹn trả kết quả</dt>
              <dd safe>{moment(d.dueAt)}</dd>
              {p.found.verified ? (
                <>
                  <dt>Người nộp</dt>
                  <dd safe>{initials(d.applicant.fullName)}</dd>
                  <dt>Kết quả</dt>
                  <dd safe>{resultText(d.state)}</dd>
                </>
              ) : (
                ''
              )}
            </dl>
            <h3>Quá trình xử lý</h3>
            <Timeline events={p.found.events} redacted={true} ownerUserId={d.ownerUserId} />
          </section>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}
