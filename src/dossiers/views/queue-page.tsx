import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Pagination } from '../../web/components/pagination.js';
import { TableHead } from '../../web/components/table.js';
import type { QueueName } from '../queries.js';
import { dossierRef, type Dossier } from '../model.js';
import { moment, RemainingTag, StatusTag } from './parts.js';

export const QUEUE_LABELS: Record<QueueName, string> = {
  toReceive: 'Chờ tiếp nhận',
  drafts: 'Đang nhập tại quầy',
  assignedToMe: 'Được giao cho tôi',
  awaitingApproval: 'Chờ phê duyệt',
  dueSoon: 'Đến hạn trong 1 ngày làm việc',
  overdue: 'Quá hạn',
  waitingApplicant: 'Chờ người dân bổ sung',
  resultReady: 'Chờ trả kết quả',
  all: 'Tất cả hồ sơ',
};

export interface QueuePageProps {
  ctx: PageContext;
  queues: QueueName[];
  counts: Record<string, number>;
  queue: QueueName;
  q: string;
  items: Array<{ dossier: Dossier; remaining: string }>;
  total: number;
  page: number;
  pageSize: number;
  canIntake: boolean;
}

export function QueuePage(p: QueuePageProps) {
  const href = (queue: QueueName, page = 1) => `/can-bo?hang=${queue}${p.q ? `&q=${encodeURIComponent(p.q)}` : ''}${page > 1 ? `&trang=${page}` : ''}`;
  return (
    <Layout ctx={p.ctx} title="Hồ sơ cần xử lý">
      <>
        <h1>Hồ sơ cần xử lý</h1>
        {p.canIntake ? (
          <p class="actions">
            <a class="button" href="/can-bo/tiep-nhan">Tiếp nhận hồ sơ tại quầy</a>
            <a class="button secondary" href="/can-bo/so-theo-doi">Sổ theo dõi hồ sơ</a>
          </p>
        ) : (
          ''
        )}
        <nav aria-label="Hàng đợi">
          <ul class="queues">
            {p.queues.map((name) => (
              <li>
                <a href={href(name)} aria-current={name === p.queue ? 'page' : undefined}>
                  <span safe>{QUEUE_LABELS[name]}</span> <span class="count" safe>{`(${p.counts[name] ?? 0})`}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form class="search" method="get" action="/can-bo" role="search">
          <input type="hidden" name="hang" value={p.queue} />
          <div class="field">
            <label for="q">Tìm theo mã hồ sơ, tên hoặc số điện thoại người nộp</label>
            <input id="q" name="q" type="search" value={p.q} />
          </div>
          <button class="button secondary" type="submit">Tìm</button>
        </form>
        <table class="stack">
          <caption safe>{`${QUEUE_LABELS[p.queue]}: ${p.total} hồ sơ`}</caption>
          <TableHead columns={['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Trạng thái', 'Hẹn trả']} />
          <tbody>
            {p.items.map(({ dossier: d, remaining }) => (
              <tr>
                <td data-label="Mã hồ sơ">
                  <a href={`/can-bo/ho-so/${dossierRef(d)}`} safe>{d.code ?? 'Bản nháp'}</a>
                </td>
                <td data-label="Thủ tục" safe>{d.procedure.name}</td>
                <td data-label="Người nộp" safe>{d.applicant.fullName}</td>
                <td data-label="Trạng thái"><StatusTag dossier={d} /></td>
                <td data-label="Hẹn trả">
                  <span safe>{moment(d.dueAt)}</span> <RemainingTag text={remaining} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={p.page} pageCount={Math.ceil(p.total / p.pageSize)} href={(n) => href(p.queue, n)} />
      </>
    </Layout>
  );
}
