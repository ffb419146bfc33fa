/** The greeting and example questions for this person: built from their role, department and
 *  the sources they may use, and kept only when the offline engine can actually answer them. */
import type { RequestContext } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import { OFFLINE_CONFIDENCE_THRESHOLD } from '../ai/sqlRouter';
import type { OfflineEngine } from '../ai/offlineEngine';

export interface Suggestions {
  greeting: string;
  examples: string[];
  help: string[];
}

export interface SuggestionInput {
  ctx: RequestContext;
  displayName?: string;
  source?: { name: string; schema: SchemaInfo; glossary?: Glossary };
  sourceCount: number;
}

const MAX_EXAMPLES = 4;

interface Vocabulary {
  measures: string[];
  dimensions: string[];
  entities: string[];
}

function vocabulary(schema: SchemaInfo, glossary?: Glossary): Vocabulary {
  const words = (name: string) => name.replace(/_/g, ' ').toLowerCase();
  const metrics = (glossary?.metrics ?? []).map((m) => m.name.toLowerCase());
  const columns = schema.tables.flatMap((t) => t.columns.map((c) => ({ table: t.name, ...c })));
  const numeric = columns.filter((c) => c.kind === 'number' && !c.isPrimaryKey && !/(^id$|_id$)/i.test(c.name)).map((c) => words(c.name));
  const dimensions = columns.filter((c) => c.kind === 'text' && !/(code|_id)$/i.test(c.name) && (c.distinctValues?.length ?? 0) > 1 && (c.distinctValues?.length ?? 99) <= 30).map((c) => words(c.name));
  const entities = schema.tables.filter((t) => t.columns.some((c) => /name$/i.test(c.name))).map((t) => words(t.name));
  return { measures: [...new Set([...metrics, ...numeric])], dimensions: [...new Set(dimensions)], entities: [...new Set(entities)] };
}

function candidates(role: RequestContext['role'], v: Vocabulary): string[] {
  const [m1, m2] = v.measures;
  const [d1, d2] = v.dimensions;
  const e1 = v.entities[0];
  const out: Array<string | false | undefined> = role === 'executive' || role === 'viewer'
    ? [m1 && `What was total ${m1} last quarter?`, m1 && `How is ${m1} trending by month?`, m1 && d1 && `Which ${d1} has the highest ${m1}?`, m1 && `${m1} this year vs last year`, m2 && `Total ${m2} by month`]
    : [m1 && d1 && `${m1} by ${d1} and month`, m1 && e1 && `Top 10 ${e1} by ${m1}`, m2 && d2 && `Average ${m2} by ${d2}`, m1 && d2 && `${m1} by ${d2}`, m1 && `${m1} by month`, `How many ${e1 ?? 'orders'} are there?`];
  return out.filter((q): q is string => typeof q === 'string');
}

function greetingFor(input: SuggestionInput): string {
  const { ctx, displayName } = input;
  const hello = displayName ? `Hello ${displayName.split(' ')[0]}` : 'Hello';
  const dept = ctx.department ? ` for ${ctx.department}` : '';
  if (!input.source) return `${hello}. Connect a data source (or ask an administrator for access) and I will answer questions about it.`;
  if (ctx.role === 'executive' || ctx.role === 'viewer') return `${hello}. Ask me about ${input.source.name}${dept}: I answer with the headline number, a chart and what it means.`;
  return `${hello}. Ask about ${input.source.name}${dept} in plain words: you get the SQL, the result, a chart and how confident the engine is.`;
}

function helpFor(ctx: RequestContext): string[] {
  if (ctx.role === 'executive' || ctx.role === 'viewer') {
    return ['Name a measure and a period: "revenue last quarter".', 'Add "by region" or "by month" for a breakdown.', 'Save any answer to a dashboard to follow it.'];
  }
  return ['Open "details" on an answer to see its SQL, mappings and confidence.', 'Follow-ups keep context: "and by month?" refines the last answer.', 'Choose "language model" mode for questions the built-in engine does not understand.'];
}

export function buildSuggestions(input: SuggestionInput, engine: OfflineEngine): Suggestions {
  const examples: string[] = [];
  if (input.source) {
    const { schema, glossary } = input.source;
    for (const question of candidates(input.ctx.role, vocabulary(schema, glossary))) {
      if (examples.length >= MAX_EXAMPLES) break;
      const answer = engine({ schema, glossary, question });
      if (answer.sql && !answer.clarification && answer.confidence >= OFFLINE_CONFIDENCE_THRESHOLD) examples.push(question);
    }
  }
  return { greeting: greetingFor(input), examples, help: helpFor(input.ctx) };
}
