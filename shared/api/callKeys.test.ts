import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from './callKeys';
import { contract } from './contract';

describe('preload call list', () => {
  it('lists exactly the contract’s calls (regenerate callKeys.ts when adding a call)', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
});
