// "Export CSV": downloads the cases of the current filter as the server writes them
// (GET /cases/export.csv, RFC 4180, formula-safe). The token goes in a header, never in a URL,
// so the file is fetched and handed to the browser as a Blob.
//
// The board's view can be the union of several list queries (text search covers name OR
// diagnosis; "Show archived" adds archived cases): then each query is exported and the rows are
// merged by id, the server's cells kept exactly as sent.

import { api } from './api.js';
import { queryVariants } from './filters.js';

/** Parses RFC 4180 text into rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 1; } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell); cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function quoteCell(cell) {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(rows) {
  return rows.map((row) => `${row.map(quoteCell).join(',')}\r\n`).join('');
}

/** The CSV text for the board's filters (one request per list query, merged by id). */
export async function exportText(filters) {
  const queries = queryVariants(filters);
  const results = [];
  for (const query of queries) results.push(await api.exportCsv(query));
  if (results.length === 1) return results[0];
  const [header, ...first] = parseCsv(results[0].text);
  const seen = new Set();
  const rows = [];
  for (const [index, result] of results.entries()) {
    const body = index === 0 ? first : parseCsv(result.text).slice(1);
    for (const row of body) {
      if (seen.has(row[0])) continue;
      seen.add(row[0]);
      rows.push(row);
    }
  }
  return { text: toCsv([header || [], ...rows]), filename: results[0].filename };
}

/** Saves text as a file through a temporary object URL and a download link. */
export function saveFile(text, filename) {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportCases(filters) {
  const { text, filename } = await exportText(filters);
  const day = new Date().toISOString().slice(0, 10);
  saveFile(text, filename && /\.csv$/i.test(filename) ? filename.replace(/\.csv$/i, `-${day}.csv`) : `caseboard-cases-${day}.csv`);
}
