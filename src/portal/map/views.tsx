import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../web/components/form.js';
import { PLACE_KIND_LABELS, PLACE_KINDS, type BoundaryLayer, type Place } from './geojson.js';
import type { MapLayers } from './store.js';
import type { FieldError } from '../../platform/http/index.js';
import { MapSvg, MarkerShape } from './svg.js';
import { DEFAULT_TILE_ATTRIBUTION, EXAMPLE_TILE_URL, tileOrigin, TILES_ON, TILES_PARAM, type TileLayer } from './tiles.js';

const coordinate = (n: number) => n.toFixed(5).replace('.', ',');

/** "18,52130° B, 105,52040° Đ" (latitude first, as people read it). */
export const formatPosition = (p: Place) => `${coordinate(p.lat)}° B, ${coordinate(p.lon)}° Đ`;

const kindLabel = (p: Place) => PLACE_KIND_LABELS[p.kind] + (p.wifi ? ' (có wifi công cộng)' : '');

/** A link to the same point on an online map, from the template of the setting `portal.map.onlineMapUrl`. */
export function onlineMapLink(template: string, p: { lat: number; lon: number }, zoom: number): string {
  return template.replaceAll('{lat}', p.lat.toFixed(5)).replaceAll('{lon}', p.lon.toFixed(5)).replaceAll('{zoom}', String(zoom));
}

