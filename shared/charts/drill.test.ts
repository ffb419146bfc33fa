import { describe, expect, it } from 'vitest';
import { chooseChart } from './choose';
import { drillQuestion } from './drill';

describe('drillQuestion', () => {
  it('asks for the trend of the clicked category', () => {
    const spec = chooseChart({ columns: [{ name: 'channel', kind: 'text' }, { name: 'orders', kind: 'number' }], rows: [['Online', 3], ['Retail', 2]] });
    expect(drillQuestion(spec, 'Online')).toBe('Orders for channel Online by month');
  });
});
