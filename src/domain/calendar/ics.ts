/**
 * ICS (RFC 5545) import/export of dated exceptions, so an administrator can load the State
 * Council's new-year schedule from any holiday feed (SLA-1). Pure string work: only all-day
 * VEVENTs matter; everything else in the file (VTIMEZONE, alarms…) is skipped.
 */
import { calendarError } from './calendar.errors';
import type { DayException, Period } from './calendar.types';
import { dayFromIsoDate, isoDateFromDay } from './time-zone';

/** More events than this is not a holiday calendar; refuse rather than import junk. */
export const MAX_ICS_EVENTS = 1000;
/** A single event may span at most this many days (a long closure, not a mistyped year). */
const MAX_EVENT_DAYS = 366;

// 班 covers 班 / 补班 / 上班 (the official make-up day wording); English feeds say workday.
const WORKDAY_SUMMARY = /班|workday|working day|make-?up day/i;

interface Line {
  text: string;
  no: number;
}

/** Unfolds RFC 5545 continuation lines, keeping the number of each logical line's first physical line. */
function unfold(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else if (raw.length > 0) out.push({ text: raw, no: i + 1 });
  });
  return out;
}

function invalid(zh: string, en: string, line: number) {
  return calendarError(
    'calendar.ics_invalid',
    `ICS 文件第 ${line} 行：${zh}`,
    `ICS file line ${line}: ${en}`,
    `line ${line}`,
  );
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function escapeText(v: string): string {
  return v.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

/** Splits 'NAME;PARAM=X:value' into name, params and value. */
function splitProperty(text: string): { name: string; params: string; value: string } {
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  const semi = head.indexOf(';');
  return {
    name: (semi < 0 ? head : head.slice(0, semi)).toUpperCase(),
    params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(),
    value: colon < 0 ? '' : text.slice(colon + 1),
  };
}

function parseDate(value: string, line: number): number {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  const day = m ? dayFromIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  if (day === undefined) {
    throw invalid(
      `日期「${value}」不是全天日期（应为 YYYYMMDD）`,
      `date "${value}" is not an all-day date (expected YYYYMMDD)`,
      line,
    );
  }
  const year = Number(value.slice(0, 4));
  if (year < 1970 || year > 2200) {
    throw calendarError(
      'calendar.date_out_of_range',
      `ICS 文件第 ${line} 行：日期 ${value} 超出 1970–2200 年`,
      `ICS file line ${line}: date ${value} is outside 1970–2200`,
      `line ${line}`,
    );
  }
  return day;
}

function parsePeriods(value: string, line: number): Period[] {
  return value.split(',').map((part) => {
    const m = /^(\d{1,4})-(\d{1,4})$/.exec(part.trim());
    if (!m)
      throw invalid(`时段「${part}」格式应为 分钟-分钟`, `period "${part}" must be minutes-minutes`, line);
    return { start: Number(m[1]), end: Number(m[2]) };
  });
}

interface Draft {
  line: number;
  start?: number;
  end?: number;
  summary: string;
  kind?: string;
  kefuName?: string;
  periods?: Period[];
}

function toException(ev: Draft): DayException {
  // Our own exports carry the exact name (possibly none) in X-KEFU-NAME; SUMMARY then only has a fallback.
  const name = ev.kind !== undefined ? ev.kefuName : ev.summary.trim() || undefined;
  const withName = <T extends object>(o: T) => (name === undefined ? o : { ...o, name });
  switch (ev.kind) {
    case 'holiday':
    case 'closed':
      return withName({ kind: ev.kind });
    case 'half_day':
      return withName({ kind: 'half_day' as const, periods: ev.periods ?? [] });
    case 'makeup_workday':
      return withName(
        ev.periods
          ? { kind: 'makeup_workday' as const, periods: ev.periods }
          : { kind: 'makeup_workday' as const },
      );
  }
  return withName({
    kind: WORKDAY_SUMMARY.test(ev.summary) ? ('makeup_workday' as const) : ('holiday' as const),
  });
}

/** Parses all-day VEVENTs into exceptions keyed 'YYYY-MM-DD' (班/补班/上班/workday → make-up day, else holiday); throws CalendarError with the line number. */
export function parseIcs(text: string): Record<string, DayException> {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  if (lines[0]?.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw invalid(
      '不是 ICS 日历文件（应以 BEGIN:VCALENDAR 开头）',
      'not an ICS calendar (must start with BEGIN:VCALENDAR)',
      lines[0]?.no ?? 1,
    );
  }
  const out: Record<string, DayException> = {};
  let events = 0;
  let ev: Draft | undefined;
  let nested = 0; // components inside a VEVENT (VALARM) are skipped
  let closed = false;
  for (const { text: raw, no } of lines.slice(1)) {
    const { name, params, value } = splitProperty(raw);
    const upperValue = value.trim().toUpperCase();
    if (name === 'BEGIN' && upperValue === 'VEVENT') {
      if (ev)
        throw invalid('VEVENT 未结束就开始了新的 VEVENT', 'VEVENT started before the previous one ended', no);
      if (++events > MAX_ICS_EVENTS) {
        throw calendarError(
          'calendar.ics_too_many_events',
          `ICS 文件第 ${no} 行：事件超过 ${MAX_ICS_EVENTS} 个，不像节假日日历，已拒绝导入`,
          `ICS file line ${no}: more than ${MAX_ICS_EVENTS} events — not a holiday calendar, refused`,
          `line ${no}`,
        );
      }
      ev = { line: no, summary: '' };
    } else if (name === 'END' && upperValue === 'VEVENT') {
      if (!ev) throw invalid('多余的 END:VEVENT', 'END:VEVENT without BEGIN:VEVENT', no);
      addEvent(out, ev);
      ev = undefined;
    } else if (name === 'END' && upperValue === 'VCALENDAR') {
      if (ev)
        throw invalid(
          `第 ${ev.line} 行开始的 VEVENT 没有结束`,
          `VEVENT starting at line ${ev.line} is not closed`,
          no,
        );
      closed = true;
      break;
    } else if (ev && name === 'BEGIN') nested++;
    else if (ev && name === 'END') nested--;
    else if (ev && nested === 0) {
      if (name === 'DTSTART') ev.start = parseDateProperty(params, value, no);
      else if (name === 'DTEND') ev.end = parseDateProperty(params, value, no);
      else if (name === 'SUMMARY') ev.summary = unescapeText(value);
      else if (name === 'X-KEFU-KIND') ev.kind = upperValue.toLowerCase();
      else if (name === 'X-KEFU-NAME') ev.kefuName = unescapeText(value);
      else if (name === 'X-KEFU-PERIODS') ev.periods = parsePeriods(value, no);
    }
  }
  if (!closed)
    throw invalid(
      '缺少 END:VCALENDAR（文件不完整？）',
      'missing END:VCALENDAR (truncated file?)',
      lines[lines.length - 1]?.no ?? 1,
    );
  return out;
}

function parseDateProperty(params: string, value: string, line: number): number {
  if (params.includes('VALUE=') && !params.includes('VALUE=DATE')) {
    throw invalid('只支持全天事件（VALUE=DATE）', 'only all-day events (VALUE=DATE) are supported', line);
  }
  if (/T/i.test(value))
    throw invalid(
      '只支持全天事件，不支持带时间的 DTSTART/DTEND',
      'only all-day events are supported, not date-times',
      line,
    );
  return parseDate(value, line);
}

function addEvent(out: Record<string, DayException>, ev: Draft): void {
  if (ev.start === undefined) throw invalid('VEVENT 缺少 DTSTART', 'VEVENT has no DTSTART', ev.line);
  // DTEND of an all-day event is exclusive; without it the event is one day long.
  const end = ev.end ?? ev.start + 1;
  if (end <= ev.start) throw invalid('DTEND 不晚于 DTSTART', 'DTEND is not after DTSTART', ev.line);
  if (end - ev.start > MAX_EVENT_DAYS)
    throw invalid(
      `事件跨度超过 ${MAX_EVENT_DAYS} 天`,
      `event spans more than ${MAX_EVENT_DAYS} days`,
      ev.line,
    );
  const ex = toException(ev);
  for (let d = ev.start; d < end; d++) out[isoDateFromDay(d)] = ex;
}

const enc = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (bytes + n > 75) {
      parts.push(cur);
      cur = ' ';
      bytes = 1;
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n');
}

const compact = (iso: string) => iso.replaceAll('-', '');

/** Exports exceptions as an ICS calendar (one all-day VEVENT per date, deterministic UIDs, X-KEFU-* for exact round trips). */
export function toIcs(
  exceptions: Readonly<Record<string, DayException>>,
  calendarName = 'Kefu working calendar',
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kefu//Working calendar//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
  ];
  for (const date of Object.keys(exceptions).sort()) {
    const ex = exceptions[date]!;
    const day = dayFromIsoDate(date);
    if (day === undefined) continue;
    const fallback =
      ex.kind === 'makeup_workday' ? '补班 workday' : ex.kind === 'half_day' ? '半天 half day' : '休 holiday';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${compact(date)}-${ex.kind}@kefu`,
      // DTSTAMP is required; the event date keeps the output deterministic (no clock in the domain).
      `DTSTAMP:${compact(date)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(date)}`,
      `DTEND;VALUE=DATE:${compact(isoDateFromDay(day + 1))}`,
      `SUMMARY:${escapeText(ex.name ?? fallback)}`,
      `X-KEFU-KIND:${ex.kind}`,
    );
    if (ex.name !== undefined) lines.push(`X-KEFU-NAME:${escapeText(ex.name)}`);
    const periods = ex.kind === 'half_day' || ex.kind === 'makeup_workday' ? ex.periods : undefined;
    if (periods) lines.push(`X-KEFU-PERIODS:${periods.map((p) => `${p.start}-${p.end}`).join(',')}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
