import fs from 'node:fs';
import path from 'node:path';
import { DIALECTS, type Dialect } from '../../../../shared/types/schema';
import { DATASETS } from './fixture';

export interface MaskingProbe {
  dialect: Dialect;
  cls: string;
  sql: string;
  /** 'no-match': an oracle that must find nothing without PII access (and finds rows with it). */
  expect?: 'no-match';
}

interface Group { class: string; dialects: Dialect[] | 'all'; expect?: 'no-match'; sql: string[] }

const [first] = DATASETS.a;
const email = first[2]!;
const local = email.slice(0, email.indexOf('@'));
const PLACEHOLDERS: Record<string, string> = {
  email,
  emailPrefix: local.slice(0, 4),
  emailPrefix2: local.slice(0, 2),
  emailLocalTail: local.slice(-3),
  name: first[1],
  namePrefix: first[1].slice(0, 3),
  phone: first[3],
  maxEmail: DATASETS.a.map((c) => c[2] ?? '').sort().at(-1)!,
};

/** The corpus (corpus.json) expanded per dialect, placeholders filled with dataset A's values. */
export function loadMaskingCorpus(): MaskingProbe[] {
  const { groups } = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'corpus.json'), 'utf8')) as { groups: Group[] };
  return groups.flatMap((group) => (group.dialects === 'all' ? [...DIALECTS] : group.dialects).flatMap((dialect) => group.sql.map((sql) => ({
    dialect, cls: group.class, expect: group.expect,
    sql: sql.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => PLACEHOLDERS[key] ?? `{{${key}}}`),
  }))));
}
