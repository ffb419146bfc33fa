/** The greeting and example questions for this person: built from their role, department and
 *  the sources they may use, and kept only when the offline engine answers them outright. */
import type { RequestContext } from '../../../shared/types/auth';
import type { Glossary } from '../../../shared/types/semantic';
import type { SchemaInfo } from '../../../shared/types/schema';
import type { Answerable } from './answerable';
import { entities, measureWords, type MeasureWords } from './vocabulary';

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
  /** Executives: the source's headline metrics with their change (see briefing.ts). */
  briefing?: string[];
}

const MAX_EXAMPLES = 4;

function candidates(role: RequestContext['role'], measures: MeasureWords[], entityNames: string[]): string[] {
  const [m1, m2] = measures;
  const pair = (m: MeasureWords | undefined, i: number) => (m && m.dimensions[i] ? m.dimensions[i] : undefined);
  const e1 = entityNames[0];
  const out: Array<string | false | undefined> = role === 'executive' || role === 'viewer'
    ? [
      m1?.timed && `How is ${m1.name} trending by month?`, m1 && pair(m1, 0) && `Which ${pair(m1, 0)} has the highest ${m1.name}?`,
      m1?.timed && `${m1.name} this year vs last year`, m1?.timed && `What was total ${m1.name} last quarter?`, m2?.timed && `Total ${m2.name} by month`, m2 && pair(m2, 0) && `${m2.name} by ${pair(m2, 0)}`,
    ]
    : [
      m1 && pair(m1, 0) && m1.timed && `${m1.name} by ${pair(m1, 0)} and month`, m1 && e1 && `Top 10 ${e1} by ${m1.name}`, m2 && pair(m2, 1) && `${m2.name} by ${pair(m2, 1)}`,
      m1 && pair(m1, 1) && `${m1.name} by ${pair(m1, 1)}`, m1?.timed && `${m1.name} by month`, m1?.timed && `${m1.name} growth by ${pair(m1, 0) ?? 'month'}`, `How many ${e1 ?? 'orders'} are there?`,
    ];
  return out.filter((q): q is string => typeof q === 'string');
}

function greetingFor(input: SuggestionInput): string {
  const { ctx, displayName } = input;
  const hello = displayName ? `Hello ${displayName.split(' ')[0]}` : 'Hello';
  const dept = ctx.department ? ` for ${ctx.department}` : '';
  if (!input.source) return `${hello}. Connect a data source (or ask an administrator for access) and I will answer questions about it.`;
  if (ctx.role === 'executive' || ctx.role === 'viewer') {
    if (input.briefing?.length) return `${hello}. ${input.source.name} at a glance: ${input.briefing.join(' ')}`;
    return `${hello}. Ask me about ${input.source.name}${dept}: I answer with the headline number, a chart and what it means.`;
  }
  return `${hello}. Ask about ${input.source.name}${dept} in plain words: you get the SQL, the result, a chart and how confident the engine is.`;
}

function helpFor(ctx: RequestContext): string[] {
  if (ctx.role === 'executive' || ctx.role === 'viewer') {
    return ['Name a measure and a period: "revenue last quarter".', 'Add "by region" or "by month" for a breakdown.', 'Save any answer to a dashboard to follow it.'];
  }
  return ['Open "details" on an answer to see its SQL, mappings and confidence.', 'Follow-ups keep context: "and by month?" refines the last answer.', 'Choose "language model" mode for questions the built-in engine does not understand.'];
}

export function buildSuggestions(input: SuggestionInput, answerable: Answerable): Suggestions {
  const examples: string[] = [];
  if (input.source) {
    const { schema, glossary } = input.source;
    for (const question of candidates(input.ctx.role, measureWords(schema, glossary), entities(schema))) {
      if (examples.length >= MAX_EXAMPLES) break;
      if (answerable({ schema, glossary, question })) examples.push(question);
    }
  }
  return { greeting: greetingFor(input), examples, help: helpFor(input.ctx) };
}
