import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { getSetting, setSetting } from '../../platform/settings.js';
import type { BoundaryLayer, PlacesLayer } from './geojson.js';
import { parseTileSettings, type TileLayer } from './tiles.js';

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

/**
 * Settings of a site's online base map, one pair per unit (`portal.map.tileUrl.<unitId>`,
 * `portal.map.tileAttribution.<unitId>`): each commune's editors set their own, like the map layers. An empty address
 * means off, the default.
 */
const TILE_URL_SETTING = 'portal.map.tileUrl';
const TILE_ATTRIBUTION_SETTING = 'portal.map.tileAttribution';

/** A unit's base map, or null when it has none (or the stored one is no longer valid). */
export async function mapTilesOf(db: Database, unitId: number): Promise<TileLayer | null> {
  const [tileUrl, tileAttribution] = await Promise.all([getSetting(db, `${TILE_URL_SETTING}.${unitId}`), getSetting(db, `${TILE_ATTRIBUTION_SETTING}.${unitId}`)]);
  const parsed = parseTileSettings({ tileUrl, tileAttribution });
  return parsed.ok ? parsed.value : null;
}

/** Sets (or, with null, turns off) a unit's base map. */
export async function saveMapTiles(db: Database, unitId: number, layer: TileLayer | null): Promise<void> {
  await setSetting(db, `${TILE_URL_SETTING}.${unitId}`, layer?.url ?? '');
  await setSetting(db, `${TILE_ATTRIBUTION_SETTING}.${unitId}`, layer?.attribution ?? '');
}
