/**
 * The two layers of the commune map, as uploaded (GeoJSON, RFC 7946, WGS 84 lon-lat) and as stored (only what the
 * page draws). Validation is pure: bytes in, a layer or Vietnamese messages out.
 */
import { z } from 'zod';
import type { PolygonCoords, Position } from './projection.js';

export const MAX_GEOJSON_BYTES = 5 * 1024 * 1024;
const MAX_VERTICES = 300_000;
const MAX_PLACES = 500;

/** Roughly Viet Nam, islands included: anything outside is a swapped lat-lon or another coordinate system. */
export const VN_BOUNDS = { minLon: 102, maxLon: 110, minLat: 8, maxLat: 24 } as const;

export const PLACE_KINDS = ['uyBanNhanDan', 'nhaVanHoa', 'truongHoc', 'tramYTe', 'khac'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  uyBanNhanDan: 'Trụ sở Ủy ban nhân dân',
  nhaVanHoa: 'Nhà văn hóa',
  truongHoc: 'Trường học',
  tramYTe: 'Trạm y tế',
  khac: 'Địa điểm khác',
};

export interface Area {
  name: string | null;
  polygons: PolygonCoords[];
}

export interface BoundaryLayer {
  /** The commune itself (one or more features; each may be a MultiPolygon). */
  communes: Area[];
  /** Neighbouring communes, drawn lightly for context. */
  neighbours: Area[];
  attribution: string | null;
}

export interface Place {
  name: string;
  kind: PlaceKind;
  wifi: boolean;
  address: string | null;
  description: string | null;
  lon: number;
  lat: number;
}

export interface PlacesLayer {
  places: Place[];
  attribution: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const OUTSIDE = `Tọa độ nằm ngoài lãnh thổ Việt Nam (kinh độ ${VN_BOUNDS.minLon}–${VN_BOUNDS.maxLon}, vĩ độ ${VN_BOUNDS.minLat}–${VN_BOUNDS.maxLat}); tệp phải dùng hệ WGS 84, thứ tự [kinh độ, vĩ độ].`;

const position = z
  .array(z.number({ error: 'Tọa độ phải là số.' }).refine(Number.isFinite, 'Tọa độ phải là số.'), { error: 'Tọa độ phải là một mảng [kinh độ, vĩ độ].' })
  .min(2, 'Tọa độ phải có kinh độ và vĩ độ.')
  .max(3, 'Tọa độ có quá nhiều thành phần.')
  .refine(([lon, lat]) => lon! >= VN_BOUNDS.minLon && lon! <= VN_BOUNDS.maxLon && lat! >= VN_BOUNDS.minLat && lat! <= VN_BOUNDS.maxLat, OUTSIDE)
  .transform(([lon, lat]) => [lon!, lat!] as Position);

const ring = z
  .array(position, { error: 'Mỗi vòng ranh giới phải là một mảng tọa độ.' })
  .min(4, 'Mỗi vòng ranh giới cần ít nhất 4 điểm.')
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], 'Mỗi vòng ranh giới phải khép kín (điểm cuối trùng điểm đầu).');

const polygon = z.array(ring, { error: 'Vùng (Polygon) phải là một mảng các vòng.' }).min(1, 'Vùng (Polygon) không có vòng nào.');

const areaGeometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }).transform((g) => [g.coordinates]),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1, 'MultiPolygon không có vùng nào.') }).transform((g) => g.coordinates),
  ],
  { error: 'Hình học của ranh giới phải là Polygon hoặc MultiPolygon.' },
);

const text = (max: number) =>
  z
    .string({ error: 'Phải là chuỗi ký tự.' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, `Dài quá ${max} ký tự.`));

const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => (s ? s : null));

const attribution = optionalText(500);

const areaFeature = z.object({
  type: z.literal('Feature', { error: 'Mỗi phần tử phải có "type": "Feature".' }),
  geometry: areaGeometry,
  properties: z
    .object({
      role: z.enum(['commune', 'neighbour'], { error: 'Thuộc tính "role" chỉ nhận "commune" (ranh giới xã) hoặc "neighbour" (xã lân cận).' }).optional(),
      fullName: optionalText(200),
      name: optionalText(200),
    })
    .nullish()
    .transform((p) => ({ role: p?.role ?? 'commune', name: p?.fullName ?? p?.name ?? null })),
});

const boundaryCollection = z.object({
  type: z.literal('FeatureCollection', { error: 'Tệp phải là một GeoJSON FeatureCollection ("type": "FeatureCollection").' }),
  attribution,
  features: z.array(areaFeature, { error: 'FeatureCollection phải có mảng "features".' }).min(1, 'Tệp không có đối tượng nào.'),
});

