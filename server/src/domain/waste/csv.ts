/**
 * RFC 4180 CSV, small and strict enough for the item list: quoted fields may hold commas, quotes
 * ("") and line breaks; CRLF or LF line ends; a leading UTF-8 BOM (Excel writes one) is ignored.
 */

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Quotes a field when needed. A leading = + - @ (or tab/CR) is prefixed with ' so that a
 * spreadsheet never runs an item name as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CRLF lines with a BOM, which Excel needs to read UTF-8 Chinese text correctly. */
export function formatCsv(rows: string[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
