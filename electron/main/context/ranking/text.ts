/** Turns identifiers and questions into comparable terms: `orderDate`, `order_dates` and
 *  "order dates" all become ["order", "date"]. Pure functions, shared by every ranker. */

const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'per',
  'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'have', 'has', 'had', 'get', 'got',
  'what', 'whats', 'which', 'who', 'whom', 'how', 'many', 'much', 'when', 'where', 'why',
  'we', 'our', 'us', 'i', 'me', 'my', 'you', 'your', 'it', 'its', 'they', 'their', 's',
  'show', 'list', 'give', 'tell', 'find', 'total', 'all', 'each', 'every', 'any', 'some',
  'this', 'that', 'these', 'those', 'than', 'then', 'there', 'as', 'so', 'not', 'no',
  'id', 'ids', 'over', 'into', 'out', 'up', 'about', 'vs', 'versus', 'compared',
]);

/** Splits camelCase, snake_case, kebab-case, dotted and spaced text into lower-case words.
 *  A camelCase word also yields its joined form: "PayPal" → paypal, pay, pal. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.replace(/['’]s\b/g, '').split(/[^A-Za-z0-9]+/)) {
    if (!token) continue;
    const parts = token
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(' ');
    if (parts.length > 1) words.push(token.toLowerCase());
    words.push(...parts);
  }
  return words;
}

const VOWEL = /[aeiouy]/;

/** A light English stemmer (plural and -ed/-ing endings) so "orders", "ordered" and "order"
 *  meet; deliberately conservative to keep short domain words intact. */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing') && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  return w;
}

function undouble(w: string): string {
  return /([^aeiouslz])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Words → stemmed terms without stopwords: what the lexical index stores and queries. */
export function terms(text: string): string[] {
  const result: string[] = [];
  for (const word of splitWords(text)) {
    if (STOPWORDS.has(word)) continue;
    result.push(stem(word));
  }
  return result;
}

/** "order_date" → "order date": the human reading of an identifier, for embeddings and prompts. */
export function humanise(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
}
