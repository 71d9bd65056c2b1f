/**
 * Build src/identity/seed/units.json — Hà Tĩnh province (code 42) and all its communes/wards after the
 * 1 July 2025 reorganisation — from shared/data/admin-units (see shared/data/SOURCES.md §1).
 *
 *   npx tsx scripts/extract-units.ts [SHARED_DATA_DIR]
 *
 * SHARED_DATA_DIR: argv[2], else env SHARED_DIR, else ../shared/data relative to the repository.
 *
 * formerNames: the pre-reform units each new commune was formed from (mapping-2025-new-to-old.json, full or
 * partial), plus older names of those units recorded in son-chau-ha-tinh-history.json (Sơn Châu → Châu Bình
 * → Tứ Mỹ). Names without the "Xã"/"Phường"/"Thị trấn" prefix, NFC, the unit's own current name excluded.
 *
 * agencyCode: prefix used in dossier codes (mã hồ sơ). The official agency code comes from the national
 * list of agency codes (Quyết định 20/2020/QĐ-TTg, format like "000.00.<seq>.H42"); it is NOT in these data
 * files, so a simple placeholder is generated here — "H42" for the province and "H42.<commune code>" for a
 * commune — and deployments configure the official value.
 *
 * Deterministic: province first, then communes sorted by code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nfc } from '../src/catalog/model.js';

const PROVINCE_CODE = '42';
const PROVINCE_SHORT = 'H42';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(process.argv[2] ?? process.env['SHARED_DIR'] ?? path.join(repoRoot, '../shared/data'));
const outFile = path.join(repoRoot, 'src/identity/seed/units.json');

interface SrcUnit {
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  ProvinceCode?: string;
  Wards?: SrcUnit[];
}
interface Merge { old_id: string; name: string; type: string }
interface NewToOld { data: { level1_id: string; level2s: { level2_id: string; name: string; merges: Merge[] }[] }[] }
interface History {
  timeline: {
    step: number;
    valid_until?: string;
    unit: { code: string; name: string };
    formed_from?: { code: string; full_name: string }[];
  }[];
}

interface UnitOut {
  code: string;
  name: string;
  fullName: string;
  kind: 'province' | 'commune' | 'ward';
  parentCode: string | null;
  agencyCode: string;
  formerNames: string[];
}

function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(path.join(sharedDir, rel), 'utf8')) as T;
}

function shortName(fullName: string): string {
  return nfc(fullName).replace(/^(xã|phường|thị trấn|đặc khu)\s+/iu, '');
}

const units = readJson<SrcUnit[]>('admin-units/vn-admin-units-2026-04-30.json');
const province = units.find((u) => u.Code === PROVINCE_CODE);
if (!province) throw new Error(`province ${PROVINCE_CODE} not found`);

const mapping = readJson<NewToOld>('admin-units/mapping-2025-new-to-old.json');
const mergesByCode = new Map<string, Merge[]>();
for (const l2 of mapping.data.find((p) => p.level1_id === PROVINCE_CODE)?.level2s ?? []) mergesByCode.set(l2.level2_id, l2.merges);

// Older names per pre-reform unit code, from the Sơn Châu history: every name a code carried before the
// reform (steps with valid_until; the last step is the new unit itself).
const history = readJson<History>('admin-units/son-chau-ha-tinh-history.json');
const olderNamesByOldCode = new Map<string, string[]>();
for (const step of history.timeline) {
  if (!step.valid_until) continue;
  const list = olderNamesByOldCode.get(step.unit.code) ?? [];
  list.push(nfc(step.unit.name));
  olderNamesByOldCode.set(step.unit.code, list);
}
// Units the history says a new unit was formed from (e.g. 18202 Tứ Mỹ ← 18178 Châu Bình ← Sơn Châu).
const historyFormedFrom = new Map<string, string[]>();
for (const step of history.timeline) {
  if (step.formed_from) historyFormedFrom.set(step.unit.code, step.formed_from.map((f) => f.code));
}

function formerNames(code: string, currentName: string): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    const s = shortName(n);
    if (s && s !== currentName && !names.includes(s)) names.push(s);
  };
  for (const m of mergesByCode.get(code) ?? []) {
    add(m.name);
    for (const older of olderNamesByOldCode.get(m.old_id) ?? []) add(older);
  }
  for (const oldCode of historyFormedFrom.get(code) ?? []) {
    for (const older of olderNamesByOldCode.get(oldCode) ?? []) add(older);
  }
  return names;
}

const out: UnitOut[] = [
  {
    code: province.Code,
    name: nfc(province.Name),
    fullName: nfc(province.FullName),
    kind: 'province',
    parentCode: null,
    agencyCode: PROVINCE_SHORT,
    formerNames: [],
  },
];
const wards = [...(province.Wards ?? [])].sort((a, b) => (a.Code < b.Code ? -1 : a.Code > b.Code ? 1 : 0));
for (const w of wards) {
  const kind = w.AdministrativeUnitShortName === 'Phường' ? 'ward' : 'commune';
  const name = nfc(w.Name);
  out.push({
    code: w.Code,
    name,
    fullName: nfc(w.FullName),
    kind,
    parentCode: province.Code,
    agencyCode: `${PROVINCE_SHORT}.${w.Code}`,
    formerNames: formerNames(w.Code, name),
  });
}

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`, 'utf8');
console.log(`wrote ${out.length} units (${out.length - 1} communes/wards) to ${path.relative(repoRoot, outFile)}`);
