import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import type { BoundaryLayer, PlacesLayer } from './geojson.js';

export interface MapLayers {
  boundary: BoundaryLayer | null;
  places: PlacesLayer | null;
  /** When and from which file each layer was last replaced (for the admin page). */
  updated: Partial<Record<'boundary' | 'places', { at: string; fileName: string | null }>>;
}

export async function mapLayersOf(db: Database, unitId: number): Promise<MapLayers> {
  const rows = await db.rows<{ kind: 'boundary' | 'places'; data: unknown; file_name: string | null; at: string }>(sql`
    select kind, data, file_name, to_char(updated_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') as at
    from portal_map_layers where unit_id = ${unitId}`);
  const layers: MapLayers = { boundary: null, places: null, updated: {} };
  for (const r of rows) {
    if (r.kind === 'boundary') layers.boundary = r.data as BoundaryLayer;
    else layers.places = r.data as PlacesLayer;
    layers.updated[r.kind] = { at: r.at, fileName: r.file_name };
  }
  return layers;
}

/** Replaces one layer of a unit's map. */
export async function saveMapLayer(
  db: Database,
  layer: { unitId: number; kind: 'boundary' | 'places'; data: BoundaryLayer | PlacesLayer; fileName: string | null; userId: number | null },
): Promise<void> {
  await db.rows(sql`insert into portal_map_layers (unit_id, kind, data, file_name, updated_by)
    values (${layer.unitId}, ${layer.kind}, ${JSON.stringify(layer.data)}::jsonb, ${layer.fileName}, ${layer.userId})
    on conflict (unit_id, kind) do update
      set data = excluded.data, file_name = excluded.file_name, updated_by = excluded.updated_by, updated_at = now()`);
}
