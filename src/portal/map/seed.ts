import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { parseBoundary, type BoundaryLayer, type Place, type PlaceKind } from './geojson.js';
import { centroid, pointInPolygon, type PolygonCoords, type Position } from './projection.js';
import { saveMapLayer } from './store.js';

/** Xã Tứ Mỹ (18202) and its six neighbours, copied by scripts/extract-commune-map.ts (source and licence: data/README.md). */
const DEMO_BOUNDARY_FILE = new URL('./data/tu-my-18202.geojson', import.meta.url);
const DEMO_UNIT_CODE = '18202';

const SAMPLE_NOTE = 'Vị trí minh họa, không phải vị trí thật; quản trị viên thay bằng dữ liệu thật tại trang Quản trị bản đồ.';

/** Sample places (marked "điểm mẫu"): offsets in degrees from the commune's centroid. */
const SAMPLES: Array<{ name: string; kind: PlaceKind; wifi?: boolean; offset: Position }> = [
  { name: 'Trụ sở Ủy ban nhân dân xã (điểm mẫu)', kind: 'uyBanNhanDan', offset: [0, 0] },
  { name: 'Nhà văn hóa thôn 1 (điểm mẫu)', kind: 'nhaVanHoa', wifi: true, offset: [-0.012, 0.01] },
  { name: 'Nhà văn hóa thôn 2 (điểm mẫu)', kind: 'nhaVanHoa', wifi: false, offset: [0.012, -0.01] },
  { name: 'Trường Tiểu học (điểm mẫu)', kind: 'truongHoc', offset: [0.008, 0.008] },
  { name: 'Trạm Y tế xã (điểm mẫu)', kind: 'tramYTe', offset: [-0.006, -0.008] },
];

/** The nearest point to `target` inside the commune, searching outward on a small grid (samples must fall inside). */
export function pointInside(polygons: PolygonCoords[], target: Position): Position | null {
  const inside = (p: Position) => polygons.some((poly) => pointInPolygon(p, poly));
  for (let r = 0; r <= 40; r++) {
    for (let dx = -r; dx <= r; dx++) {
      for (let dy = -r; dy <= r; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
        const p: Position = [target[0] + dx * 0.001, target[1] + dy * 0.001];
        if (inside(p)) return [Number(p[0].toFixed(5)), Number(p[1].toFixed(5))];
      }
    }
  }
  return null;
}

export function samplePlaces(boundary: BoundaryLayer): Place[] {
  const polygons = boundary.communes.flatMap((a) => a.polygons);
  const centre = centroid(polygons);
  if (!centre) return [];
  const places: Place[] = [];
  for (const s of SAMPLES) {
    const at = pointInside(polygons, [centre[0] + s.offset[0], centre[1] + s.offset[1]]);
    if (at) places.push({ name: s.name, kind: s.kind, wifi: s.wifi ?? false, address: null, description: SAMPLE_NOTE, lon: at[0], lat: at[1] });
  }
  return places;
}

/** Seeds the demo commune's map (boundary from the bundled file, sample places) unless it has one already. */
export async function seedPortalMap(db: Database): Promise<void> {
  const units = await db.rows<{ id: number }>(sql`select id from units where code = ${DEMO_UNIT_CODE}`);
  const unitId = units[0]?.id;
  if (unitId === undefined) return;
  const existing = await db.rows<{ kind: string }>(sql`select kind from portal_map_layers where unit_id = ${unitId}`);
  if (existing.length) return;
  const parsed = parseBoundary(readFileSync(DEMO_BOUNDARY_FILE));
  if (!parsed.ok) throw new Error(`bundled map ${DEMO_BOUNDARY_FILE.pathname} is invalid: ${parsed.errors.join('; ')}`);
  await saveMapLayer(db, { unitId, kind: 'boundary', data: parsed.value, fileName: 'tu-my-18202.geojson', userId: null });
  await saveMapLayer(db, { unitId, kind: 'places', data: { places: samplePlaces(parsed.value), attribution: null }, fileName: null, userId: null });
}
