/** Plain-text rendering of context pieces: what a prompt would contain, and what the token
 *  estimate is based on. */
import type { BundleExample, BundleGlossaryEntry, BundleTable, ContextBundle, ConversationTurn } from './types';

export function renderTable(table: BundleTable): string {
  const columns = table.columns.map((c) => `${c.name} ${c.type}${c.pii ? ' [pii]' : ''}`).join(', ');
  const more = table.omittedColumns > 0 ? `, …${table.omittedColumns} more` : '';
  const joins = table.joins.length > 0 ? `\n  joins: ${table.joins.join('; ')}` : '';
  return `table ${table.name}(${columns}${more})${joins}`;
}

export function renderGlossaryEntry(entry: BundleGlossaryEntry): string {
  return `- ${entry.text}`;
}

export function renderExample(example: BundleExample): string {
  return `Q: ${example.question}\nSQL: ${example.sql}`;
}

export function renderTurn(turn: ConversationTurn): string {
  return `${turn.role}: ${turn.text}${turn.sql ? `\n  sql: ${turn.sql}` : ''}`;
}

export function renderHeader(bundle: Pick<ContextBundle, 'person' | 'organization' | 'project' | 'permittedSources' | 'policies' | 'question' | 'source'>): string {
  const p = bundle.person;
  const lines = [
    `user: ${p.displayName ?? p.userId} (role ${p.role}${p.department ? `, department ${p.department}` : ''}${p.expertise ? `, expertise ${p.expertise}` : ''})`,
    `organization: ${bundle.organization.name ?? bundle.organization.id}${bundle.project ? `; project: ${bundle.project.name}` : ''}`,
    `source: ${bundle.source.name ?? bundle.source.id} (${bundle.source.dialect})`,
  ];
  if (bundle.permittedSources.length > 0) lines.push(`permitted sources: ${bundle.permittedSources.map((s) => s.name).join(', ')}`);
  for (const policy of bundle.policies) lines.push(`policy: ${policy}`);
  lines.push(`question: ${bundle.question}`);
  return lines.join('\n');
}

/** The whole bundle as prompt text, section by section. */
export function renderContext(bundle: ContextBundle): string {
  const sections = [renderHeader(bundle)];
  if (bundle.conversation.summary) sections.push(bundle.conversation.summary);
  if (bundle.conversation.recentTurns.length > 0) sections.push(bundle.conversation.recentTurns.map(renderTurn).join('\n'));
  if (bundle.tables.length > 0) sections.push(bundle.tables.map(renderTable).join('\n'));
  if (bundle.glossary.length > 0) sections.push(`glossary:\n${bundle.glossary.map(renderGlossaryEntry).join('\n')}`);
  if (bundle.examples.length > 0) sections.push(`approved examples:\n${bundle.examples.map(renderExample).join('\n\n')}`);
  return sections.join('\n\n');
}
