/** How identifiers are spoken: database and business shorthand expanded (`tot_charge_amt` →
 *  "total charge amount", `sbCustCountry` → "customer country"), schema-wide prefixes dropped, and
 *  the verbs people use for a column's noun ("born" for birth, "published" for publication). */
import { singular, words } from './text';

/** General shorthand seen in column and table names, and its spoken form. */
const ABBREVIATIONS: Record<string, string> = {
  acct: 'account', acc: 'account', accts: 'accounts', addr: 'address', adm: 'admission', admit: 'admission', amt: 'amount', amnt: 'amount',
  apt: 'airport', arr: 'arrival', attr: 'attribute', avg: 'average', bal: 'balance', bldg: 'building', cat: 'category', cd: 'code',
  cnt: 'count', co: 'company', cmpgn: 'campaign', crtd: 'created', ctry: 'country', cntry: 'country', cty: 'city', cur: 'currency', curr: 'currency',
  cust: 'customer', custs: 'customers', del: 'deleted', dep: 'departure', dept: 'department', depts: 'departments', desc: 'description', descr: 'description',
  dest: 'destination', dist: 'distance', dob: 'birth date', dsch: 'discharge', dt: 'date', dtm: 'datetime', dttm: 'datetime', dx: 'diagnosis',
  emp: 'employee', emps: 'employees', est: 'estimated', fname: 'first name', flt: 'flight', freq: 'frequency', fy: 'fiscal year',
  grp: 'group', hr: 'hour', hrs: 'hours', ht: 'height', id: 'id', ins: 'insurance', inv: 'invoice', invs: 'invoices', lname: 'last name', loc: 'location',
  lvl: 'level', mgr: 'manager', mfr: 'manufacturer', mkt: 'market', mo: 'month', mth: 'month', msg: 'message', nbr: 'number', nm: 'name',
  num: 'number', ord: 'order', org: 'organization', orig: 'origin', pat: 'patient', pax: 'passenger', pct: 'percent', phys: 'physician',
  pmt: 'payment', pos: 'position', prc: 'price', prod: 'product', prods: 'products', pts: 'points', pub: 'publication', qty: 'quantity',
  qtr: 'quarter', rcvd: 'received', rec: 'record', ref: 'reference', reg: 'region', rev: 'revenue', sched: 'scheduled', sku: 'sku',
  src: 'source', stat: 'status', sts: 'status', svc: 'service', tgt: 'target', tkt: 'ticket', tot: 'total', ts: 'timestamp',
  tx: 'transaction', txn: 'transaction', txns: 'transactions', trx: 'transaction', upd: 'updated', usr: 'user', val: 'value', vol: 'volume',
  wh: 'warehouse', mins: 'minutes', secs: 'seconds', whs: 'warehouse', wk: 'week', wt: 'weight', yr: 'year', yrs: 'years',
};

/** Words a question uses for the nouns of identifiers ("born" → birth date, "published" → publication year). */
export const NOUN_VERBS: Record<string, string[]> = {
  birth: ['born'], publication: ['published', 'publish'], admission: ['admitted', 'admit'], departure: ['departed', 'depart', 'departing'],
  arrival: ['arrived', 'arrive', 'arriving'], discharge: ['discharged'], registration: ['registered'], creation: ['created'],
  delivery: ['delivered'], payment: ['paid'], enrollment: ['enrolled'], hire: ['hired'], founded: ['founded'], signup: ['signed up'],
  resolution: ['resolved'], closure: ['closed'], join: ['joined'], start: ['started'], end: ['ended'], return: ['returned'],
};

/** Prefixes that only say what kind of object a table is (`tbl_orders`, `dim_customer`). */
const OBJECT_PREFIXES = new Set(['tbl', 'tb', 'dim', 'fact', 'fct', 'stg', 'vw', 'v']);

/** A short first word most tables share (`sbCustomer`, `sbAccount`): a system prefix, not a word. */
export function schemaPrefix(tableNames: string[]): string | undefined {
  if (tableNames.length < 2) return undefined;
  const firsts = tableNames.map((n) => words(n)).filter((w) => w.length > 1).map((w) => w[0]);
  const counts = new Map<string, number>();
  for (const f of firsts) counts.set(f, (counts.get(f) ?? 0) + 1);
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return top && top.length <= 3 && !ABBREVIATIONS[top] && n >= Math.max(2, tableNames.length * 0.6) ? top : undefined;
}

/** The spoken words of an identifier: split, prefix dropped, shorthand expanded. */
export function spokenWords(identifier: string, prefix?: string): string[] {
  let w = words(identifier);
  if (w.length > 1 && (w[0] === prefix || OBJECT_PREFIXES.has(w[0]))) w = w.slice(1);
  // Lower-cased by the database (`sbtransaction` for `sbTransaction`): the prefix is glued on.
  else if (w.length === 1 && prefix && w[0].startsWith(prefix) && w[0].length >= prefix.length + 3) w = [w[0].slice(prefix.length)];
  return w.flatMap((x) => (ABBREVIATIONS[x] ?? x).split(' '));
}

/** The identifier as spoken, in snake case ("carrier_nm" → "carrier_name"). */
export function spokenName(identifier: string, prefix?: string): string {
  return spokenWords(identifier, prefix).join('_');
}

/** Other words a question may use for the spoken words: verbs for their nouns. */
export function verbForms(spoken: string[]): string[][] {
  const out: string[][] = [];
  spoken.forEach((w, i) => {
    for (const v of NOUN_VERBS[singular(w)] ?? []) out.push([...spoken.slice(0, i), ...v.split(' '), ...spoken.slice(i + 1)]);
  });
  return out;
}

/** Shorthand people type in questions, safe to read as the full words in a question about data. */
const QUESTION_SHORTHAND: [RegExp, string][] = [
  [/\baov\b/g, 'average order value'], [/\bgp\b/g, 'gross profit'], [/\bgm ?%/g, 'gross margin %'], [/\bgm\b/g, 'gross margin'],
  [/\brev\b/g, 'revenue'], [/\bqtr\b/g, 'quarter'], [/\bqty\b/g, 'quantity'], [/\bamt\b/g, 'amount'], [/\bcust\b/g, 'customer'],
  [/\bcusts\b/g, 'customers'], [/\btxns?\b/g, 'transactions'], [/\bacct\b/g, 'account'], [/\baccts\b/g, 'accounts'], [/\bnum\b/g, 'number'],
  [/\bnbr\b/g, 'number'], [/\bcnt\b/g, 'count'], [/\bpct\b/g, 'percent'], [/\bdept\b/g, 'department'], [/\bdepts\b/g, 'departments'],
  [/\bemp\b/g, 'employee'], [/\bemps\b/g, 'employees'], [/\bmgr\b/g, 'manager'], [/\bpts\b/g, 'points'], [/\byr\b/g, 'year'],
  [/\byrs\b/g, 'years'], [/\bmins\b/g, 'minutes'], [/\bhrs\b/g, 'hours'], [/\binv\b/g, 'invoice'], [/\bprod\b/g, 'product'],
];

/** The question with business and database shorthand written out ("rev by qtr" → "revenue by quarter"). */
export function expandShorthand(text: string): string {
  return QUESTION_SHORTHAND.reduce((t, [re, full]) => t.replace(re, full), text);
}
