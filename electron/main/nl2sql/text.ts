/** Word-level text helpers: normalisation, naive English stemming and fuzzy similarity. */

const IRREGULAR: Record<string, string> = {
  people: 'person', men: 'man', women: 'woman', children: 'child', data: 'data', analyses: 'analysis',
  series: 'series', news: 'news', status: 'status', statuses: 'status', sales: 'sale', bus: 'bus',
  sold: 'sell', bought: 'buy', spent: 'spend', paid: 'pay', took: 'take', made: 'make', won: 'win', lost: 'lose',
};

/** Singular, lower-case form of one word ("categories" → "category", "boxes" → "box"). */
export function singular(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3 || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(ches|shes|xes|zes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Coarse stem for matching inflections ("shipped", "shipping" → "ship"; "signed" → "sign"). */
export function stem(word: string): string {
  let w = singular(word);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && /([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Splits identifiers and phrases into lower-case words: `orderDate`/`order_date` → ["order","date"]. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^a-z0-9$%.-]+|(?<=[a-z])[.-](?=\s|$)|-(?=[a-z])/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length > 0);
}

export function stems(text: string): string[] {
  return words(text).map(stem);
}

/** Edit distance counting a swap of two neighbouring letters as one edit, capped for speed. */
export function editDistance(a: string, b: string, cap = 4): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Similarity of two stemmed words in [0,1]: 1 exact, ~0.8 for a typo in a long word, 0 otherwise. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (len < 5) return 0;
  const allowed = len >= 8 ? 2 : 1;
  const d = editDistance(a, b, allowed);
  return d <= allowed ? 1 - d / (len + 2) : 0;
}

export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'for', 'in', 'on', 'at', 'to', 'by', 'with', 'from', 'and', 'or', 'our', 'we', 'us', 'me',
  'what', 'whats', 'what\'s', 'which', 'who', 'how', 'was', 'were', 'is', 'are', 'be', 'been', 'did', 'do', 'does',
  'have', 'has', 'had', 'get', 'got', 'show', 'give', 'list', 'tell', 'much', 'many', 'total', 'all', 'each',
  'per', 'this', 'that', 'these', 'those', 'it', 'its', 'there', 'their', 'my', 'you', 'your', 'please', 'so', 'far',
  'as', 'well', 'than', 'into', 'across', 'during', 'over', 'under', 'about', 'any', 'every', 'ever', 'some',
  'break', 'down', 'split', 'now', 'just', 'only', 'also', 'too', 'can', 'could', 'would', 'should', 'will', 'up',
  'number', 'count', 'amount', 'value', 'values', 'make', 'made', 'bring', 'brought', 'take', 'took', 'came',
]);
