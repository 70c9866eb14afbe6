/**
 * PIPL erasure: what to take out of free text once a customer's personal information is erased
 * (decision 0023). People do not copy a record's values verbatim: an agent writes "阳光花园3栋" for
 * the address, "3-2-501" for the room recorded as "3栋2单元501", or "王先生" for 王建华. Two
 * scrubbers, so that text about somebody else stays as written:
 * - `about` for text known to be about the customer (their tickets, contacts, care tasks, their
 *   erasure's approval): the recorded values, address fragments of meaningful length (a named
 *   place with the number that follows it), the room number however its parts are separated, and
 *   the surname with a courtesy title (王先生, 王女士, 王阿姨…) — not 王师傅 or 小王, which name staff;
 * - `mention` for text found only because it mentions the customer (the audit trail, other
 *   approvals): the recorded values, spacing ignored, and nothing that other people share.
 * Mobile, landline and ID numbers left anywhere are masked afterwards by the caller's masker.
 */

export interface ErasureSubjectText {
  name: string;
  identityNumber: string | null;
  /** Canonical digits and the display form of each phone. */
  phones: { normalized: string; display: string }[];
  addresses: string[];
  /** Room numbers (houses) as recorded: '3栋2单元501', '8-601'. */
  rooms: string[];
  /** Other identifying values: serial or plate numbers, property-title numbers. */
  otherValues: string[];
}

export interface ErasureScrubbers {
  about: (text: string) => string;
  mention: (text: string) => string;
  /** Literal values whose presence marks a record as mentioning the customer (for a SQL search). */
  probes: string[];
}

export const ERASED_MARK = '***';

/** Courtesy titles that follow a customer's surname (王先生); staff titles (师傅, 工, 经理) are not here. */
const COURTESY_TITLES = [
  '老先生',
  '老太太',
  '先生',
  '女士',
  '小姐',
  '太太',
  '夫人',
  '阿姨',
  '叔叔',
  '大爷',
  '大妈',
  '大姐',
  '大哥',
  '奶奶',
  '爷爷',
];

