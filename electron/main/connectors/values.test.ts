import { describe, expect, it } from 'vitest';
import { numberFromText, safeInteger, toCellValue } from './values';

describe('cell values', () => {
  it('keeps integers exact: numbers up to 2^53, strings beyond', () => {
    expect(safeInteger(9007199254740991n)).toBe(9007199254740991);
    expect(safeInteger(9007199254740993n)).toBe('9007199254740993');
    expect(safeInteger('-9007199254740993')).toBe('-9007199254740993');
    expect(numberFromText('12.50')).toBe(12.5);
    expect(numberFromText('not a number')).toBe('not a number');
  });

  it('converts driver values into JSON-safe cells by column kind', () => {
    expect(toCellValue(null)).toBeNull();
    expect(toCellValue(42n, 'number')).toBe(42);
    expect(toCellValue('123', 'number')).toBe(123);
    expect(toCellValue('2024-02-29 13:45:00', 'datetime')).toBe('2024-02-29T13:45:00');
    expect(toCellValue(new Date('2024-02-29T00:00:00Z'), 'date')).toBe('2024-02-29');
    expect(toCellValue(new Date('2024-02-29T13:45:00Z'), 'datetime')).toBe('2024-02-29T13:45:00.000Z');
    expect(toCellValue(1, 'boolean')).toBe(true);
    expect(toCellValue(Number.NaN, 'number')).toBe('NaN');
    expect(toCellValue(Uint8Array.from([104, 105]))).toBe('aGk=');
    expect(toCellValue({ nested: [1n, 'x'] })).toBe('{"nested":["1","x"]}');
  });
});