const placeFeature = z.object({
  type: z.literal('Feature', { error: 'Mỗi phần tử phải có "type": "Feature".' }),
  geometry: z.object(
    {
      type: z.literal('Point', { error: 'Mỗi địa điểm phải là một điểm (Point).' }),
      coordinates: position,
    },
    { error: 'Mỗi địa điểm phải có hình học dạng điểm (Point).' },
  ),
  properties: z.object(
    {
      name: text(200).pipe(z.string().min(1, 'Thiếu tên địa điểm ("name").')),
      kind: z.enum(PLACE_KINDS, { error: `Loại địa điểm ("kind") phải là một trong: ${PLACE_KINDS.join(', ')}.` }),
      wifi: z.boolean({ error: 'Thuộc tính "wifi" phải là true hoặc false.' }).optional(),
      address: optionalText(300),
      description: optionalText(1000),
    },
    { error: 'Mỗi địa điểm phải có thuộc tính "properties" với tên và loại.' },
  ),
});

const placesCollection = z.object({
  type: z.literal('FeatureCollection', { error: 'Tệp phải là một GeoJSON FeatureCollection ("type": "FeatureCollection").' }),
  attribution,
  features: z.array(placeFeature, { error: 'FeatureCollection phải có mảng "features".' }).max(MAX_PLACES, `Tối đa ${MAX_PLACES} địa điểm.`),
});

/** "features.2.geometry.coordinates" → "Đối tượng thứ 3: " (the person counts from 1). */
function where(path: PropertyKey[]): string {
  const i = path[0] === 'features' && typeof path[1] === 'number' ? path[1] : null;
  return i === null ? '' : `Đối tượng thứ ${i + 1}: `;
}

/** The first few distinct messages, so a file with 10 000 bad points does not produce 10 000 lines. */
function messagesOf(error: z.ZodError): string[] {
  const out: string[] = [];
  for (const issue of error.issues) {
    const message = where(issue.path) + issue.message;
    if (!out.includes(message)) out.push(message);
    if (out.length === 5) break;
  }
  return out;
}

function readJson(bytes: Buffer): Parsed<unknown> {
  if (bytes.length === 0) return { ok: false, errors: ['Tệp rỗng.'] };
  if (bytes.length > MAX_GEOJSON_BYTES) return { ok: false, errors: [`Tệp quá lớn: tối đa ${MAX_GEOJSON_BYTES / 1024 / 1024} MB.`] };
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, errors: ['Tệp không phải văn bản UTF-8.'] };
  }
  try {
    return { ok: true, value: JSON.parse(textValue) as unknown };
  } catch {
    return { ok: false, errors: ['Tệp không phải JSON hợp lệ (GeoJSON là JSON).'] };
  }
}

const vertexCount = (areas: Area[]) => areas.reduce((n, a) => n + a.polygons.reduce((m, p) => m + p.reduce((k, r) => k + r.length, 0), 0), 0);

/** Validates a boundary upload: a FeatureCollection of Polygon/MultiPolygon features (role "commune" or "neighbour"). */
export function parseBoundary(bytes: Buffer): Parsed<BoundaryLayer> {
  const json = readJson(bytes);
  if (!json.ok) return json;
  const result = boundaryCollection.safeParse(json.value);
  if (!result.success) return { ok: false, errors: messagesOf(result.error) };
  const areas = result.data.features.map((f) => ({ role: f.properties.role, area: { name: f.properties.name, polygons: f.geometry } }));
  const communes = areas.filter((a) => a.role === 'commune').map((a) => a.area);
  const neighbours = areas.filter((a) => a.role === 'neighbour').map((a) => a.area);
  if (!communes.length) return { ok: false, errors: ['Tệp chỉ có xã lân cận: cần ít nhất một đối tượng là ranh giới của xã (không có "role" hoặc "role": "commune").'] };
  if (vertexCount(communes) + vertexCount(neighbours) > MAX_VERTICES) return { ok: false, errors: [`Ranh giới có quá nhiều điểm (tối đa ${MAX_VERTICES.toLocaleString('vi-VN')}); hãy đơn giản hóa trước khi tải lên.`] };
  return { ok: true, value: { communes, neighbours, attribution: result.data.attribution } };
}

/** Validates a places upload: a FeatureCollection of Point features with name and kind. */
export function parsePlaces(bytes: Buffer): Parsed<PlacesLayer> {
  const json = readJson(bytes);
  if (!json.ok) return json;
  const result = placesCollection.safeParse(json.value);
  if (!result.success) return { ok: false, errors: messagesOf(result.error) };
  return {
    ok: true,
    value: {
      attribution: result.data.attribution,
      places: result.data.features.map((f) => ({
        name: f.properties.name,
        kind: f.properties.kind,
        wifi: f.properties.wifi ?? false,
        address: f.properties.address,
        description: f.properties.description,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      })),
    },
  };
}
