/**
 * The commune map drawn on the server as inline SVG: no script, prints, scales to any width. Places are numbered; each
 * kind has its own shape (not colour alone); the same places stand in a table under the map. On request, the tiles of
 * an online base map go behind everything else (tiles.ts); without them the map is complete.
 */
import type { BoundaryLayer, Place, PlaceKind } from './geojson.js';
import { bboxOf, centroid, clipRing, fitProjection, pathData, round, type BBox, type PolygonCoords, type Projection } from './projection.js';
import { placeTiles } from './tiles.js';

const WIDTH = 1000;

export const KIND_CLASS: Record<PlaceKind, string> = {
  uyBanNhanDan: 'k-ubnd',
  nhaVanHoa: 'k-nvh',
  truongHoc: 'k-truong',
  tramYTe: 'k-yte',
  khac: 'k-khac',
};

/** A marker's shape centred on (0, 0), about 36 units across. */
export function MarkerShape({ kind, wifi }: { kind: PlaceKind; wifi?: boolean }) {
  const shape =
    kind === 'uyBanNhanDan' ? (
      <polygon points="0,-19 5.6,-7.7 18.1,-5.9 9,2.9 11.2,15.4 0,9.5 -11.2,15.4 -9,2.9 -18.1,-5.9 -5.6,-7.7"></polygon>
    ) : kind === 'nhaVanHoa' ? (
      <polygon points="0,-17 16,-3 16,14 -16,14 -16,-3"></polygon>
    ) : kind === 'truongHoc' ? (
      <rect x="-13" y="-13" width="26" height="26"></rect>
    ) : kind === 'tramYTe' ? (
      <path d="M-5-16h10v11h11v10h-11v11h-10v-11h-11v-10h11z"></path>
    ) : (
      <circle r="12"></circle>
    );
  return (
    <g class={`marker ${KIND_CLASS[kind]}`}>
      {wifi ? <circle class="wifi" r="25"></circle> : ''}
      {shape}
    </g>
  );
}

/** The bbox the map shows: the commune's, widened to take in places that lie outside it. */
export function mapBBox(boundary: BoundaryLayer | null, places: Place[]): BBox | null {
  const polygons: PolygonCoords[] = boundary ? boundary.communes.flatMap((a) => a.polygons) : [];
  for (const p of places) polygons.push([[[p.lon, p.lat]]]);
  return bboxOf(polygons);
}

/** A scale bar length of 1, 2 or 5 × 10ⁿ km, about a fifth of the map's width. */
function scaleBar(projection: Projection): { km: number; units: number } {
  const unitsPerKm = projection.unitsPerKm;
  const rough = WIDTH / 5 / unitsPerKm;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const km = [5, 2, 1].map((m) => m * magnitude).find((k) => k <= rough) ?? magnitude;
  return { km, units: km * unitsPerKm };
}

const km = (n: number) => `${String(n).replace('.', ',')} km`;

export interface MapSvgProps {
  id: string;
  title: string;
  desc: string;
  boundary: BoundaryLayer | null;
  places: Place[];
  /** The URL template of an online base map, whose tiles are drawn behind the map (decorative: not announced). */
  tileUrl?: string | undefined;
}

/** The projection the map is drawn with (null when there is nothing to draw). */
export function mapProjection(boundary: BoundaryLayer | null, places: Place[]): Projection | null {
  const bbox = mapBBox(boundary, places);
  return bbox ? fitProjection(bbox, WIDTH, 0.06) : null;
}

export function MapSvg(p: MapSvgProps) {
  const projection = mapProjection(p.boundary, p.places);
  if (!projection) return '';
  const { width, height } = projection;
  const tiles = p.tileUrl ? placeTiles(projection, p.tileUrl) : [];
  const neighbours = (p.boundary?.neighbours ?? []).map((a) => {
    // The label sits at the centre of the part that shows, if enough of it shows.
    const visible = a.polygons.map((poly) => [clipRing(poly[0]!.map(projection.project), 0, 0, width, height)]);
    const c = centroid(visible.filter((v) => v[0]!.length >= 3) as unknown as PolygonCoords[]);
    const half = ((a.name ?? '').length * 22 * 0.55) / 2 + 8; // about half the label's width, kept inside the map
    const label: [number, number] | null = c && c[1] > 30 && c[1] < height - 30 && half * 2 < width ? [Math.min(Math.max(c[0], half), width - half), c[1]] : null;
    return { name: a.name, d: pathData(a.polygons, projection, { clip: true, tolerance: 1 }), label };
  });
  const commune = pathData(
    (p.boundary?.communes ?? []).flatMap((a) => a.polygons),
    projection,
  );
  const bar = scaleBar(projection);
  const f = (n: number) => String(round(n, 1));
  return (
    <svg class={tiles.length ? 'map-svg with-tiles' : 'map-svg'} viewBox={`0 0 ${width} ${f(height)}`} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${p.id}-title`} safe>
        {p.title}
      </title>
      <desc id={`${p.id}-desc`} safe>
        {p.desc}
      </desc>
      <rect class="map-bg" width={String(width)} height={f(height)}></rect>
      {tiles.length ? (
        <g class="map-tiles" aria-hidden="true">
          {tiles.map((t) => (
            <image href={t.href} x={f(t.x)} y={f(t.y)} width={f(t.width)} height={f(t.height)} preserveAspectRatio="none"></image>
          ))}
        </g>
      ) : (
        ''
      )}
      {neighbours.map((n) => (n.d ? <path class="map-neighbour" d={n.d}></path> : ''))}
      {neighbours.map((n) =>
        n.label && n.name ? (
          <text class="map-neighbour-label" x={f(n.label[0])} y={f(n.label[1])} text-anchor="middle" safe>
            {n.name}
          </text>
        ) : (
          ''
        ),
      )}
      {commune ? <path class="map-commune" d={commune} fill-rule="evenodd"></path> : ''}
      {p.places.map((place, i) => {
        const [x, y] = projection.project([place.lon, place.lat]);
        return (
          <g transform={`translate(${f(x)} ${f(y)})`}>
            <MarkerShape kind={place.kind} wifi={place.wifi} />
            <text class="marker-number" x="22" y="-14">
              {i + 1}
            </text>
          </g>
        );
      })}
      <g class="map-scale" transform={`translate(24 ${f(height - 24)})`}>
        <path d={`M0 -10V0H${f(bar.units)}V-10`}></path>
        <text x={f(bar.units + 10)} y="0" safe>
          {km(bar.km)}
        </text>
      </g>
      <g class="map-north" transform={`translate(${width - 40} 48)`}>
        <path d="M0-34L12 0H-12Z"></path>
        <text x="0" y="24" text-anchor="middle">
          B
        </text>
      </g>
    </svg>
  );
}
