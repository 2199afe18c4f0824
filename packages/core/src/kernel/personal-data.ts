/**
 * Detectors for personal data that must not reach the log (docs/personal-data.md): the log is
 * immutable, so a citizen's name, ID number, phone number or e-mail address written into an event
 * could never be erased. Subject ids and free text are screened with these before a command is
 * decided. They look at the shape of a value only; they are a guard against mistakes, not a proof.
 */
export type PersonalDataKind = 'citizen-id' | 'phone' | 'email' | 'name';

export const PERSONAL_DATA_KINDS: Readonly<Record<PersonalDataKind, string>> = {
  'citizen-id': 'a citizen ID number (CCCD 12 digits or CMND 9 digits)',
  phone: 'a phone number',
  email: 'an e-mail address',
  name: 'a personal name',
};

/** Where such data belongs instead: said in every refusal, so the caller knows what to do. */
export const PERSONAL_DATA_HOME =
  'names, ID numbers, phone numbers and e-mail addresses belong in the erasable personal-data store, not in the log (docs/personal-data.md)';

/** Common Vietnamese family names, ASCII-folded (Nguyễn → nguyen, Đặng → dang). */
export const FAMILY_NAMES: ReadonlySet<string> = new Set([
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo',
  'duong', 'ly', 'dao', 'dinh', 'doan', 'trinh', 'truong', 'lam', 'mai', 'luong', 'ha', 'cao', 'quach',
  'ta', 'luu', 'kieu', 'chau', 'tang', 'to', 'vuong', 'thai', 'trieu', 'la', 'thach', 'tong', 'khuc',
  'hua', 'phung', 'giang', 'nghiem', 'lai', 'quan', 'diep', 'mac', 'bach', 'ong', 'dam', 'han', 'tieu',
]);

/** Removes diacritics (and đ → d) so `Nguyễn` and `nguyen` are judged alike. */
export const foldVietnamese = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** 0 + 9–10 digits (mobiles and landlines), or the same without the 0 after 84 / +84. */
const isPhoneDigits = (digits: string): boolean => /^(\+?84|0)\d{9,10}$/.test(digits);
/** CCCD: 12 digits opening with the province code (001–096); the older CMND: 9 digits. */
const isCitizenIdDigits = (digits: string): boolean => /^\d{9}$|^0\d{11}$/.test(digits);

const numberKind = (digits: string): PersonalDataKind | undefined =>
  isPhoneDigits(digits) ? 'phone' : isCitizenIdDigits(digits) ? 'citizen-id' : undefined;

/** One Vietnamese syllable written without diacritics: onset, vowels, final consonant. */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;
const isNamePart = (part: string): boolean => part.length === 1 || SYLLABLE.test(part);

/** `nguyen.van.an`, `Nguyen_Van_An`, `tran-thi-b`, `NguyenVanAn`: a family name, then name syllables. */
const looksLikeName = (folded: string): boolean => {
  const parts = folded
    .split(/[\s._:-]+/)
    // Capitals tell the parts of `NguyenVanAn` apart; an all-capital part (`NGUYEN`) stays whole.
    .flatMap((part) => (part === part.toUpperCase() ? [part] : part.split(/(?=[A-Z])/)))
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
  if (parts.length < 2 || parts.length > 5) return false;
  if (!parts.every((part) => /^[a-z]+$/.test(part))) return false;
  return FAMILY_NAMES.has(parts[0] as string) && parts.every(isNamePart);
};

/** What personal data an id looks like, if any: the whole value is judged. */
export const personalDataInId = (value: string): PersonalDataKind | undefined => {
  const folded = foldVietnamese(value.trim());
  if (new RegExp(`^${EMAIL.source}$`).test(folded)) return 'email';
  if (/^\+?[\d\s.()-]+$/.test(folded)) {
    const kind = numberKind(folded.replace(/[\s.()-]/g, ''));
    if (kind !== undefined) return kind;
  }
  return looksLikeName(folded) ? 'name' : undefined;
};

/**
 * A run of digit groups separated by a space, dot, dash or closing parenthesis (`(024) 3825 1234`),
 * optionally opened by `+` or `(`. A group touching a letter is part of a code (`H55-260302-0001`,
 * `2026-03-02T09:00`) and is left out; the groups beside it are still judged.
 */
const NUMBER_RUN = /\+?\(?\d+(?:(?:[ .-]|\) ?)\d+)*/gu;
const LETTER = /[\p{L}_]/u;
const CURRENCY_AFTER = /^\s?(đồng|đ|vnđ|vnd)(?!\p{L})/iu;
/** `1.500.000`, `150.000.000`: an amount written with thousands separators, not an ID. */
const THOUSANDS = /^[1-9]\d{0,2}([.,])\d{3}(\1\d{3})*$/;
/**
 * Where the amount before a currency word starts: its last group, or, when spaces group its
 * thousands (`2000 150 000 000 đồng`), the group of 1–3 digits that opens them.
 */
const amountStart = (tokens: readonly string[]): number => {
  let start = tokens.length - 1;
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index] as string;
    if (/^[1-9]\d{0,2}$/.test(token)) start = index;
    if (!/^\d{3}$/.test(token)) break;
  }
  return start;
};
/** A group a longer number is written in: `0912`, `+84`, `(024)`. */
const PLAIN_GROUP = /^\+?\(?\d+\)?$/;
/** The longest number judged: `+84` and 10 digits. */
const MAX_DIGITS = 13;

/** What personal data free text holds, if any: e-mail addresses, ID numbers and phone numbers. */
export const personalDataInText = (text: string): PersonalDataKind | undefined => {
  if (EMAIL.test(text)) return 'email';
  for (const match of text.matchAll(NUMBER_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    const tokens = match[0].split(' ');
    const beforeCurrency = CURRENCY_AFTER.test(text.slice(end));
    if (!beforeCurrency && LETTER.test(text.charAt(end))) tokens.pop();
    if (LETTER.test(text.charAt(start - 1))) tokens.shift();
    const kind = numberKindInTokens(tokens, beforeCurrency);
    if (kind !== undefined) return kind;
  }
  return undefined;
};

/**
 * Space-separated groups may be one number (`0912 345 678`) or two side by side (`3 0912345678`), so
 * every span of tokens is judged; a span that ends the run before a currency word is an amount. A
 * group with its own dots or dashes (`000.00.15`, `1.500.000`) is a number of its own, never the part
 * of a longer one.
 */
const numberKindInTokens = (run: readonly string[], beforeCurrency: boolean): PersonalDataKind | undefined => {
  const tokens = beforeCurrency ? run.slice(0, amountStart(run)) : run;
  let found: PersonalDataKind | undefined;
  for (let first = 0; first < tokens.length; first++) {
    let digits = '';
    for (let last = first; last < tokens.length && digits.length <= MAX_DIGITS; last++) {
      const token = tokens[last] as string;
      if (last > first && !(PLAIN_GROUP.test(tokens[first] as string) && PLAIN_GROUP.test(token))) break;
      digits += token.replace(/[().-]/g, '');
      if (first === last && THOUSANDS.test(token)) continue;
      // A phone number's prefix is the more telling shape: `84 123456789` is a phone, not a CMND.
      const kind = numberKind(digits);
      if (kind === 'phone') return kind;
      found ??= kind;
    }
  }
  return found;
};
