import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { numberText, toCsv, toTsv, toXlsx } from './tableExport';
import { crc32 } from './zip';

const table = {
  columns: [{ name: 'region' }, { name: 'revenue' }, { name: 'active' }],
  rows: [['North, "East"', 4200000.5, true], ['=cmd()', -12, false], ['<Ünïcode & co>', null, null]] as Array<Array<string | number | boolean | null>>,
};

describe('toCsv', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    const csv = toCsv(table);
    expect(csv.split('\r\n')[0]).toBe('region,revenue,active');
    expect(csv).toContain('"North, ""East""",4200000.5,true');
    expect(csv).toContain("'=cmd(),-12,false");
    expect(toTsv(table).split('\n')[1]).toBe('North, "East"\t4200000.5\ttrue');
  });
});

describe('toXlsx', () => {
  it('writes a workbook that a spreadsheet reader opens with the same cells', async () => {
    const bytes = toXlsx(table, 'Revenue');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Revenue');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).values).toEqual([undefined, 'region', 'revenue', 'active']);
    expect(sheet!.getCell('A2').value).toBe('North, "East"');
    expect(sheet!.getCell('B2').value).toBe(4200000.5);
    expect(sheet!.getCell('C2').value).toBe(true);
    expect(sheet!.getCell('A4').value).toBe('<Ünïcode & co>');
    expect(sheet!.getCell('A1').font?.bold).toBe(true);
    expect(sheet!.rowCount).toBe(4);
  });
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('numbers in exports', () => {
  it('are written as people expect, without floating-point noise', () => {
    expect(numberText(2745666.350000003)).toBe('2745666.35');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(12)).toBe('12');
    const table = { columns: [{ name: 'region' }, { name: 'revenue' }], rows: [['North', 2745666.350000003], ['South', 1234.5]] };
    expect(toCsv(table)).toBe('region,revenue\r\nNorth,2745666.35\r\nSouth,1234.5\r\n');
    expect(toTsv(table)).toContain('North\t2745666.35');
  });
});
