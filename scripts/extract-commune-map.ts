/**
 * Copies one commune's boundary and its neighbours' boundaries out of the province GeoJSON
 * (/work/shared/data/geo/ha-tinh-communes-2025.geojson, see SOURCES.md §2) into a small file the demo seed reads:
 *   node --import tsx scripts/extract-commune-map.ts <source.geojson> <code> <out.geojson>
 * Coordinates and properties are copied unchanged; each feature gains `role` ("commune" or "neighbour"), and the
 * collection an `attribution`. A neighbour is a commune with a vertex within ~50 m of one of the commune's vertices.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Position = [number, number];
interface Feature {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: 'MultiPolygon'; coordinates: Position[][][] } | { type: 'Polygon'; coordinates: Position[][] };
}

const [source, code, out] = process.argv.slice(2);
if (!source || !code || !out) throw new Error('usage: extract-commune-map.ts <source.geojson> <code> <out.geojson>');
const collection = JSON.parse(readFileSync(source, 'utf8')) as { features: Feature[] };
const vertices = (f: Feature): Position[] => (f.geometry.type === 'Polygon' ? f.geometry.coordinates.flat() : f.geometry.coordinates.flat(2));
const commune = collection.features.find((f) => String(f.id) === code);
if (!commune) throw new Error(`no feature with id ${code}`);
const own = vertices(commune);
const near = (p: Position) => own.some((q) => Math.abs(p[0] - q[0]) < 0.0005 && Math.abs(p[1] - q[1]) < 0.0005);
const neighbours = collection.features.filter((f) => f !== commune && vertices(f).some(near));
const result = {
  type: 'FeatureCollection',
  attribution:
    'Ranh giới: Bản đồ đơn vị hành chính Việt Nam (sapnhap.bando.com.vn), NXB Tài nguyên – Môi trường và Bản đồ Việt Nam; ' +
    'qua thanglequoc/vietnamese-provinces-database (MIT), commit cd58063. Độ chính xác bản đồ tham khảo, không phải địa chính.',
  features: [
    { ...commune, properties: { ...commune.properties, role: 'commune' } },
    ...neighbours.map((f) => ({ ...f, properties: { ...f.properties, role: 'neighbour' } })),
  ],
};
writeFileSync(out, JSON.stringify(result) + '\n');
console.log(`${commune.properties.fullName as string}: ${neighbours.length} neighbours → ${out}`);
