import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { decode } from './codec.js';
import { FAMILY_NAMES, personalDataInText } from './personal-data.js';
import { FREE_TEXT_MAX_LENGTH, FreeText, RecordedSubjectId, SubjectId } from './primitives.js';

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const separator = fc.constantFrom('', ' ', '.', '-');

/** CCCD: province code 001–096, then 9 digits (century/sex, birth year, serial). */
const cccd = fc.tuple(fc.integer({ min: 1, max: 96 }), digits(9)).map(([province, rest]) => `${String(province).padStart(3, '0')}${rest}`);
/** The older CMND: 9 digits. */
const cmnd = digits(9);
/** Mobiles 03x/05x/07x/08x/09x + 7 digits; landlines 02 + 9 digits. */
const nationalNumber = fc.oneof(
  fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(8)).map(([prefix, rest]) => `${prefix}${rest}`),
  digits(9).map((rest) => `2${rest}`),
);
/** Grouped as people write them: `0912 345 678`, `+84 912.345.678`, `84-912-345-678`, or not at all. */
const phone = fc.tuple(fc.constantFrom('0', '+84', '84'), nationalNumber, separator).map(([prefix, number, sep]) =>
  // `+84 912 345 678` is spaced after the country code only when its groups are.
  `${prefix}${sep === ' ' && prefix !== '0' ? ' ' : ''}${number.slice(0, 3)}${sep}${number.slice(3, 6)}${sep}${number.slice(6)}`,
);
const idNumberGrouped = fc.tuple(fc.oneof(cccd, cmnd), fc.constantFrom('', ' ', '-')).map(([id, sep]) => id.match(/.{1,3}/g)!.join(sep));
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,14}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]$/), fc.constantFrom('vn', 'com', 'gov.vn', 'edu.vn'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

const GIVEN = ['van', 'thi', 'an', 'binh', 'minh', 'huong', 'lan', 'ngoc', 'thanh', 'duc', 'hoa', 'quang', 'tuan', 'anh', 'hung', 'dung', 'linh', 'trang', 'khanh', 'xuan', 'quynh', 'b', 'a'];
const casing = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.charAt(0).toUpperCase() + s.slice(1),
);
const personalName = fc
  .tuple(fc.constantFrom(...FAMILY_NAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 4 }), casing, fc.constantFrom('.', '_', '-', ''))
  .map(([family, given, style, sep]) => {
    const parts = [family, ...given];
    // Without a separator the parts are told apart by their capitals: NguyenVanAn.
    if (sep === '') return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
    return parts.map(style).join(sep);
  });

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'.split('');
const opaqueId = fc.oneof(
  fc.uuid(),
  fc.array(fc.constantFrom(...BASE32), { minLength: 16, maxLength: 26 }).map((chars) => `subj-${chars.join('')}`),
);

const messageOf = (value: unknown) => {
  const result = decode(SubjectId, value);
  return isLeft(result) ? result.left.message : undefined;
};

describe('SubjectId: an opaque id, never personal data', () => {
  it('refuses citizen ID numbers (CCCD, CMND), phone numbers, e-mail addresses and names, saying what it looks like and where it belongs', () => {
    const cases = [
      [fc.oneof(cccd, cmnd, idNumberGrouped), 'a citizen ID number'],
      [phone, 'a phone number'],
      [email, 'an e-mail address'],
      [personalName, 'a personal name'],
    ] as const;
    for (const [arbitrary, looksLike] of cases) {
      fc.assert(
        fc.property(arbitrary, (value) => {
          const message = messageOf(value);
          expect(message).toContain(`looks like ${looksLike}`);
          expect(message).toContain('an opaque id from the identity store, e.g. a UUID or subj-');
          expect(message).toContain('erasable personal-data store, not in the log (docs/personal-data.md)');
          // The refusal does not repeat the personal data back.
          expect(message).not.toContain(value);
        }),
      );
    }
  });

  it('accepts opaque ids: UUIDs and subj-<base32>', () => {
    fc.assert(fc.property(opaqueId, (id) => SubjectId.is(id)));
  });

  it('keeps the ids the examples and the demo use', () => {
    for (const id of ['subject-7f3a', 'SUBJ-7f3a9c', 'SUBJ-1', 'subject-42', 'subject-other', 'subject', 'subject-a1b2c3']) {
      expect(SubjectId.is(id), id).toBe(true);
    }
  });

  it('refuses the examples found on the demo, and a name written with diacritics', () => {
    expect(messageOf('001099012345')).toContain('looks like a citizen ID number');
    expect(messageOf('0912345678')).toContain('looks like a phone number');
    expect(messageOf('nguyen.van.an')).toContain('looks like a personal name');
    expect(messageOf('Nguyễn Văn A')).toContain('looks like a personal name');
    expect(messageOf('Nguyen_Van_An')).toContain('looks like a personal name');
    expect(messageOf('tran-thi-b')).toContain('looks like a personal name');
  });

  it('events recorded before screening stay readable: the recorded codec checks the shape only', () => {
    expect(RecordedSubjectId.is('0912345678')).toBe(true);
    expect(RecordedSubjectId.is('Nguyễn Văn A')).toBe(false);
  });
});

