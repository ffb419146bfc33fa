import type ExcelJS from 'exceljs';
import { lazyRequire } from '../../startup/lazyRequire';
import type { RecordValue, RecordsTable } from './records';
import { uniqueColumnNames } from './records';

/** Formula, rich-text, hyperlink and error cells reduced to the value a reader sees. */
const loadExcelJs = lazyRequire<typeof ExcelJS>('exceljs');

function cellValue(value: ExcelJS.CellValue): RecordValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return String(value);
}

/**
 * Reads every non-empty worksheet (first row = headers) into memory. The workbook is only read;
 * nothing is converted to a file. `tableName(sheet, sheetCount)` names each sheet's table.
 */
export async function readWorkbook(path: string, tableName: (sheet: string, sheetCount: number) => string): Promise<RecordsTable[]> {
  const workbook = new (loadExcelJs().Workbook)();
  await workbook.xlsx.readFile(path);
  const sheets = workbook.worksheets.filter((sheet) => sheet.actualRowCount > 0);
  return sheets.map((sheet) => {
    const header = sheet.getRow(1);
    const width = Math.max(header.cellCount, sheet.actualColumnCount);
    const columns = uniqueColumnNames(Array.from({ length: width }, (_, index) => String(cellValue(header.getCell(index + 1).value) ?? '')));
    const rows: RecordValue[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      rows.push(columns.map((_, index) => cellValue(row.getCell(index + 1).value)));
    });
    return { name: tableName(sheet.name, sheets.length), columns, rows };
  });
}