function Legend({ boundary, places }: { boundary: BoundaryLayer | null; places: Place[] }) {
  const icon = (children: JSX.Element) => (
    <svg class="legend-icon" viewBox="-27 -27 54 54" width="28" height="28" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
  const kinds = PLACE_KINDS.filter((k) => places.some((p) => p.kind === k));
  const anyWifi = places.some((p) => p.wifi);
  return (
    <ul class="map-legend">
      {boundary?.communes.length ? (
        <li>
          {icon(<rect class="map-commune" x="-22" y="-16" width="44" height="32"></rect>)}
          Ranh giới xã
        </li>
      ) : (
        ''
      )}
      {boundary?.neighbours.length ? (
        <li>
          {icon(<rect class="map-neighbour" x="-22" y="-16" width="44" height="32"></rect>)}
          Xã lân cận
        </li>
      ) : (
        ''
      )}
      {kinds.map((k) => (
        <li>
          {icon(<MarkerShape kind={k} />)}
          <span safe>{PLACE_KIND_LABELS[k]}</span>
        </li>
      ))}
      {anyWifi ? (
        <li>
          {icon(<MarkerShape kind="nhaVanHoa" wifi />)}
          Nhà văn hóa có wifi công cộng (vòng tròn nét đứt)
        </li>
      ) : (
        ''
      )}
    </ul>
  );
}

export interface MapPageProps {
  ctx: PageContext;
  layers: MapLayers;
  onlineMapUrl: string | null;
  /** The site's online base map, if it has one, and whether the reader turned it on (`?nen=truc-tuyen`). */
  tiles: TileLayer | null;
  tilesOn: boolean;
}

/** The link that turns the online base map on or off (a plain link: works without JavaScript). */
function TilesToggle({ tiles, on }: { tiles: TileLayer; on: boolean }) {
  const host = new URL(tileOrigin(tiles.url)).host;
  return (
    <p class="map-tiles-toggle no-print">
      {on ? <a href="/ban-do">Ẩn nền bản đồ trực tuyến</a> : <a href={`/ban-do?${TILES_PARAM}=${TILES_ON}`}>Hiện nền bản đồ trực tuyến</a>}{' '}
      <span class="hint" safe>
        {on
          ? `(ảnh nền tải từ ${host}; khi không có mạng, ranh giới và địa điểm vẫn hiện đủ)`
          : `(ảnh nền đường sá, địa hình tải từ ${host}, cần kết nối Internet)`}
      </span>
    </p>
  );
}

export function MapPage({ ctx, layers, onlineMapUrl, tiles, tilesOn }: MapPageProps) {
  const title = `Bản đồ hành chính ${ctx.site.name}`;
  const boundary = layers.boundary;
  const places = layers.places?.places ?? [];
  const neighbourNames = (boundary?.neighbours ?? []).map((n) => n.name).filter((n): n is string => !!n);
  const desc =
    `Ranh giới hành chính ${ctx.site.name}` +
    (neighbourNames.length ? `, giáp ${neighbourNames.join(', ')}` : '') +
    `. ${places.length} địa điểm được đánh số trên bản đồ, liệt kê theo cùng số thứ tự trong bảng dưới bản đồ.` +
    (tilesOn && tiles ? ` Nền bản đồ: ${tiles.attribution}.` : '');
  const attributions = [boundary?.attribution, layers.places?.attribution].filter((a): a is string => !!a);
  return (
    <Layout ctx={ctx} title={title}>
      <>
        <h1 safe>{title}</h1>
        {!boundary && !places.length ? (
          <Notice kind="info">
            <p safe>{`${ctx.site.name} chưa đăng bản đồ hành chính.`}</p>
          </Notice>
        ) : (
          <>
            <p safe>{`Ranh giới hành chính của ${ctx.site.name} và các địa điểm công cộng: trụ sở Ủy ban nhân dân, nhà văn hóa (có wifi công cộng), trường học, trạm y tế. Các địa điểm được đánh số; bảng dưới bản đồ ghi cùng số thứ tự.`}</p>
            {tiles ? <TilesToggle tiles={tiles} on={tilesOn} /> : ''}
            <figure class="map">
              <MapSvg id="commune-map" title={title} desc={desc} boundary={boundary} places={places} tileUrl={tilesOn ? tiles?.url : undefined} />
              <figcaption>
                {tilesOn && tiles ? (
                  <p class="map-tile-credit" safe>
                    {`Nền bản đồ: ${tiles.attribution}`}
                  </p>
                ) : (
                  ''
                )}
                {attributions.map((a) => (
                  <p class="hint" safe>
                    {a}
                  </p>
                ))}
              </figcaption>
            </figure>
            <h2>Chú giải</h2>
            <Legend boundary={boundary} places={places} />
            {places.length ? (
              <table class="stack map-places">
                <caption>Các địa điểm trên bản đồ</caption>
                <thead>
                  <tr>
                    <th scope="col">Số</th>
                    <th scope="col">Tên</th>
                    <th scope="col">Loại</th>
                    <th scope="col">Địa chỉ, mô tả</th>
                    <th scope="col">Tọa độ</th>
                  </tr>
                </thead>
                <tbody>
                  {places.map((p, i) => (
                    <tr>
                      <td data-label="Số">{i + 1}</td>
                      <td data-label="Tên" safe>
                        {p.name}
                      </td>
                      <td data-label="Loại" safe>
                        {kindLabel(p)}
                      </td>
                      <td data-label="Địa chỉ, mô tả" safe>
                        {[p.address, p.description].filter(Boolean).join('. ')}
                      </td>
                      <td data-label="Tọa độ">
                        {onlineMapUrl ? (
                          <a href={onlineMapLink(onlineMapUrl, p, 17)} rel="noopener noreferrer" safe>
                            {formatPosition(p)}
                          </a>
                        ) : (
                          <span safe>{formatPosition(p)}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              ''
            )}
            {onlineMapUrl && boundary ? (
              <p class="no-print">
                Bản đồ trên trang này được vẽ sẵn, xem được khi không có mạng. Cần ảnh nền đường sá, địa hình:{' '}
                <a href={onlineMapLink(onlineMapUrl, centreOf(places, boundary), 13)} rel="noopener noreferrer">
                  xem khu vực này trên bản đồ trực tuyến
                </a>{' '}
                (trang bên ngoài).
              </p>
            ) : (
              ''
            )}
          </>
        )}
      </>
    </Layout>
  );
}

function centreOf(places: Place[], boundary: BoundaryLayer): { lat: number; lon: number } {
  const points = boundary.communes.flatMap((a) => a.polygons.flatMap((p) => p[0] ?? []));
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  if (!lons.length) return places[0] ?? { lat: 0, lon: 0 };
  return { lon: (Math.min(...lons) + Math.max(...lons)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2 };
}

export interface MapAdminProps {
  ctx: PageContext;
  unitName: string;
  layers: MapLayers;
  errors?: { layer: 'boundary' | 'places'; messages: string[] };
  tileForm: TileForm;
  notice?: string;
}

/** What the base-map form shows: the values typed (or stored) and the reasons they were refused. */
export interface TileForm {
  values: { tileUrl: string; tileAttribution: string };
  errors: FieldError[];
}

/** The online base map's two settings; the hint says why it is off by default. */
function TilesForm({ ctx, form }: { ctx: PageContext; form: TileForm }) {
  const error = (param: string) => form.errors.find((e) => e.param === param)?.message;
  return (
    <form method="post" action="/quan-tri/ban-do/nen-truc-tuyen">
      <CsrfField token={ctx.csrfToken} />
      <Field
        id="tileUrl"
        label="Địa chỉ máy chủ ảnh nền"
        hint="Mẫu địa chỉ của ô ảnh nền: bắt đầu bằng https://, có {z}, {x}, {y}. Để trống để tắt nền."
        error={error('tileUrl')}
        value={form.values.tileUrl}
        autocomplete="off"
      />
      <Field
        id="tileAttribution"
        label="Ghi nguồn ảnh nền"
        hint={`Hiện dưới bản đồ khi bật nền, theo giấy phép của ảnh nền. Để trống: ${DEFAULT_TILE_ATTRIBUTION}.`}
        error={error('tileAttribution')}
        value={form.values.tileAttribution}
        autocomplete="off"
      />
      <button class="button" type="submit">
        Lưu nền bản đồ
      </button>
    </form>
  );
}

/** `children`: the hint under the label (trusted markup written here). */
function UploadForm({ children, ...p }: { ctx: PageContext; id: string; action: string; legend: string; children: JSX.Element; errors: string[] | undefined; updated?: { at: string; fileName: string | null } | undefined }) {
  return (
    <form method="post" action={p.action} enctype="multipart/form-data" class="upload">
      <CsrfField token={p.ctx.csrfToken} />
      <div class={p.errors ? 'field has-error' : 'field'}>
        <label for={p.id} safe>
          {p.legend}
        </label>
        <span class="hint" id={`${p.id}-hint`}>
          {children}
          {p.updated ? <span safe>{` Lần cập nhật gần nhất: ${p.updated.at}${p.updated.fileName ? ` (tệp ${p.updated.fileName})` : ''}.`}</span> : ''}
        </span>
        {p.errors ? (
          <span class="error-message" id={`${p.id}-error`}>
            Tệp chưa được nhận, dữ liệu cũ giữ nguyên.
          </span>
        ) : (
          ''
        )}
        <input
          id={p.id}
          name="file"
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          required
          aria-describedby={[`${p.id}-hint`, p.errors ? `${p.id}-error` : ''].filter(Boolean).join(' ')}
          aria-invalid={p.errors ? 'true' : undefined}
        />
      </div>
      <button class="button" type="submit">
        Tải lên và thay thế
      </button>
    </form>
  );
}

/** The two GeoJSON layers an administrator uploads, each with its own form; `hint` is trusted markup written here. */
const LAYER_UPLOADS: ReadonlyArray<{ layer: 'boundary' | 'places'; heading: string; action: string; legend: string; hint: JSX.Element }> = [
  {
    layer: 'boundary',
    heading: 'Ranh giới',
    action: '/quan-tri/ban-do/ranh-gioi',
    legend: 'Tệp ranh giới (GeoJSON)',
    hint: (
      <>
        Một FeatureCollection gồm các vùng Polygon hoặc MultiPolygon. Vùng của xã không cần thuộc tính gì thêm; vùng của
        xã lân cận (vẽ mờ để tham chiếu) có thuộc tính <code>"role": "neighbour"</code> và tên trong{' '}
        <code>"fullName"</code> hoặc <code>"name"</code>. Ghi nguồn dữ liệu trong trường <code>"attribution"</code> của
        FeatureCollection.
      </>
    ),
  },
  {
    layer: 'places',
    heading: 'Địa điểm',
    action: '/quan-tri/ban-do/dia-diem',
    legend: 'Tệp địa điểm (GeoJSON)',
    hint: (
      <>
        Một FeatureCollection gồm các điểm (Point); mỗi điểm có <code>"name"</code> (tên), <code>"kind"</code> (loại:{' '}
        <code>uyBanNhanDan</code> trụ sở UBND, <code>nhaVanHoa</code> nhà văn hóa, <code>truongHoc</code> trường học,{' '}
        <code>tramYTe</code> trạm y tế, <code>khac</code> khác), tùy chọn <code>"wifi": true</code> (nhà văn hóa có wifi
        công cộng), <code>"address"</code> và <code>"description"</code>.
      </>
    ),
  },
];

export function MapAdminPage(p: MapAdminProps) {
  const field = `${p.errors?.layer ?? 'boundary'}-file`;
  return (
    <Layout ctx={p.ctx} title="Bản đồ hành chính">
      <>
        <h1 safe>{`Bản đồ hành chính – ${p.unitName}`}</h1>
        {p.notice ? (
          <Notice kind="success">
            <p safe>{p.notice}</p>
          </Notice>
        ) : (
          ''
        )}
        {p.errors ? (
          <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">Tệp chưa được nhận</h2>
            <ul>
              {p.errors.messages.map((m) => (
                <li>
                  <a href={`#${field}`} safe>
                    {m}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <p>
          Bản đồ được vẽ trên trang <a href="/ban-do">Bản đồ hành chính</a> từ hai tệp GeoJSON (hệ tọa độ WGS 84, thứ tự
          [kinh độ, vĩ độ], tối đa 5 MB mỗi tệp). Mỗi lần tải lên thay thế toàn bộ lớp dữ liệu tương ứng.
        </p>
        <p safe>{`Hiện có: ${p.layers.boundary ? `ranh giới (${p.layers.boundary.communes.length} vùng của xã, ${p.layers.boundary.neighbours.length} xã lân cận)` : 'chưa có ranh giới'}; ${p.layers.places ? `${p.layers.places.places.length} địa điểm` : 'chưa có địa điểm'}.`}</p>
        {LAYER_UPLOADS.map(({ layer, heading, action, legend, hint }) => (
          <>
            <h2 safe>{heading}</h2>
            <UploadForm
              ctx={p.ctx}
              id={`${layer}-file`}
              action={action}
              legend={legend}
              errors={p.errors?.layer === layer ? p.errors.messages : undefined}
              updated={p.layers.updated[layer]}
            >
              {hint}
            </UploadForm>
          </>
        ))}
        <h2>Nền bản đồ trực tuyến</h2>
        <ErrorSummary errors={p.tileForm.errors} />
        <p>
          Bản đồ luôn được vẽ sẵn trên máy chủ và xem được khi không có mạng. Khi đặt địa chỉ máy chủ ảnh nền, trang Bản đồ
          hành chính có thêm liên kết "Hiện nền bản đồ trực tuyến": ảnh nền đường sá, địa hình do trình duyệt của người xem
          tải thẳng từ máy chủ đó, nên máy chủ ảnh nền biết địa chỉ IP của người xem. Vì vậy nền mặc định tắt và chỉ hiện
          khi người xem bấm liên kết. Hãy dùng máy chủ mà xã được phép dùng (theo điều khoản của máy chủ đó). Ví dụ, máy
          chủ của OpenStreetMap: <code class="url">{EXAMPLE_TILE_URL}</code>.
        </p>
        <TilesForm ctx={p.ctx} form={p.tileForm} />
      </>
    </Layout>
  );
}
