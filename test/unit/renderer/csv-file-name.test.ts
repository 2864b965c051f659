// The audit export's file name (features/audit/csvFileName.ts).
import { describe, expect, it } from 'vitest';
import { csvFileName } from '../../../renderer/src/features/audit/csvFileName';

describe('the CSV file name', () => {
  it("stamps the CSV file name with the export's local time", () => {
    expect(csvFileName(new Date(2026, 0, 5, 7, 8, 9))).toBe('panic-desk-audit-2026-01-05-070809.csv');
  });
});
