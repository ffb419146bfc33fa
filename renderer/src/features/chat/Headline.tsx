import { Fragment } from 'react';

/** A figure stands on its own: never the digits inside a name ("Q3", "7-Eleven", "Store 12"). */
const NUMBER_TOKEN = /((?<![\w.,-])[$€£]?-?\d[\d,]*(?:\.\d+)?\s?(?:[kKMBT%]|bn)?(?![\w]))/g;

const MONTH_AFTER = /^\s?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;

/** "2026" in "Jan 2026" and "1" in "1 Jan" are part of a period, not figures to highlight; "12" after "Store" is a name. */
function isFigure(token: string, before: string, after: string): boolean {
  if (/^(19|20)\d{2}$/.test(token.trim())) return false;
  if (/^\d{1,2}$/.test(token.trim()) && MONTH_AFTER.test(after)) return false;
  return /[$€£%kKMBT]|[.,]/.test(token) || !/[A-Z][\w&'-]*\s$/.test(before);
}

/** The one-sentence answer, with its figures in bold so the eye lands on them. */
export function Headline({ text }: { text: string }) {
  const parts = text.replace(/\*\*/g, '').split(NUMBER_TOKEN);
  return (
    <p className="headline" data-testid="answer-headline" style={{ fontSize: 18, lineHeight: 1.45, fontWeight: 500 }}>
      {parts.map((part, i) => (i % 2 === 1 && isFigure(part, parts[i - 1] ?? '', parts[i + 1] ?? '') ? <strong key={i}>{part}</strong> : <Fragment key={i}>{part}</Fragment>))}
    </p>
  );
}