const WORDS = ['Công dân', 'phản ánh', 'cán bộ', 'yêu cầu', 'nộp thêm', 'giấy tờ', 'hồ sơ', 'trễ hạn', 'theo', 'ngày', 'và', 'số tiền', 'lệ phí', 'tại quầy', 'Đã', 'xin lỗi.'];
const dossierCode = fc
  .tuple(fc.constantFrom('000.00.15.H55', '000.00.31.H19', 'G22.35', 'H12'), digits(6), digits(4))
  .map(([agency, day, serial]) => `${agency}-${day}-${serial}`);
const dateText = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2040 })).chain(([d, m, y]) => {
  const [dd, mm] = [String(d).padStart(2, '0'), String(m).padStart(2, '0')];
  return fc.constantFrom(`${dd}/${mm}/${y}`, `${y}-${mm}-${dd}`, `ngày ${dd} tháng ${mm} năm ${y}`, `${y}-${mm}-${dd}T09:30:00+07:00`);
});
const money = fc.tuple(fc.integer({ min: 1, max: 999_999_999_999 }), fc.constantFrom(' đồng', 'đ', ' VNĐ', ' đ')).chain(([amount, unit]) =>
  fc.constantFrom(`${amount.toLocaleString('de-DE')}${unit}`, `${amount}${unit}`, `${amount.toLocaleString('fr-FR').replace(/\s/g, ' ')}${unit}`),
);
const article = fc.tuple(fc.constantFrom('Điều', 'khoản', 'điểm', 'Mục'), fc.integer({ min: 1, max: 99 })).map(([word, n]) => `${word} ${n}`);
const decree = fc
  .tuple(fc.integer({ min: 1, max: 399 }), fc.integer({ min: 1990, max: 2030 }), fc.constantFrom('NĐ-CP', 'QĐ-TTg', 'TT-BNV', 'QH15'))
  .map(([n, y, kind]) => `${n}/${y}/${kind}`);
const legitimate = fc.oneof(fc.constantFrom(...WORDS), dossierCode, dateText, money, article, decree);
const prose = fc.array(legitimate, { minLength: 1, maxLength: 12 });

const screen = (text: string) => {
  const result = decode(FreeText, text);
  return isLeft(result) ? result.left.message : undefined;
};

describe('FreeText: prose screened for ID numbers, phone numbers and e-mail addresses', () => {
  it('accepts prose with dossier codes, dates, money amounts, article and decree numbers', () => {
    fc.assert(fc.property(prose, (parts) => screen(parts.join(' ')) === undefined));
  });

  it('refuses the same prose with an ID number, a phone number or an e-mail address anywhere in it, saying which', () => {
    const personal = fc.oneof(
      fc.tuple(fc.oneof(cccd, cmnd, idNumberGrouped), fc.constant('a citizen ID number')),
      fc.tuple(phone, fc.constant('a phone number')),
      fc.tuple(email, fc.constant('an e-mail address')),
    );
    fc.assert(
      fc.property(prose, personal, fc.nat(), (parts, [value, kind], at) => {
        const cut = at % (parts.length + 1);
        const insert = (inserted: string) => [...parts.slice(0, cut), inserted, ...parts.slice(cut)].join(' ');
        // Beside other numbers it may read as another kind (`Điều 84 123456789`), but it is refused.
        // A comma ends the value: `100 000 000 150 000 đồng` would be one amount.
        const bare = screen(insert(`${value},`));
        expect(bare).toContain('holds what looks like');
        expect(bare).toContain('erasable personal-data store, not in the log (docs/personal-data.md)');
        expect(bare).not.toContain(value);
        expect(screen(insert(`liên hệ ${value} nhé`))).toContain(`holds what looks like ${kind}`);
      }),
    );
  });

  it('accepts the examples that are legitimately in text', () => {
    for (const text of [
      'Hồ sơ 000.00.15.H55-260302-0001 trả trễ 2 ngày',
      'Thu 1.500.000 đồng ngoài quy định',
      'Thu 150.000.000 đồng, 150 000 000 đồng và 150000000đ',
      'Theo Điều 19 khoản 8 Nghị định 61/2018/NĐ-CP',
      'Hẹn ngày 02/03/2026, nhận lúc 2026-03-02T09:00+07:00',
    ]) {
      expect(screen(text), text).toBeUndefined();
    }
  });

  it('refuses phone numbers written with spaces, dots, dashes or an area code in brackets', () => {
    for (const text of ['Gọi 0912 345 678', 'SĐT: 0912.345.678', 'số 091-234-5678', 'máy bàn (024) 3825 1234', 'có 3 0912345678', '+84 912 345 678']) {
      expect(screen(text), text).toContain('looks like a phone number');
    }
    expect(personalDataInText('hồ sơ 000.00.15.H55-260302-0001 0912345678')).toBe('phone');
    expect(personalDataInText('CCCD 001 099 012 345')).toBe('citizen-id');
  });

  it(`is non-empty and at most ${FREE_TEXT_MAX_LENGTH} characters`, () => {
    expect(screen('  ')).toContain('non-empty');
    expect(isRight(decode(FreeText, 'a'.repeat(FREE_TEXT_MAX_LENGTH)))).toBe(true);
    expect(screen('a'.repeat(FREE_TEXT_MAX_LENGTH + 1))).toContain(`at most ${FREE_TEXT_MAX_LENGTH} characters`);
  });
});
