/**
 * Pure geometry for the commune map: WGS 84 lon-lat → SVG user units, and the simplification that keeps the page
 * small. Equirectangular projection with x scaled by cos(latitude of the bbox centre): at commune scale (tens of
 * kilometres) shapes and distances are true to well under 1 %, and it needs no projection library.
 */

export type Position = [number, number]; // [lon, lat]
export type Ring = Position[];
export type PolygonCoords = Ring[]; // outer ring first, then holes
export type Point = [number, number]; // [x, y] in SVG user units

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface Projection {
  /** SVG width and height in user units (the viewBox is `0 0 width height`). */
  width: number;
  height: number;
  project(p: Position): Point;
  /** The lon-lat bbox the viewBox shows (the fitted bbox plus the padding). */
  view: BBox;
  /** User units per kilometre on the ground (a degree of latitude taken as 111.195 km, the mean sphere). */
  unitsPerKm: number;
}

export function bboxOf(polygons: PolygonCoords[]): BBox | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return Number.isFinite(minLon) ? { minLon, minLat, maxLon, maxLat } : null;
}

/**
 * Fits `bbox` into a viewBox `width` units wide (height follows the shape), with `padding` (a fraction of the larger
 * side) on every side. North is up.
 */
export function fitProjection(bbox: BBox, width = 1000, padding = 0.04): Projection {
  const k = Math.cos((((bbox.minLat + bbox.maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((bbox.maxLon - bbox.minLon) * k, 1e-9);
  const spanY = Math.max(bbox.maxLat - bbox.minLat, 1e-9);
  const pad = Math.max(spanX, spanY) * padding;
  const x0 = bbox.minLon * k - pad;
  const y0 = bbox.maxLat + pad;
  const scale = width / (spanX + 2 * pad);
  const height = round((spanY + 2 * pad) * scale, 1);
  return {
    width,
    height,
    project: ([lon, lat]) => [(lon * k - x0) * scale, (y0 - lat) * scale],
    view: { minLon: x0 / k, maxLon: (x0 + width / scale) / k, maxLat: y0, minLat: y0 - height / scale },
    unitsPerKm: scale / 111.195,
  };
}

export const round = (n: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
};

function perpendicularDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on a polyline (iterative, so long rings do not overflow the stack). Keeps both ends. */
export function simplifyLine(points: Point[], tolerance: number): Point[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxDistance = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i]!, points[first]!, points[last]!);
      if (d > maxDistance) {
        maxDistance = d;
        index = i;
      }
    }
    if (index !== -1 && maxDistance > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Simplifies a closed ring (first point = last point). The ring is split at its first point and at the point
 * farthest from it, so that Douglas–Peucker does not collapse it; a ring that shrinks below 3 distinct points
 * (smaller than the tolerance) is dropped (null).
 */
export function simplifyRing(ring: Point[], tolerance: number): Point[] | null {
  const open = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring.slice();
  if (open.length < 3) return null;
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot(open[i]![0] - open[0]![0], open[i]![1] - open[0]![1]);
    if (d > farDistance) {
      farDistance = d;
      far = i;
    }
  }
  const a = simplifyLine(open.slice(0, far + 1), tolerance);
  const b = simplifyLine([...open.slice(far), open[0]!], tolerance);
  const result = [...a, ...b.slice(1, -1)];
  return result.length >= 3 ? result : null;
}

/** Clips a ring to an axis-aligned rectangle (Sutherland–Hodgman); for neighbours drawn only around the commune. */
export function clipRing(ring: Point[], minX: number, minY: number, maxX: number, maxY: number): Point[] {
  type Edge = { inside: (p: Point) => boolean; cut: (a: Point, b: Point) => Point };
  const at = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  const edges: Edge[] = [
    { inside: (p) => p[0] >= minX, cut: (a, b) => at(a, b, (minX - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[0] <= maxX, cut: (a, b) => at(a, b, (maxX - a[0]) / (b[0] - a[0])) },
    { inside: (p) => p[1] >= minY, cut: (a, b) => at(a, b, (minY - a[1]) / (b[1] - a[1])) },
    { inside: (p) => p[1] <= maxY, cut: (a, b) => at(a, b, (maxY - a[1]) / (b[1] - a[1])) },
  ];
  let output = ring.slice();
  for (const edge of edges) {
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) output.push(edge.cut(previous, current));
        output.push(current);
      } else if (edge.inside(previous)) {
        output.push(edge.cut(previous, current));
      }
    }
    if (!output.length) break;
  }
  return output;
}

const fmt = (n: number) => String(round(n, 1));

/**
 * SVG path data for polygons (each ring a closed subpath; holes cut out with fill-rule="evenodd"), projected,
 * optionally clipped to the viewBox (plus a margin), simplified to `tolerance` user units and rounded to 0.1 unit.
 */
export function pathData(polygons: PolygonCoords[], projection: Projection, opts: { tolerance?: number; clip?: boolean } = {}): string {
  const tolerance = opts.tolerance ?? 0.6;
  const margin = 10;
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let points = ring.map((p) => projection.project(p));
      if (opts.clip) points = clipRing(points, -margin, -margin, projection.width + margin, projection.height + margin);
      const simple = simplifyRing(points, tolerance);
      if (!simple) continue;
      const [first, ...rest] = simple;
      parts.push(`M${fmt(first![0])} ${fmt(first![1])}` + rest.map((p) => `L${fmt(p[0])} ${fmt(p[1])}`).join('') + 'Z');
    }
  }
  return parts.join('');
}

/** Whether a point lies inside a polygon with holes (even-odd ray casting on every ring). */
export function pointInPolygon([x, y]: Position, polygon: PolygonCoords): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Area-weighted centroid of the outer rings (shoelace); enough to place a label or a sample point near the middle. */
export function centroid(polygons: PolygonCoords[]): Position | null {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring) continue;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j]!;
      const [x1, y1] = ring[i]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  if (a === 0) return null;
  return [cx / (3 * a), cy / (3 * a)];
}
