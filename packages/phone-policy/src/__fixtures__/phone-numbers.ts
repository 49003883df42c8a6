import type { InvalidPhoneNumberReason } from '../errors.js';

/** Inputs people and config files write, and the E.164 number each means. */
export const ACCEPTED: ReadonlyArray<{ input: string; defaultCountry?: string; e164: string; why: string }> =
  [
    { input: '+12015550123', e164: '+12015550123', why: 'already E.164' },
    { input: '+1 201 555 0123', e164: '+12015550123', why: 'spaces' },
    { input: '+1-201-555-0123', e164: '+12015550123', why: 'dashes' },
    { input: '+1.201.555.0123', e164: '+12015550123', why: 'dots' },
    { input: '+1 (201) 555-0123', e164: '+12015550123', why: 'parentheses' },
    { input: '+1 (201) 555\u20130123', e164: '+12015550123', why: 'an en dash' },
    { input: '+1\u00a0201\u00a0555\u00a00123', e164: '+12015550123', why: 'no-break spaces' },
    { input: '  +12015550123\n', e164: '+12015550123', why: 'surrounding whitespace' },
    { input: 'tel:+1-201-555-0123', e164: '+12015550123', why: 'a tel: URI' },
    { input: 'TEL:+12015550123', e164: '+12015550123', why: 'a tel: URI in upper case' },
    { input: 'sms:+12015550123', e164: '+12015550123', why: 'an sms: URI' },
    {
      input: '+\uff14\uff14 \uff12\uff10 \uff17\uff19\uff14\uff16 \uff10\uff19\uff15\uff18',
      e164: '+442079460958',
      why: 'full-width digits',
    },
    {
      input: '\uff10\uff13\uff0d\uff11\uff12\uff13\uff14\uff0d\uff15\uff16\uff17\uff18',
      defaultCountry: 'JP',
      e164: '+81312345678',
      why: 'a full-width national number',
    },
    { input: '+44 (0) 20 7946 0958', e164: '+442079460958', why: 'a trunk prefix in parentheses' },
    {
      input: '(201) 555-0123',
      defaultCountry: 'US',
      e164: '+12015550123',
      why: 'a national number with a default country',
    },
    {
      input: '1-201-555-0123',
      defaultCountry: 'US',
      e164: '+12015550123',
      why: 'a national number with its trunk prefix',
    },
    { input: '030 1234567', defaultCountry: 'DE', e164: '+49301234567', why: 'a German national number' },
    { input: '030 1234567', defaultCountry: 'de', e164: '+49301234567', why: 'a lower-case default country' },
    {
      input: '011 44 20 7946 0958',
      defaultCountry: 'US',
      e164: '+442079460958',
      why: "North America's 011 prefix",
    },
    { input: '00 44 20 7946 0958', defaultCountry: 'DE', e164: '+442079460958', why: "Europe's 00 prefix" },
    { input: '+1 555 555 0123', e164: '+15555550123', why: 'a fictional 555 number of possible length' },
  ];

/** Inputs that are not a phone number, and the reason each must be rejected with. */
export const REJECTED: ReadonlyArray<{
  input: string;
  defaultCountry?: string;
  strict?: boolean;
  reason: InvalidPhoneNumberReason;
  why: string;
}> = [
  { input: '', reason: 'empty', why: 'nothing' },
  { input: '   ', reason: 'empty', why: 'only whitespace' },
  { input: 'tel:', reason: 'empty', why: 'a bare tel: prefix' },
  { input: '+', reason: 'not-a-number', why: 'a lone plus' },
  { input: '+ - ()', reason: 'not-a-number', why: 'separators without digits' },
  { input: '++1 201 555 0123', reason: 'not-a-number', why: 'a doubled plus' },
  { input: '+1 201+555 0123', reason: 'not-a-number', why: 'a plus inside the number' },
  { input: '+1 201 555 0123#', reason: 'not-a-number', why: 'a hash' },
  { input: '+1/201/555/0123', reason: 'not-a-number', why: 'slashes' },
  { input: '+1-555-ABC-1234', reason: 'contains-letters', why: 'vanity letters' },
  { input: '+1 800 FLOWERS', reason: 'contains-letters', why: 'a vanity word' },
  { input: '+1 201 555 0123 ext. 12', reason: 'contains-letters', why: 'an extension' },
  { input: 'call me at +12015550123', reason: 'contains-letters', why: 'a number inside a sentence' },
  { input: 'garbage', reason: 'contains-letters', why: 'a word' },
  { input: 'whatsapp:+12015550123', reason: 'contains-letters', why: 'another channel prefix' },
  { input: '2015550123', reason: 'needs-country', why: 'a national number without a default country' },
  {
    input: '0044 20 7946 0958',
    reason: 'needs-country',
    why: 'an international prefix without a default country',
  },
  {
    input: '030 1234567',
    defaultCountry: 'XX',
    reason: 'unknown-default-country',
    why: 'an unknown default country',
  },
  { input: '+0 123 456 789', reason: 'invalid-country-code', why: 'country code 0' },
  { input: '+999 123 4567', reason: 'invalid-country-code', why: 'an unassigned country code' },
  { input: '+12', reason: 'too-short', why: 'a country code and one digit' },
  { input: '+1 555', reason: 'too-short', why: 'a truncated North American number' },
  { input: '+1 20155501234567', reason: 'too-long', why: 'too many digits for +1' },
  { input: '+1234567890123456', reason: 'too-long', why: 'more than 15 digits' },
  {
    input: '+1 555 555 0123',
    strict: true,
    reason: 'not-assigned',
    why: 'a fictional 555 number in strict mode',
  },
];
