// Vietnamese periods: day, month (tháng), quarter (quý), year (năm), keyed as the read models key them.

const ROMAN = ['I', 'II', 'III', 'IV'];

export const periodLabel = (grain, key) => {
  if (grain === 'day') return `Ngày ${key.slice(8)}/${key.slice(5, 7)}/${key.slice(0, 4)}`;
  if (grain === 'month') return `Tháng ${key.slice(5)}/${key.slice(0, 4)}`;
  if (grain === 'quarter') return `Quý ${ROMAN[Number(key.slice(6)) - 1]}/${key.slice(0, 4)}`;
  return `Năm ${key}`;
};

export const quarterOf = (month) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;

/** Days of a month, `YYYY-MM-DD`. */
export const daysOfMonth = (month) => {
  const [year, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

/** The months of a period key. */
export const monthsOfPeriod = (grain, key) => {
  if (grain === 'day') return [key.slice(0, 7)];
  if (grain === 'month') return [key];
  const year = key.slice(0, 4);
  const months = grain === 'quarter' ? [0, 1, 2].map((i) => (Number(key.slice(6)) - 1) * 3 + i + 1) : Array.from({ length: 12 }, (_, i) => i + 1);
  return months.map((m) => `${year}-${String(m).padStart(2, '0')}`);
};

/** The periods of each grain over the known months (newest first). */
export const periodsOver = (months) => {
  const sorted = [...new Set(months)].sort().reverse();
  return {
    day: sorted.flatMap((month) => daysOfMonth(month).reverse()),
    month: sorted,
    quarter: [...new Set(sorted.map(quarterOf))],
    year: [...new Set(sorted.map((month) => month.slice(0, 4)))],
  };
};

/** The aggregate period (month, quarter or year) a view of aggregate figures uses for the picked one: a day's month. */
export const aggregateOf = (grain, key) => (grain === 'day' ? { grain: 'month', key: key.slice(0, 7) } : { grain, key });

/** `2026-03-31T23:59:59+07:00`: the end of a Vietnamese day, or now if earlier. */
export const asOfNow = (now = new Date()) => {
  const vn = new Date(now.getTime() + 7 * 3600 * 1000);
  return `${vn.toISOString().slice(0, 19)}+07:00`;
};
