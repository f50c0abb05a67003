/**
 * RFC 4180 CSV. A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return: OWASP's list) is prefixed with an apostrophe, so a participant named
 * `=HYPERLINK(…)` stays text when an auditor opens the export.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRow = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;
