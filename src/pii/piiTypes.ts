/**
 * The kinds of personal data and secrets the PII stage finds, and the placeholder each is
 * replaced with. The names are the reason codes' suffixes (`pii.<type>`) and the config keys.
 */
export const PII_TYPES = [
  'email',
  'ipv4',
  'ipv6',
  'phone',
  'payment_card',
  'iban',
  'aws_access_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'jwt',
  'private_key',
  'password',
  'secret',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

export const PII_ACTIONS = ['replace', 'reject', 'tag'] as const;
export type PiiAction = (typeof PII_ACTIONS)[number];

/** Typed placeholders: a model trained on the output learns that a value was there, not the value. */
export const PII_PLACEHOLDERS: Record<PiiType, string> = {
  email: '<EMAIL>',
  ipv4: '<IP_ADDRESS>',
  ipv6: '<IP_ADDRESS>',
  phone: '<PHONE>',
  payment_card: '<CARD_NUMBER>',
  iban: '<IBAN>',
  aws_access_key: '<KEY>',
  github_token: '<KEY>',
  gitlab_token: '<KEY>',
  slack_token: '<KEY>',
  stripe_key: '<KEY>',
  google_api_key: '<KEY>',
  jwt: '<TOKEN>',
  private_key: '<PRIVATE_KEY>',
  password: '<PASSWORD>',
  secret: '<SECRET>',
};

/** One finding: [start, end) in UTF-16 code units of the text it was found in. */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}
