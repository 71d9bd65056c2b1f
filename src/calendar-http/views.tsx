import type { FieldError } from '../platform/http/index.js';
import { formatDateShort, WEEKDAYS_SHORT_VI, WEEKDAYS_VI } from '../platform/i18n/text.js';
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, DateInput, ErrorSummary, Field, Notice, Radios, UnitChooser, YearField } from '../web/components/form.js';
import type { DayOff } from '../calendar/index.js';
import type { LocalDay } from './store.js';

export interface CalendarPageProps {
  ctx: PageContext;
  year: number;
  units: Array<{ code: string; name: string }>;
  unit: { id: number; code: string; name: string };
  daysOff: DayOff[];
  makeUpWorkdays: string[];
  localDays: LocalDay[];
  errors: FieldError[];
  form?: { day: string; month: string; yearField: string; kind: string; name: string };
  notice?: string;
}

const KIND_LABELS: Record<DayOff['kind'], string> = {
  statutory: 'Nghỉ lễ, Tết theo luật',
  compensatory: 'Nghỉ bù',
  official: 'Theo lịch nghỉ chính thức',
  local: 'Ngày nghỉ riêng của đơn vị',
};

const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

function MonthGrid({ year, month, off, makeUp }: { year: number; month: number; off: Map<string, string>; makeUp: Set<string> }) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: Array<string | null> = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <table class="month">
      <caption safe>{`Tháng ${month}/${year}`}</caption>
      <thead>
        <tr>
          {order.map((d) => (
            <th scope="col">
              <span aria-hidden="true">{WEEKDAYS_SHORT_VI[d]!}</span>
              <span class="visually-hidden">{WEEKDAYS_VI[d]!}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr>
            {week.map((iso) => {
              if (!iso) return <td></td>;
              const name = off.get(iso);
              const isMakeUp = makeUp.has(iso);
              const wd = weekday(iso);
              const cls = name ? 'off' : isMakeUp ? 'makeup' : wd === 0 || wd === 6 ? 'weekend' : undefined;
              return (
                <td class={cls} title={name ?? (isMakeUp ? 'Ngày làm bù' : undefined)}>
                  {Number(iso.slice(8))}
                  {name ? <span class="visually-hidden" safe>{` (nghỉ: ${name})`}</span> : ''}
                  {isMakeUp ? <span class="visually-hidden"> (ngày làm bù)</span> : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CalendarAdminPage(p: CalendarPageProps) {
  const off = new Map(p.daysOff.map((d) => [d.date, d.name]));
  const makeUp = new Set(p.makeUpWorkdays);
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  const form = p.form ?? { day: '', month: '', yearField: String(p.year), kind: 'dayOff', name: '' };
  const localOwn = p.localDays.filter((d) => d.unitId === p.unit.id);
  return (
    <Layout ctx={p.ctx} title={`Lịch làm việc năm ${p.year}`}>
      <>
        <h1 safe>{`Lịch làm việc năm ${p.year} – ${p.unit.name}`}</h1>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        <form method="get" action="/quan-tri/lich" class="inline-form">
          <YearField year={p.year} min={1902} max={2098} />
          <UnitChooser units={p.units} current={p.unit.code} />
          <button class="button secondary" type="submit">Xem</button>
        </form>
        <p><a href="#them">Thêm ngày nghỉ riêng hoặc ngày làm bù</a></p>
        <ul class="legend" aria-label="Chú thích">
          <li><span class="off"></span>Ngày nghỉ</li>
          <li><span class="weekend"></span>Thứ Bảy, Chủ nhật</li>
          <li><span class="makeup"></span>Ngày làm bù</li>
        </ul>
        <div class="months">
          {Array.from({ length: 12 }, (_, i) => (
            <MonthGrid year={p.year} month={i + 1} off={off} makeUp={makeUp} />
          ))}
        </div>

        <h2>Ngày nghỉ trong năm</h2>
        <table>
          <caption safe>{`${p.daysOff.length} ngày nghỉ lễ, Tết, nghỉ bù và nghỉ riêng năm ${p.year}`}</caption>
          <thead>
            <tr><th scope="col">Ngày</th><th scope="col">Tên</th><th scope="col">Loại</th></tr>
          </thead>
          <tbody>
            {p.daysOff.map((d) => (
              <tr>
                <td safe>{`${WEEKDAYS_VI[weekday(d.date)]!}, ${formatDateShort(d.date)}`}</td>
                <td safe>{d.name}</td>
                <td safe>{KIND_LABELS[d.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 id="them">Thêm ngày nghỉ riêng hoặc ngày làm bù</h2>
        <p>Ngày nghỉ riêng chỉ áp dụng cho đơn vị này (ngày của tỉnh áp dụng cho mọi xã, phường trong tỉnh). Ngày làm bù là thứ Bảy hoặc Chủ nhật được tính là ngày làm việc.</p>
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/quan-tri/lich" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="don-vi" value={p.unit.code} />
          <DateInput id="ngay" legend="Ngày" hint="Ví dụ: 24 11 2026" error={err('ngay')} value={{ day: form.day, month: form.month, year: form.yearField }} />
          <Radios id="loai" legend="Loại ngày" value={form.kind === 'makeUpWorkday' ? 'makeUpWorkday' : 'dayOff'} error={err('loai')}
            options={[{ value: 'dayOff', label: 'Ngày nghỉ riêng' }, { value: 'makeUpWorkday', label: 'Ngày làm bù (thứ Bảy, Chủ nhật đi làm)' }]} />
          <Field id="ten" label="Tên hoặc lý do" hint="Ví dụ: Ngày Văn hóa Việt Nam; Làm bù cho ngày 02/01" value={form.name} error={err('ten')} />
          <div class="actions"><button class="button" type="submit">Thêm vào lịch</button></div>
        </form>

        {localOwn.length ? (
          <>
            <h2>Ngày riêng của đơn vị</h2>
            <table class="stack">
              <caption safe>{`Ngày riêng của ${p.unit.name}`}</caption>
              <thead><tr><th scope="col">Ngày</th><th scope="col">Loại</th><th scope="col">Tên</th><th scope="col">Thao tác</th></tr></thead>
              <tbody>
                {localOwn.map((d) => (
                  <tr>
                    <td data-label="Ngày" safe>{formatDateShort(d.date)}</td>
                    <td data-label="Loại">{d.kind === 'dayOff' ? 'Ngày nghỉ riêng' : 'Ngày làm bù'}</td>
                    <td data-label="Tên" safe>{d.name}</td>
                    <td data-label="Thao tác">
                      <form method="post" action="/quan-tri/lich/xoa">
                        <CsrfField token={p.ctx.csrfToken} />
                        <input type="hidden" name="don-vi" value={p.unit.code} />
                        <input type="hidden" name="ngay" value={d.date} />
                        <button class="button secondary" type="submit" aria-label={`Xóa ngày ${formatDateShort(d.date)}`}>Xóa</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}
