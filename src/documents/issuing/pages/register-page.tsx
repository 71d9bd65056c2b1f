import type { PageContext } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { UnitChooser, YearField } from '../../../web/components/form.js';
import { formatVnDate } from '../../text.js';
import type { UnitChoice } from './list-page.js';
import { REGISTER_COLUMNS, type RegisterRow } from './parts.js';

export interface RegisterPageProps {
  ctx: PageContext;
  unit: UnitChoice;
  units: UnitChoice[];
  /** "Ủy ban nhân dân xã Tứ Mỹ" */
  bodyName: string;
  year: number;
  register: string;
  rows: RegisterRow[];
}

const date = (d: Date | null) => (d ? formatVnDate(d) : '');

/**
 * /can-bo/so-van-ban-di: Sổ đăng ký văn bản đi (Decree 30/2020, Appendix IV). One page that prints as the paper
 * register (A4 landscape, header row repeated on each sheet, navigation hidden) with the browser's own print command.
 */
export function RegisterPage(p: RegisterPageProps) {
  const query = (extra = '') => `nam=${p.year}&so=${encodeURIComponent(p.register)}&don-vi=${encodeURIComponent(p.unit.code)}${extra}`;
  const captionId = 'register-caption';
  return (
    <Layout ctx={p.ctx} title={`Sổ đăng ký văn bản đi năm ${p.year}`}>
      <div class="register-sheet">
        <p class="screen-only"><a href={`/can-bo/van-ban-di?don-vi=${encodeURIComponent(p.unit.code)}`}>Danh sách văn bản đi</a></p>
        <p class="register-body" safe>{p.bodyName.toLocaleUpperCase('vi')}</p>
        <h1>
          <span class="register-title">Sổ đăng ký văn bản đi</span>
          <span class="register-year" safe>{`Năm ${p.year}`}</span>
        </h1>
        <form method="get" action="/can-bo/so-van-ban-di" class="inline-form screen-only">
          <YearField year={p.year} min={2000} max={2100} />
          <UnitChooser units={p.units} current={p.unit.code} />
          <input type="hidden" name="so" value={p.register} />
          <button class="button secondary" type="submit">Xem sổ</button>
        </form>
        <div class="actions screen-only">
          <a class="button secondary" href={`/can-bo/so-van-ban-di.xlsx?${query()}`}>Tải về Excel (.xlsx)</a>
          <button class="button secondary" type="button" data-print="" hidden>In sổ</button>
          <span class="meta">Để in: dùng lệnh In của trình duyệt (Ctrl + P); sổ in khổ A4 ngang.</span>
        </div>
        <div class="table-wrap" role="region" aria-labelledby={captionId} tabindex="0">
          <table class="register">
            <caption id={captionId} safe>{`Sổ đăng ký văn bản đi năm ${p.year}: ${p.rows.length} văn bản`}</caption>
            <thead>
              <tr>
                {REGISTER_COLUMNS.map((c) => (
                  <th scope="col">{c}</th>
                ))}
              </tr>
              <tr class="column-numbers" aria-hidden="true">
                {REGISTER_COLUMNS.map((_, i) => (
                  <td safe>{`(${i + 1})`}</td>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.rows.length === 0 ? (
                <tr>
                  <td colspan="10" safe>{`Chưa có văn bản nào được vào sổ năm ${p.year}.`}</td>
                </tr>
              ) : (
                p.rows.map((r) => (
                  <tr>
                    <td class="nowrap">{r.href ? <a href={r.href} safe>{r.numberText}</a> : <span safe>{r.numberText}</span>}</td>
                    <td class="nowrap" safe>{date(r.date)}</td>
                    <td safe>{r.kindAndSummary}</td>
                    <td safe>{r.signer}</td>
                    <td>
                      {r.recipients.map((x) => (
                        <span class="line" safe>{x}</span>
                      ))}
                    </td>
                    <td safe>{r.archiveHolder}</td>
                    <td class="num" safe>{String(r.copies)}</td>
                    <td class="nowrap" safe>{date(r.transferredAt)}</td>
                    <td class="sign-here"></td>
                    <td safe>{r.note}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <script src="/static/in-trang.js" defer></script>
      </div>
    </Layout>
  );
}
