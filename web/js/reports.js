// The Reports page: for a range of dates (the last 30 days unless chosen), the share of cases
// that reached theatre within their target, by pathway or by priority, and the cancellations
// by reason. Each as a bar chart and as a table of the same numbers, and as CSV from the server.

import { api } from './api.js';
import { barChart } from './bar-chart.js';
import { byId, clear, el } from './dom.js';
import { saveFile } from './exporter.js';
import { humanize } from './clinical.js';
import { formatDate, todayIso } from './format.js';
import { reasonWords } from './theatre.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;
const NO_GROUP = 'Not set';

function daysBefore(isoDate, days) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

const orDash = (value) => (value === null || value === undefined ? '—' : String(value));
/** "66.7%", "50.0%": the server's one decimal, always shown. */
const percent = (value) => `${Number(value).toFixed(1)}%`;

export class ReportsPage {
  /** error(context, error) shows a problem in the page's banner. */
  constructor(error) {
    this.error = error;
    this.seq = 0;
    this.form = byId('reports-form');
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.load(); });
    byId('report-ttt-csv').addEventListener('click', () => this.download('time-to-theatre', true));
    byId('report-cancel-csv').addEventListener('click', () => this.download('cancellations', false));
  }

  show() {
    if (!byId('report-from').value || !byId('report-to').value) {
      const today = todayIso();
      byId('report-to').value = today;
      byId('report-from').value = daysBefore(today, DEFAULT_DAYS - 1);
    }
    this.load();
  }

  forget() {
    this.seq += 1;
    for (const id of ['ttt-chart', 'ttt-body', 'cancel-chart', 'cancel-body']) clear(byId(id));
  }

  query(withGroup) {
    const query = { from: byId('report-from').value, to: byId('report-to').value };
    if (withGroup) query.group = byId('report-group').value;
    return query;
  }

  async load() {
    const seq = ++this.seq;
    byId('reports-status').textContent = 'Loading…';
    try {
      const [times, cancellations] = await Promise.all([
        api.report('time-to-theatre', this.query(true)), api.report('cancellations', this.query(false)),
      ]);
      if (seq !== this.seq) return;
      this.showTimes(times.data || []);
      this.showCancellations(cancellations.data || []);
      const { from, to } = this.query(false);
      byId('reports-status').textContent = `${formatDate(from)} to ${formatDate(to)}`;
    } catch (error) {
      if (seq !== this.seq) return;
      byId('reports-status').textContent = '';
      if (error.status !== 401) this.error('Could not load the reports', error);
    }
  }

  showTimes(rows) {
    const grouping = byId('report-group').value;
    byId('ttt-group-heading').textContent = humanize(grouping);
    const label = (row) => (row.group === null ? NO_GROUP : humanize(row.group));
    const chart = byId('ttt-chart');
    clear(chart);
    chart.append(rows.length ? barChart(rows.map((row) => ({
      label: label(row), value: row.percent_met, text: row.percent_met === null ? 'no target' : percent(row.percent_met),
    })), { max: 100, title: `Percentage of cases in theatre within target, by ${grouping}`, className: 'chart-met', track: true })
      : el('p', { className: 'hint', text: 'No case reached theatre in these dates.' }));
    const body = byId('ttt-body');
    clear(body);
    for (const row of rows) {
      body.append(el('tr', { dataset: { group: row.group === null ? '' : row.group } },
        el('th', { scope: 'row', text: label(row) }),
        ...[row.cases, row.met, row.missed, row.percent_met === null ? null : percent(row.percent_met), row.median_minutes, row.p90_minutes]
          .map((value) => el('td', { text: orDash(value) }))));
    }
  }

  showCancellations(rows) {
    const chart = byId('cancel-chart');
    clear(chart);
    const max = Math.max(1, ...rows.map((row) => row.count));
    chart.append(barChart(rows.map((row) => ({ label: reasonWords(row.reason), value: row.count, text: String(row.count) })),
      { max, title: 'Cancellations by reason', className: 'chart-cancellations' }));
    const body = byId('cancel-body');
    clear(body);
    for (const row of rows) {
      body.append(el('tr', { dataset: { reason: row.reason } },
        el('th', { scope: 'row', text: reasonWords(row.reason) }), el('td', { text: String(row.count) })));
    }
  }

  async download(name, withGroup) {
    try {
      const { text, filename } = await api.reportCsv(name, this.query(withGroup));
      const { from, to } = this.query(false);
      saveFile(text, filename || `${name}-${from}-${to}.csv`);
    } catch (error) {
      if (error.status !== 401) this.error('Could not download the report', error);
    }
  }
}
