import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { dossierRef, type Dossier } from '../model.js';
import { moment, StatusTag } from './parts.js';

export function MyDossiersPage({ ctx, dossiers }: { ctx: PageContext; dossiers: Dossier[] }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ của tôi">
      <>
        <h1>Hồ sơ của tôi</h1>
        <p>
          Để nộp hồ sơ mới, hãy <a href="/thu-tuc">chọn thủ tục</a> rồi bấm “Nộp hồ sơ trực tuyến”.
        </p>
        <p>
          Chúng tôi báo tin về hồ sơ qua e-mail và tin nhắn SMS; <a href="/tai-khoan/thong-bao">chọn cách nhận thông báo</a>.
        </p>
        {dossiers.length ? (
          <table class="stack">
            <caption safe>{`${dossiers.length} hồ sơ`}</caption>
            <thead>
              <tr><th scope="col">Mã hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Trạng thái</th><th scope="col">Hẹn trả</th></tr>
            </thead>
            <tbody>
              {dossiers.map((d) => (
                <tr>
                  <td data-label="Mã hồ sơ"><a href={`/ho-so-cua-toi/${dossierRef(d)}`} safe>{d.code ?? 'Bản nháp'}</a></td>
                  <td data-label="Thủ tục" safe>{d.procedure.name}</td>
                  <td data-label="Trạng thái"><StatusTag dossier={d} /></td>
                  <td data-label="Hẹn trả" safe>{moment(d.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Bạn chưa có hồ sơ nào.</p>
        )}
      </>
    </Layout>
  );
}
