/** Held-out execution accuracy on domains the engine was not developed on (a university and a hotel
 *  group), with the glossary and on the plain schema, with declared keys and with keys left to naming. */
import { afterAll, describe, expect, it } from 'vitest';
import { createHotelDatabase } from './__fixtures__/holdout/hotel';
import { holdoutGlossary, scoreHoldout } from './__fixtures__/holdout/score';
import { createUniversityDatabase } from './__fixtures__/holdout/university';

/** Reached when written (all questions right), minus a margin of a few questions. */
const MIN_EX_WITH_GLOSSARY = 0.9;
const MIN_EX_PLAIN = 0.85;

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const domains = [
  { name: 'university', create: createUniversityDatabase },
  { name: 'hotel', create: createHotelDatabase },
] as const;

describe.each(domains)('held-out $name database', ({ name, create }) => {
  describe.each([true, false])('declared foreign keys: %s', (declaredKeys) => {
    const fixture = () => {
      const f = create(declaredKeys);
      cleanups.push(f.cleanup);
      return f.file;
    };

    it('answers the glossary questions with execution accuracy at the acceptance level', async () => {
      const score = await scoreHoldout(fixture(), `${name}.questions.glossary.jsonl`, holdoutGlossary(name));
      expect(score.total).toBeGreaterThanOrEqual(15);
      expect(score.right / score.total, `EX ${score.right}/${score.total}\n${score.failures.join('\n')}`).toBeGreaterThanOrEqual(MIN_EX_WITH_GLOSSARY);
    });

    it('answers plain-schema questions without any glossary', async () => {
      const score = await scoreHoldout(fixture(), `${name}.questions.plain.jsonl`);
      expect(score.total).toBeGreaterThanOrEqual(10);
      expect(score.right / score.total, `EX ${score.right}/${score.total}\n${score.failures.join('\n')}`).toBeGreaterThanOrEqual(MIN_EX_PLAIN);
    });
  });
});
