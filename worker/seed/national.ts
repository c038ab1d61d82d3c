// A national-scale demo tree of units, as 《领导留言板》 spans it: ministries, and provinces → cities →
// counties, each with its party secretary, its head and the head's departments. Deterministic: the
// same options give the same units, ids and order every time (for benchmarks and browser tests).
import type { UnitKind } from '../../sdk/src/schemas/common';
import type { SiteDatabase } from '../src/db/client';
import type { Insertable } from 'kysely';
import type { UnitTable } from '../src/db/schema';
import { unitPinyinKeys } from '../src/db/unit-pinyin';

export interface NationalTreeOptions {
  /** How many provinces (at most 31); default 31. */
  provinces?: number;
  /** Cities per province: from `min` to `max`, varying deterministically; default 8–14. */
  cities?: { min: number; max: number };
  /** Counties per city: default 6–12. */
  counties?: { min: number; max: number };
  /** Departments under each head, from the list below; default all 25. */
  departments?: number;
  /** Ministries at the top level (at most 26); default 26. */
  ministries?: number;
}

const PROVINCES = ['北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市', '四川省', '贵州省',
  '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区'];
const MINISTRIES = ['外交部', '国防部', '国家发展和改革委员会', '教育部', '科学技术部', '工业和信息化部', '国家民族事务委员会', '公安部', '民政部',
  '司法部', '财政部', '人力资源和社会保障部', '自然资源部', '生态环境部', '住房和城乡建设部', '交通运输部', '水利部', '农业农村部', '商务部',
  '文化和旅游部', '国家卫生健康委员会', '退役军人事务部', '应急管理部', '审计署', '国家市场监督管理总局', '国家医疗保障局'];
/** A county's (and, with 厅 for 局, a province's; as is, a city's) departments under its head. */
const DEPARTMENTS: [key: string, name: string][] = [['development', '发展和改革局'], ['education', '教育局'], ['science', '科学技术局'],
  ['industry', '工业和信息化局'], ['police', '公安局'], ['civil', '民政局'], ['justice', '司法局'], ['finance', '财政局'],
  ['hrss', '人力资源和社会保障局'], ['land', '自然资源局'], ['environment', '生态环境局'], ['housing', '住房和城乡建设局'],
  ['transport', '交通运输局'], ['water', '水利局'], ['agriculture', '农业农村局'], ['commerce', '商务局'], ['culture', '文化和旅游局'],
  ['health', '卫生健康局'], ['veterans', '退役军人事务局'], ['emergency', '应急管理局'], ['audit', '审计局'], ['market', '市场监督管理局'],
  ['statistics', '统计局'], ['insurance', '医疗保障局'], ['forestry', '林业局']];
/** Characters place names are made of: two of them and 市 or 县 (安平市, 清河县 …). */
const PLACE = '安平清河永宁长乐广昌新丰龙泉宝山云溪凤阳兴隆东明西林南华北川临江白水青城金沙玉田石门桃源柳城梅林松阳';

/** Two different characters of PLACE picked by `n`. */
function placeName(n: number): string {
  const first = n % PLACE.length;
  const second = (first + 1 + ((n * 7 + Math.floor(n / PLACE.length)) % (PLACE.length - 1))) % PLACE.length;
  return PLACE[first]! + PLACE[second]!;
}
/** A number from min to max, the same for the same seed. */
const spread = (seed: number, { min, max }: { min: number; max: number }) => min + ((seed * 2654435761) >>> 0) % (max - min + 1);

/**
 * The units of a national tree for `siteId`, parents before children, ids `<siteId>_…`. With the
 * defaults about 94,000 units: 26 ministries, 31 provinces, ~340 cities, ~3,000 counties, each
 * place with 书记, 长 and 25 departments.
 */
export function nationalUnits(siteId: string, options: NationalTreeOptions = {}): Insertable<UnitTable>[] {
  const provinces = Math.min(options.provinces ?? 31, PROVINCES.length);
  const cities = options.cities ?? { min: 8, max: 15 };
  const counties = options.counties ?? { min: 6, max: 13 };
  const departments = DEPARTMENTS.slice(0, options.departments ?? DEPARTMENTS.length);
  const created_at = '2026-01-01T00:00:00.000Z';
  const units: Insertable<UnitTable>[] = [];
  const add = (id: string, parent: string | null, name: string, kind: UnitKind, sort_order: number) => {
    units.push({ id: `${siteId}_${id}`, site_id: siteId, parent_id: parent && `${siteId}_${parent}`, name, kind, sort_order, active: 1, created_at, pinyin_keys: unitPinyinKeys(name) });
    return id;
  };
  /** A place's leaders and departments, then its own places. */
  const place = (id: string, parent: string | null, name: string, level: 'province' | 'city' | 'county', sort: number) => {
    add(id, parent, name, 'region', sort);
    const short = name.replace(/(省|市|县|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
    const title = level === 'province' ? (name.endsWith('市') ? '市长' : name.endsWith('省') ? '省长' : '主席') : level === 'city' ? '市长' : '县长';
    const secretary = level === 'province' ? (name.endsWith('市') ? '市委书记' : name.endsWith('省') ? '省委书记' : '党委书记') : level === 'city' ? '市委书记' : '县委书记';
    add(`${id}_secretary`, id, `${short}${secretary}`, 'leader', 0);
    const head = add(`${id}_head`, id, `${short}${title}`, 'leader', 1);
    departments.forEach(([key, dept], i) => add(`${head}_${key}`, head, `${short}${level === 'province' && !name.endsWith('市') ? dept.replace(/局$/, '厅') : dept}`, 'department', i));
  };
  MINISTRIES.slice(0, options.ministries ?? MINISTRIES.length).forEach((name, i) => add(`m${i}`, null, name, 'ministry', i));
  let placeSeed = 0;
  for (let p = 0; p < provinces; p++) {
    const province = `p${p}`;
    place(province, null, PROVINCES[p]!, 'province', 100 + p);
    for (let c = 0, n = spread(p + 1, cities); c < n; c++) {
      const city = `${province}c${c}`;
      place(city, province, `${placeName(placeSeed++)}市`, 'city', 10 + c);
      for (let k = 0, m = spread(placeSeed * 7 + c, counties); k < m; k++) {
        place(`${city}k${k}`, city, `${placeName(placeSeed++)}县`, 'county', 10 + k);
      }
    }
  }
  return units;
}

/**
 * Writes `units` (parents first) into the site's table: 11 rows a statement (9 columns, within D1's
 * 100 bound parameters), 50 statements a transaction. Existing ids are left as they are.
 */
export async function insertUnits(db: SiteDatabase, units: Insertable<UnitTable>[], onProgress?: (done: number) => void): Promise<void> {
  const ROWS = 11;
  const STATEMENTS = 50;
  for (let start = 0; start < units.length; start += ROWS * STATEMENTS) {
    const statements = [];
    for (let i = start; i < Math.min(units.length, start + ROWS * STATEMENTS); i += ROWS) {
      statements.push(db.q.insertInto('units').values(units.slice(i, i + ROWS)).onConflict((oc) => oc.column('id').doNothing()));
    }
    await db.batch(statements);
    onProgress?.(Math.min(units.length, start + ROWS * STATEMENTS));
  }
}

/** A site for the national tree, allowing `origins`; nothing changes when it exists. */
export async function ensureSite(db: SiteDatabase, siteId: string, name: string, origins: string[]): Promise<void> {
  const now = new Date().toISOString();
  await db.run(db.q.insertInto('sites').values({ id: siteId, name, allowed_origins: JSON.stringify(origins), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doNothing()));
}
