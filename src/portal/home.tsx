import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';

export function HomePage({ ctx, sectors }: { ctx: PageContext; sectors: Array<{ sector: string; count: number }> }) {
  return (
    <Layout ctx={ctx} title="Trang chủ">
      <>
        <h1 safe>{`Dịch vụ công ${ctx.site.name}`}</h1>
        {ctx.site.formerNames.length ? (
          <p safe>{`${ctx.site.name} được sắp xếp từ ngày 01/07/2025 trên cơ sở các đơn vị trước đây: ${ctx.site.formerNames.join(', ')}.`}</p>
        ) : (
          ''
        )}
        <p>
          Tìm hiểu thủ tục hành chính, giấy tờ cần chuẩn bị, thời hạn giải quyết và phí, lệ phí trước khi đến Trung tâm
          Phục vụ hành chính công xã.
        </p>
        <form class="search" method="get" action="/thu-tuc" role="search">
          <div class="field">
            <label for="q">Tìm thủ tục</label>
            <span class="hint" id="q-hint">Ví dụ: khai sinh, chứng thực, kết hôn. Có thể gõ không dấu.</span>
            <input id="q" name="q" type="search" aria-describedby="q-hint" />
          </div>
          <button class="button" type="submit">Tìm kiếm</button>
        </form>
        <h2>Lĩnh vực thủ tục</h2>
        <ul class="cards">
          {sectors.map((s) => (
            <li>
              <h3>
                <a href={`/thu-tuc?linh-vuc=${encodeURIComponent(s.sector)}`} safe>
                  {s.sector}
                </a>
              </h3>
              <p safe>{`${s.count} thủ tục`}</p>
            </li>
          ))}
        </ul>
        <h2>Giờ làm việc</h2>
        <p>
          Thứ Hai đến thứ Sáu: sáng 07 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00 (trừ ngày nghỉ lễ, Tết). Hồ sơ nộp
          sau 15 giờ 00 được tính là nhận vào ngày làm việc tiếp theo.
        </p>
      </>
    </Layout>
  );
}
