/** What the question asks for, read from its words. */
export type ChartIntent = 'trend' | 'ranking' | 'share' | 'correlation' | 'distribution' | 'single' | 'unknown';

const RULES: Array<[ChartIntent, RegExp]> = [
  ['share', /\b(share|breakdown|split|proportion|mix|percentage of|composition|part of)\b/i],
  ['correlation', /\b(correlat\w*|relationship|vs\.?|versus|against|relate[sd]?)\b/i],
  ['distribution', /\b(distribution|spread|histogram|range of|how (are|is) .* distributed|outliers?)\b/i],
  ['trend', /\b(trend|over time|by (day|week|month|quarter|year)|monthly|weekly|daily|quarterly|yearly|growth|since|history)\b/i],
  ['ranking', /\b(top|bottom|best|worst|highest|lowest|most|least|rank\w*|largest|biggest|smallest|leading)\b/i],
  ['single', /\b(how (much|many)|total|what (is|was) the|count of|number of)\b/i],
];

export function detectIntent(question: string | undefined): ChartIntent {
  if (!question) return 'unknown';
  for (const [intent, pattern] of RULES) if (pattern.test(question)) return intent;
  return 'unknown';
}
