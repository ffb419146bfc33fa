/** Parses the SQL snippets of a glossary (metric expressions and filters) into the engine's AST,
 *  so they can be re-rendered in any dialect. Unreadable text falls back to a verbatim node. */
import { AGGREGATES, type BinaryOp, type Expr } from './ast';

export const AS_OF = '{as_of}';

type Token = { t: 'id' | 'num' | 'str' | 'op' | 'placeholder'; v: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\{as_of\})|('(?:[^']|'')*')|(\d+(?:\.\d+)?)|("[^"]+"|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)|(<>|!=|<=|>=|\|\||[-+*/%(),.=<>]))/y;
  let pos = 0;
  while (pos < sql.length) {
    if (/^\s*$/.test(sql.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(sql);
    if (!m) throw new Error(`cannot read "${sql.slice(pos, pos + 12)}"`);
    pos = re.lastIndex;
    if (m[1]) tokens.push({ t: 'placeholder', v: m[1] });
    else if (m[2]) tokens.push({ t: 'str', v: m[2].slice(1, -1).replace(/''/g, "'") });
    else if (m[3]) tokens.push({ t: 'num', v: m[3] });
    else if (m[4]) tokens.push({ t: 'id', v: m[4].replace(/^["`]|["`]$/g, '') });
    else tokens.push({ t: 'op', v: m[5] });
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expr {
    const e = this.or();
    if (this.i < this.tokens.length) throw new Error(`unexpected "${this.tokens[this.i].v}"`);
    return e;
  }

  private peek(): Token | undefined { return this.tokens[this.i]; }
  private kw(word: string): boolean {
    const t = this.peek();
    if (t && t.t === 'id' && t.v.toUpperCase() === word) { this.i++; return true; }
    return false;
  }
  private op(sym: string): boolean {
    const t = this.peek();
    if (t && t.t === 'op' && t.v === sym) { this.i++; return true; }
    return false;
  }
  private expect(sym: string): void {
    if (!this.op(sym)) throw new Error(`expected "${sym}"`);
  }

  private or(): Expr {
    let e = this.and();
    while (this.kw('OR')) e = { k: 'bin', op: 'OR', left: e, right: this.and() };
    return e;
  }
  private and(): Expr {
    let e = this.not();
    while (this.kw('AND')) e = { k: 'bin', op: 'AND', left: e, right: this.not() };
    return e;
  }
  private not(): Expr {
    return this.kw('NOT') ? { k: 'not', expr: this.not() } : this.comparison();
  }
  private comparison(): Expr {
    const left = this.additive();
    if (this.kw('IS')) {
      const negated = this.kw('NOT');
      if (!this.kw('NULL')) throw new Error('expected NULL');
      return { k: 'isNull', expr: left, negated };
    }
    const negated = this.kw('NOT');
    if (this.kw('IN')) {
      this.expect('(');
      const values = [this.additive()];
      while (this.op(',')) values.push(this.additive());
      this.expect(')');
      return { k: 'in', expr: left, values, negated };
    }
    if (this.kw('LIKE')) {
      const like: Expr = { k: 'bin', op: 'LIKE', left, right: this.additive() };
      return negated ? { k: 'not', expr: like } : like;
    }
    if (negated) throw new Error('expected IN or LIKE after NOT');
    for (const sym of ['=', '<>', '!=', '<=', '>=', '<', '>']) {
      if (this.op(sym)) return { k: 'bin', op: (sym === '!=' ? '<>' : sym) as BinaryOp, left, right: this.additive() };
    }
    return left;
  }
  private additive(): Expr {
    let e = this.multiplicative();
    for (;;) {
      if (this.op('+')) e = { k: 'bin', op: '+', left: e, right: this.multiplicative() };
      else if (this.op('-')) e = { k: 'bin', op: '-', left: e, right: this.multiplicative() };
      else return e;
    }
  }
  private multiplicative(): Expr {
    let e = this.unary();
    for (;;) {
      if (this.op('*')) e = { k: 'bin', op: '*', left: e, right: this.unary() };
      else if (this.op('/')) e = { k: 'bin', op: '/', left: e, right: this.unary() };
      else return e;
    }
  }
  private unary(): Expr {
    if (this.op('-')) return { k: 'neg', expr: this.unary() };
    return this.primary();
  }
  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new Error('unexpected end');
    this.i++;
    if (t.t === 'num') return { k: 'num', value: Number(t.v), float: t.v.includes('.') };
    if (t.t === 'placeholder') return { k: 'ref', name: AS_OF };
    if (t.t === 'str') return t.v === AS_OF ? { k: 'ref', name: AS_OF } : { k: 'str', value: t.v };
    if (t.t === 'op' && t.v === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.t !== 'id') throw new Error(`unexpected "${t.v}"`);
    const upper = t.v.toUpperCase();
    if (upper === 'NULL') return { k: 'null' };
    if (upper === 'CASE') return this.caseExpr();
    if (this.op('(')) return this.call(upper);
    if (this.op('.')) {
      const column = this.peek();
      if (!column || column.t !== 'id') throw new Error('expected a column after "."');
      this.i++;
      return { k: 'col', table: t.v, column: column.v };
    }
    throw new Error(`column "${t.v}" must be written as table.column`);
  }
  private call(name: string): Expr {
    if (name === 'COUNT' && this.op('*')) { this.expect(')'); return { k: 'fn', name, args: [{ k: 'star' }] }; }
    const distinct = this.kw('DISTINCT');
    const args: Expr[] = [];
    if (!this.op(')')) {
      args.push(this.or());
      while (this.op(',')) args.push(this.or());
      this.expect(')');
    }
    if (name === 'MEDIAN' && args.length === 1) return { k: 'median', expr: args[0] };
    if (!AGGREGATES.has(name) && !['COALESCE', 'ABS', 'ROUND', 'NULLIF', 'LOWER', 'UPPER'].includes(name)) {
      throw new Error(`function ${name} is not portable`);
    }
    return { k: 'fn', name, args, distinct };
  }
  private caseExpr(): Expr {
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.kw('WHEN')) {
      const when = this.or();
      if (!this.kw('THEN')) throw new Error('expected THEN');
      whens.push({ when, then: this.or() });
    }
    const otherwise = this.kw('ELSE') ? this.or() : undefined;
    if (!this.kw('END')) throw new Error('expected END');
    return { k: 'case', whens, otherwise };
  }
}

/** Parses a glossary SQL snippet; unreadable snippets become a verbatim `raw` node. */
export function parseSqlExpr(sql: string): Expr {
  try {
    return new Parser(tokenize(sql)).parseAll();
  } catch {
    return { k: 'raw', sql };
  }
}

/** `table.column` references inside a snippet, also for verbatim snippets. */
export function qualifiedRefs(sql: string): { table: string; column: string }[] {
  const out: { table: string; column: string }[] = [];
  const stripped = sql.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of stripped.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)/g)) out.push({ table: m[1], column: m[2] });
  return out;
}
