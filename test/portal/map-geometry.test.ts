import { describe, expect, it } from 'vitest';
import { bboxOf, centroid, clipRing, fitProjection, pathData, pointInPolygon, simplifyLine, simplifyRing, type PolygonCoords, type Point } from '../../src/portal/map/projection.js';
import { samplePlaces } from '../../src/portal/map/seed.js';
import { parseBoundary } from '../../src/portal/map/geojson.js';
import { readFileSync } from 'node:fs';

const square = (x0: number, y0: number, size: number) => [
  [x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0],
] as Array<[number, number]>;

/** Every coordinate of a path's M/L commands. */
const pointsOf = (d: string): Point[] => [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('projection', () => {
  it('fits the bbox into the viewBox with the padding, north up, x scaled by cos(latitude)', () => {
    const bbox = { minLon: 105.48, minLat: 18.48, maxLon: 105.55, maxLat: 18.56 };
    const p = fitProjection(bbox, 1000, 0.05);
    const corners = [p.project([bbox.minLon, bbox.maxLat]), p.project([bbox.maxLon, bbox.minLat])];
    for (const [x, y] of corners) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1000);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(p.height);
    }
    const [nw, se] = corners as [Point, Point];
    expect(nw[1]).toBeLessThan(se[1]); // north is up
    // the larger side (latitude here) gets the padding on both ends: 5 % of the larger span each side
    const k = Math.cos((18.52 * Math.PI) / 180);
    expect((se[0] - nw[0]) / (se[1] - nw[1])).toBeCloseTo((0.07 * k) / 0.08, 6);
    expect(nw[1]).toBeCloseTo(p.height - se[1], 1); // the height is rounded to 0.1 unit
    // a degree of latitude is about 111 km
    expect(p.unitsPerKm * 111.195).toBeCloseTo((se[1] - nw[1]) / 0.08, 6);
  });

  it('keeps a wide area within width × height', () => {
    const p = fitProjection({ minLon: 102, minLat: 10, maxLon: 109, maxLat: 11 }, 1000);
    expect(p.height).toBeLessThan(1000);
    const [x, y] = p.project([109, 10]);
    expect(x).toBeLessThanOrEqual(1000);
    expect(y).toBeLessThanOrEqual(p.height);
  });
});

describe('simplification', () => {
  it('drops points closer to the line than the tolerance and keeps the ends and the corners', () => {
    const line: Point[] = [[0, 0], [1, 0.01], [2, -0.01], [3, 0], [3, 5]];
    expect(simplifyLine(line, 0.1)).toEqual([[0, 0], [3, 0], [3, 5]]);
    expect(simplifyLine(line, 0.001)).toHaveLength(5);
  });

  it('keeps a closed ring a ring and drops rings smaller than the tolerance', () => {
    const ring: Point[] = [[0, 0], [5, 0.01], [10, 0], [10, 10], [0, 10], [0, 0]];
    expect(simplifyRing(ring, 0.5)).toEqual([[0, 0], [10, 0], [10, 10], [0, 10]]);
    expect(simplifyRing([[0, 0], [0.1, 0], [0.1, 0.1], [0, 0]], 1)).toBeNull();
  });

  it('handles long rings without recursion (20 000 points)', () => {
    const ring: Point[] = Array.from({ length: 20_000 }, (_, i) => [Math.cos((i / 20_000) * 2 * Math.PI) * 100, Math.sin((i / 20_000) * 2 * Math.PI) * 100]);
    ring.push(ring[0]!);
    const simple = simplifyRing(ring, 0.5)!;
    expect(simple.length).toBeGreaterThan(20);
    expect(simple.length).toBeLessThan(200);
  });

  it('clips a ring to a rectangle', () => {
    const clipped = clipRing([[-5, -5], [5, -5], [5, 5], [-5, 5]], 0, 0, 10, 10);
    expect(clipped.map(([x, y]) => [x, y].join(',')).sort()).toEqual(['0,0', '0,5', '5,0', '5,5']);
  });
});

describe('pathData', () => {
  const projection = fitProjection({ minLon: 105, minLat: 18, maxLon: 105.1, maxLat: 18.1 }, 1000, 0);

  it('draws a polygon with a hole as two closed subpaths (even-odd fill cuts the hole)', () => {
    const withHole: PolygonCoords = [square(105, 18, 0.1), square(105.04, 18.04, 0.02)];
    const d = pathData([withHole], projection);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    for (const [x, y] of pointsOf(d)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1000);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(projection.height);
    }
    expect(pointInPolygon([105.05, 18.05], withHole)).toBe(false);
    expect(pointInPolygon([105.01, 18.01], withHole)).toBe(true);
  });

  it('draws every part of a MultiPolygon and rounds to 0.1 unit', () => {
    const d = pathData([[square(105, 18, 0.03)], [square(105.06, 18.06, 0.03)]], projection);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/\.\d\d/);
  });

  it('simplifies the real Tứ Mỹ boundary (758 vertices) to a small path', () => {
    const parsed = parseBoundary(readFileSync(new URL('../../src/portal/map/data/tu-my-18202.geojson', import.meta.url)));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const polygons = parsed.value.communes.flatMap((a) => a.polygons);
    const p = fitProjection(bboxOf(polygons)!, 1000);
    const d = pathData(polygons, p);
    expect(pointsOf(d).length).toBeLessThan(400);
    expect(d.length).toBeLessThan(8000);
  });

  it('places the sample points inside the commune', () => {
    const parsed = parseBoundary(readFileSync(new URL('../../src/portal/map/data/tu-my-18202.geojson', import.meta.url)));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const polygons = parsed.value.communes.flatMap((a) => a.polygons);
    const places = samplePlaces(parsed.value);
    expect(places).toHaveLength(5);
    for (const place of places) {
      expect(place.name).toContain('(điểm mẫu)');
      expect(polygons.some((poly) => pointInPolygon([place.lon, place.lat], poly))).toBe(true);
    }
    expect(centroid([[square(105, 18, 0.1)]])).toEqual([expect.closeTo(105.05, 6), expect.closeTo(18.05, 6)]);
  });
});
