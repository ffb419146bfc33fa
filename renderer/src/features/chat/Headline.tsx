import { Fragment } from 'react';

const NUMBER_TOKEN = /([$€£]?-?\d[\d,]*(?:\.\d+)?\s?(?:[kKMBT%]|bn)?(?![\w]))/g;

/** "2026" in "Jan 2026" is part of a period, not a figure to highlight. */
function isBareYear(token: string): boolean {
  return /^(19|20)\d{2}$/.test(token.trim());
}

/** The one-sentence answer, with its figures in bold so the eye lands on them. */
export function Headline({ text }: { text: string }) {
  const parts = text.replace(/\*\*/g, '').split(NUMBER_TOKEN);
  return (
    <p className="headline" data-testid="answer-headline" style={{ fontSize: 18, lineHeight: 1.45, fontWeight: 500 }}>
      {parts.map((part, i) => (i % 2 === 1 && !isBareYear(part) ? <strong key={i}>{part}</strong> : <Fragment key={i}>{part}</Fragment>))}
    </p>
  );
}
