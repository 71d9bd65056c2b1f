import type { PageContext } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { Notice, UnitChooser } from '../../../web/components/form.js';
import { numberAndSymbol, type OutgoingDocument, type OutgoingState } from '../../register/store.js';
import { kindAndSummary, moment, OutgoingStateTag, STATE_ANCHORS, STATE_LABELS } from './parts.js';

export interface UnitChoice {
  code: string;
  name: string;
}

export interface OutgoingListProps {
  ctx: PageContext;
  /** "Ủy ban nhân dân xã Tứ Mỹ" */
  bodyName: string;
  unit: UnitChoice;
  /** Every unit the person works in (a switcher when there are several). */
  units: UnitChoice[];
  /** Sections in the order this person needs them (leaders: awaiting approval first). */
  sections: Array<{ state: OutgoingState; docs: OutgoingDocument[] }>;
  /** Full names of the people who drafted the documents, by user id. */
  names: Map<number, string>;
  canDraft: boolean;
  canSeeStuck: boolean;
}

const EMPTY: Record<OutgoingState, string> = {
  draft: 'Không có bản nháp nào.',
  awaitingApproval: 'Không có văn bản nào chờ lãnh đạo duyệt.',
  awaitingSignature: 'Không có văn bản nào đang chờ ký số.',
  signed: 'Chưa có văn bản nào được ký số.',
};

const HINTS: Record<OutgoingState, string> = {
  draft: 'Văn bản đang soạn hoặc bị lãnh đạo trả lại; mở văn bản để sửa rồi trình ký.',
  awaitingApproval: 'Văn bản đã trình, chờ lãnh đạo duyệt và ký số hoặc trả lại.',
  awaitingSignature: 'Đã được duyệt nhưng việc ký số chưa xong; hệ thống tự ký lại.',
  signed: 'Đã ký số và vào sổ; văn thư phát hành đến nơi nhận.',
};

function when(doc: OutgoingDocument): string {
  if (doc.state === 'signed') return moment(doc.signedAt);
  if (doc.state === 'awaitingSignature') return moment(doc.approvedAt);
  return moment(doc.createdAt);
}

function Section({ state, docs, names, unitName }: { state: OutgoingState; docs: OutgoingDocument[]; names: Map<number, string>; unitName: string }) {
  const id = STATE_ANCHORS[state];
  const whenLabel = state === 'signed' ? 'Ký số lúc' : state === 'awaitingSignature' ? 'Duyệt lúc' : 'Tạo lúc';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} safe>{`${STATE_LABELS[state]} (${docs.length})`}</h2>
      <p class="meta" safe>{HINTS[state]}</p>
      {docs.length === 0 ? (
        <p safe>{EMPTY[state]}</p>
      ) : (
        <table class="stack">
          <caption class="visually-hidden" safe>{`${STATE_LABELS[state]}: ${docs.length} văn bản của ${unitName}`}</caption>
          <thead>
            <tr>
              <th scope="col">Văn bản</th>
              <th scope="col">Số, ký hiệu</th>
              <th scope="col">Người soạn</th>
              <th scope="col">{whenLabel}</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr>
                <td data-label="Văn bản">
                  <a href={`/can-bo/van-ban-di/${d.id}`} safe>{kindAndSummary(d)}</a>
                </td>
                <td data-label="Số, ký hiệu" class="nowrap" safe>{numberAndSymbol(d) ?? '—'}</td>
                <td data-label="Người soạn" safe>{(d.createdBy !== null ? names.get(d.createdBy) : undefined) ?? '—'}</td>
                <td data-label={whenLabel} safe>{when(d)}</td>
                <td data-label="Tình trạng">
                  <OutgoingStateTag doc={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** /can-bo/van-ban-di: the unit's outgoing documents by state. */
export function OutgoingListPage(p: OutgoingListProps) {
  const title = 'Văn bản đi';
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        <h1>Văn bản đi</h1>
        <p safe>{`Văn bản do ${p.bodyName} ban hành: soạn thảo, trình lãnh đạo duyệt, ký số, vào sổ và phát hành.`}</p>
        {p.units.length > 1 ? (
          <form method="get" action="/can-bo/van-ban-di" class="inline-form">
            <UnitChooser units={p.units} current={p.unit.code} />
            <button class="button secondary" type="submit">Xem</button>
          </form>
        ) : (
          ''
        )}
        <p class="actions">
          {p.canDraft ? <a class="button" href={`/can-bo/van-ban-di/moi?don-vi=${encodeURIComponent(p.unit.code)}`}>Soạn văn bản mới</a> : ''}
          <a class="button secondary" href={`/can-bo/so-van-ban-di?don-vi=${encodeURIComponent(p.unit.code)}`}>Sổ đăng ký văn bản đi</a>
          {p.canSeeStuck ? <a class="button secondary" href="/quan-tri/van-ban-cho-ky">Văn bản chờ ký số</a> : ''}
        </p>
        <nav aria-label="Nhóm văn bản">
          <ul class="queues">
            {p.sections.map((s) => (
              <li>
                <a href={`#${STATE_ANCHORS[s.state]}-title`}>
                  <span safe>{STATE_LABELS[s.state]}</span> <span class="count" safe>{`(${s.docs.length})`}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {p.sections.map((s) => (
          <Section state={s.state} docs={s.docs} names={p.names} unitName={p.unit.name} />
        ))}
        <Notice kind="info">
          <p>Kết quả giải quyết hồ sơ được ký số từ trang của từng hồ sơ; chúng cũng được vào Sổ đăng ký văn bản đi.</p>
        </Notice>
      </>
    </Layout>
  );
}
