import { describe, expect, it } from 'vitest';
import { checkDataFile, UploadRejectedError } from './checkFile';

const rejection = (name: string, content: Buffer | string) => {
  try {
    checkDataFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
  } catch (error) {
    if (error instanceof UploadRejectedError) return error.message;
    throw error;
  }
  return undefined;
};

describe('uploaded data files', () => {
  it('accepts a well-formed CSV, quoted separators and values across lines included', () => {
    expect(rejection('sales.csv', 'region,revenue\n"North, East",10\n"Multi\nline",5\n')).toBeUndefined();
  });

  it('names the wrong separator instead of reading one column', () => {
    expect(rejection('sales.csv', 'region;revenue\nNorth;10\nSouth;5\n')).toMatch(/separates values with semicolons, not commas/);
  });

  it('names the first ragged row', () => {
    expect(rejection('sales.csv', 'region,revenue\nNorth,10\nSouth,5,extra\n')).toBe('Row 3 of “sales.csv” has 3 values but the header has 2.');
  });

  it('refuses text that is not UTF-8, with how to save it', () => {
    expect(rejection('sales.csv', Buffer.from([0x72, 0x65, 0x67, 0x69, 0x6f, 0x6e, 0x0a, 0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]))).toMatch(/not UTF-8/);
    expect(rejection('sales.csv', Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toMatch(/UTF-16/);
  });

  it('checks that the bytes match the name and the type is known', () => {
    expect(rejection('data.parquet', 'region,revenue\n')).toMatch(/does not contain Parquet data/);
    expect(rejection('notes.docx', 'x')).toMatch(/not a data file/);
    expect(rejection('data.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(8)]))).toBeUndefined();
  });
});