/** Two-character surnames, so that 欧阳明 is 欧阳先生 and not 欧先生. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
  '长孙',
  '宇文',
  '司徒',
  '西门',
  '南宫',
  '轩辕',
  '端木',
  '独孤',
  '澹台',
  '钟离',
  '闻人',
  '万俟',
  '呼延',
]);

const HAN_NAME = /^[\u3400-\u9fff]{2,5}$/;

/** The surname of a Chinese name, or null when the name is not written in Chinese characters. */
export function surnameOf(name: string): string | null {
  const n = name.replace(/\s/g, '');
  if (!HAN_NAME.test(n)) return null;
  const two = n.slice(0, 2);
  if (COMPOUND_SURNAMES.has(two) && n.length >= 3) return two;
  return n.slice(0, 1);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal that still matches with spaces typed between its characters ("天钥桥路 100 弄"). */
function spaced(value: string): string {
  return [...value.replace(/\s/g, '')].map(escape).join('\\s*');
}

/** Administrative parts at the start of an address: province, city, district, town. */
const ADMIN_PART = /^[\u3400-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|地区|省|市|区|县|旗|镇|乡|街道)/;
/** A number with its unit (100弄, 3栋, 2单元, 501室, 8-) or a run of words (天钥桥路, 阳光花园). */
const ADDRESS_TOKEN = /\d+[A-Za-z]?(?:号楼|号院|号|栋|幢|座|单元|室|层|楼|弄|巷|期|门|户|#|-|－)?|[^\d]+/g;

/** The address without its province, city, district and town, spaces removed. */
function belowDistrict(address: string): string {
  let rest = address.replace(/\s/g, '');
  for (let i = 0; i < 4; i++) {
    const m = ADMIN_PART.exec(rest);
    if (!m || m[0].length < 2 || m[0].length === rest.length) break;
    rest = rest.slice(m[0].length);
  }
  return rest;
}

const tokensOf = (address: string) => belowDistrict(address).match(ADDRESS_TOKEN) ?? [];

/**
 * The pieces of an address someone might write on their own: every run of two or more of its
 * parts below the district that includes a named place ("阳光花园3栋", "天钥桥路100弄8号") — never
 * one part alone (the community or the street is shared with neighbours) nor the city or district.
 */
export function addressFragments(address: string): string[] {
  const rest = belowDistrict(address);
  const tokens = tokensOf(address);
  const named = (t: string) => !/^\d/.test(t) && [...t].length >= 2;
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j < tokens.length; j++) {
      const run = tokens.slice(i, j + 1);
      const text = run.join('');
      if (run.some(named) && run.some((t) => /^\d/.test(t)) && [...text].length >= 4) out.add(text);
    }
  if ([...rest].length >= 4) out.add(rest);
  return [...out];
}

/** Separators people put between a room number's parts: 3栋2单元501, 3-2-501, 3号楼2单元501室, 3#2-501. */
const ROOM_SEPARATOR = '(?:\\s*(?:号楼|栋|幢|座|号|楼|单元|门|#|-|－|—|–|/|\\s)\\s*){1,2}';

/** The numbers of a room ("3栋2单元501" → 3, 2, 501) when there are two or more of them. */
export function roomParts(room: string): string[] | null {
  const parts = room.match(/\d+/g) ?? [];
  if (parts.length < 2 || parts.join('').length < 4) return null;
  return parts.map((p) => String(Number(p)));
}

/** The room written any usual way; digits or letters right before or after mean another number. */
function roomPattern(parts: string[]): RegExp {
  return new RegExp(
    `(?<![0-9A-Za-z])${parts.map((p) => `0*${p}`).join(ROOM_SEPARATOR)}(?:\\s*(?:室|号|房))?(?![0-9A-Za-z])`,
    'g',
  );
}

/** The room named by an address's last numbered parts (8号601室 in 天钥桥路100弄8号601室; a lane or phase is not). */
function roomsInAddress(address: string): string[] {
  const tokens = tokensOf(address);
  let i = tokens.length;
  while (i > 0 && /^\d/.test(tokens[i - 1]!) && !/(?:弄|巷|期|号院)$/.test(tokens[i - 1]!)) i--;
  return i < tokens.length ? [tokens.slice(i).join('')] : [];
}

/** A room's parts and its shorter ends (3-2-501 and 2-501) with two or more parts. */
function roomVariants(parts: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= parts.length - 2; i++) {
    const tail = parts.slice(i);
    if (tail.join('').length >= 4) out.push(tail);
  }
  return out;
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Applies `replace` to the text between ids, so an id's digit groups are never taken for a number. */
function outsideIds(text: string, replace: (part: string) => string): string {
  const ids = text.match(UUID_IN_TEXT);
  if (!ids) return replace(text);
  return text
    .split(UUID_IN_TEXT)
    .map((part, i) => replace(part) + (ids[i] ?? ''))
    .join('');
}

function replacer(patterns: RegExp[]): (text: string) => string {
  return (text) =>
    outsideIds(text, (part) => {
      let out = part;
      for (const re of patterns) out = out.replace(re, ERASED_MARK);
      return out;
    });
}

/** The two scrubbers for a customer's details (see the module comment). */
export function erasureScrubbers(subject: ErasureSubjectText, placeholderName: string): ErasureScrubbers {
  const values = [
    subject.name,
    subject.identityNumber,
    ...subject.phones.flatMap((p) => [p.display, p.normalized]),
    ...subject.addresses,
    ...subject.rooms,
    ...subject.otherValues,
  ].filter((v): v is string => !!v && v.trim().length >= 2 && v !== placeholderName);
  const probes = [...new Set(values)].sort((a, b) => b.length - a.length);

  // Each number however it was typed (spaces, dashes), and a landline's local part without its area code.
  const digitRuns = subject.phones.flatMap((p) => {
    const d = p.normalized.replace(/\D/g, '');
    return d.length > 8 && d.startsWith('0') ? [d, d.slice(-8)] : [d];
  });
  const numberPatterns = [...new Set(digitRuns)]
    .filter((d) => d.length >= 7)
    .map((d) => new RegExp(`(?<!\\d)${d.split('').join('[\\s-]*')}(?!\\d)`, 'g'));
  const literal = (vs: string[]) =>
    [...new Set(vs.map((v) => v.trim()).filter((v) => v.length >= 2))]
      .sort((a, b) => b.length - a.length)
      .map((v) => new RegExp(spaced(v), 'g'));

  const mentionPatterns = [...literal(probes), ...numberPatterns];

  const fragments = subject.addresses.flatMap(addressFragments);
  const rooms = [...subject.rooms, ...subject.addresses.flatMap(roomsInAddress)]
    .map(roomParts)
    .filter((p): p is string[] => p !== null)
    .flatMap(roomVariants);
  const roomKeys = new Map(rooms.map((p) => [p.join('-'), p]));
  const surname = surnameOf(subject.name);
  const names =
    surname && subject.name !== placeholderName ? COURTESY_TITLES.map((t) => `${surname}${t}`) : [];
  const aboutPatterns = [
    ...literal([...probes, ...fragments, ...names]),
    ...[...roomKeys.values()].sort((a, b) => b.length - a.length).map(roomPattern),
    ...numberPatterns,
  ];
  return { about: replacer(aboutPatterns), mention: replacer(mentionPatterns), probes };
}
