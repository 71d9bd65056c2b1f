import { describe, expect, it } from 'vitest';
import { MAX_GEOJSON_BYTES, parseBoundary, parsePlaces } from '../../src/portal/map/geojson.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const ring = (lon: number, lat: number, d = 0.01) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const area = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry });
const place = (properties: unknown, coordinates: unknown = [105.5, 18.5]) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });

describe('boundary GeoJSON', () => {
  it('accepts Polygon and MultiPolygon features, neighbours by role, and the attribution', () => {
    const r = parseBoundary(json({
      ...collection([
        area({ type: 'Polygon', coordinates: [ring(105.5, 18.5, 0.1), ring(105.52, 18.52)] }, { fullName: 'Xã Thử' }),
        area({ type: 'MultiPolygon', coordinates: [[ring(105.7, 18.5)], [ring(105.8, 18.5)]] }, { role: 'neighbour', name: 'Xã Bên' }),
      ]),
      attribution: 'Nguồn: thử',
    }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.communes).toHaveLength(1);
    expect(r.value.communes[0]!.name).toBe('Xã Thử');
    expect(r.value.communes[0]!.polygons[0]).toHaveLength(2); // outer ring and hole
    expect(r.value.neighbours[0]!.polygons).toHaveLength(2);
    expect(r.value.attribution).toBe('Nguồn: thử');
  });

  it.each([
    ['not JSON', Buffer.from('<kml></kml>'), /không phải JSON/],
    ['empty', Buffer.alloc(0), /rỗng/],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00]), /UTF-8/],
    ['a Feature, not a FeatureCollection', json(area({ type: 'Polygon', coordinates: [ring(105.5, 18.5)] })), /FeatureCollection/],
    ['a Point geometry', json(collection([area({ type: 'Point', coordinates: [105.5, 18.5] })])), /Polygon hoặc MultiPolygon/],
    ['lat-lon swapped (outside Viet Nam)', json(collection([area({ type: 'Polygon', coordinates: [ring(18.5, 105.5)] })])), /ngoài lãnh thổ Việt Nam/],
    ['projected metres (VN-2000)', json(collection([area({ type: 'Polygon', coordinates: [ring(550000, 2045000, 100)] })])), /ngoài lãnh thổ Việt Nam/],
    ['an open ring', json(collection([area({ type: 'Polygon', coordinates: [ring(105.5, 18.5).slice(0, 4).concat([[105.6, 18.6]])] })])), /khép kín/],
    ['no features', json(collection([])), /không có đối tượng/],
    ['only neighbours', json(collection([area({ type: 'Polygon', coordinates: [ring(105.5, 18.5)] }, { role: 'neighbour' })])), /ít nhất một/],
    ['a string coordinate', json(collection([area({ type: 'Polygon', coordinates: [[['105', 18], [105.1, 18], [105.1, 18.1], ['105', 18]]] })])), /số/],
  ])('rejects %s', (_label, bytes, message) => {
    const r = parseBoundary(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(message);
  });

  it('rejects a file over 5 MB before parsing it', () => {
    const r = parseBoundary(Buffer.alloc(MAX_GEOJSON_BYTES + 1, 0x20));
    expect(r).toEqual({ ok: false, errors: ['Tệp quá lớn: tối đa 5 MB.'] });
  });

  it('names the feature at fault, counting from 1, and lists at most five messages', () => {
    const bad = Array.from({ length: 20 }, (_, i) => area({ type: 'Polygon', coordinates: [ring(1 + i, 1)] }));
    const r = parseBoundary(json(collection([area({ type: 'Polygon', coordinates: [ring(105.5, 18.5)] }), ...bad])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.length).toBeLessThanOrEqual(5);
    expect(r.errors[0]).toMatch(/^Đối tượng thứ 2: /);
  });
});

describe('places GeoJSON', () => {
  it('accepts points with name, kind, wifi, address and description (text in NFC)', () => {
    const r = parsePlaces(json(collection([
      place({ name: 'Nha\u0300 văn hóa thôn 1', kind: 'nhaVanHoa', wifi: true, address: 'Thôn 1' }),
      place({ name: 'Trạm y tế', kind: 'tramYTe', description: null }),
    ])));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.places[0]).toEqual({ name: 'Nhà văn hóa thôn 1', kind: 'nhaVanHoa', wifi: true, address: 'Thôn 1', description: null, lon: 105.5, lat: 18.5 });
    expect(r.value.places[1]!.wifi).toBe(false);
  });

  it('accepts an empty collection (no places)', () => {
    expect(parsePlaces(json(collection([])))).toEqual({ ok: true, value: { places: [], attribution: null } });
  });

  it.each([
    ['an unknown kind', place({ name: 'A', kind: 'cho' }), /Loại địa điểm/],
    ['no name', place({ name: '  ', kind: 'khac' }), /Thiếu tên/],
    ['no properties', { type: 'Feature', geometry: { type: 'Point', coordinates: [105.5, 18.5] } }, /properties/],
    ['a polygon', { type: 'Feature', properties: { name: 'A', kind: 'khac' }, geometry: { type: 'Polygon', coordinates: [ring(105.5, 18.5)] } }, /điểm \(Point\)/],
    ['a point outside Viet Nam', place({ name: 'A', kind: 'khac' }, [2.35, 48.85]), /ngoài lãnh thổ Việt Nam/],
    ['wifi as text', place({ name: 'A', kind: 'nhaVanHoa', wifi: 'có' }), /wifi/],
  ])('rejects %s', (_label, feature, message) => {
    const r = parsePlaces(json(collection([feature])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(message);
  });
});
