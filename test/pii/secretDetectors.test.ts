import { describe, expect, it } from 'vitest';
import { credentialKind } from '../../src/pii/secretAssignment.js';
import { found } from './piiFixtures.js';

// Test values are assembled at run time so this file holds no string a secret scanner would flag.
const j = (...p: string[]) => p.join('');

describe('keys and tokens known by prefix', () => {
  it.each([
    ['aws_access_key', j('AKIA', '2E0A8F3B244C9986')],
    ['aws_access_key', j('ASIA', 'Y34FZKBOKMUTVV7A')],
    ['github_token', j('ghp_', '16C7e42F292c6912E7710c838347Ae178B4a')],
    ['github_token', j('github_pat_', '11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUVwxyz0123456789')],
    ['gitlab_token', j('glpat-', '9RqeHkP3bK2wz7LMfAdx')],
    ['slack_token', j('xoxb-', '17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy')],
    ['stripe_key', j('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc')],
    ['stripe_key', j('rk_test_', '51H7qAbCdEfGhIjKlMnOpQr')],
    ['google_api_key', j('AIza', 'SyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe')],
  ])('%s %s', (type, value) => {
    expect(found(`config: use ${value} here`)).toEqual([`${type}:${value}`]);
  });

  it('a key assigned to a credential name is reported as its own kind', () => {
    const v = j('ghp_', '16C7e42F292c6912E7710c838347Ae178B4a');
    expect(found(`GITHUB_TOKEN=${v}`)).toEqual([`github_token:${v}`]);
    expect(found(`token: "${v}"`)).toEqual([`github_token:${v}`]);
  });

  it('a token in a URL is the token, not an email address', () => {
    const v = j('ghp_', '16C7e42F292c6912E7710c838347Ae178B4a');
    expect(found(`git clone https://${v}@github.com/org/repo.git`)).toEqual([`github_token:${v}`]);
  });

  it.each([
    'AKIAIOSFODNN7EXAMPLE (the AWS documentation key)',
    j('ghp_', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
    j('xoxb-', 'your-bot-token-here'),
    j('sk_live_', '...'),
    'AKIAshort and glpat-abc',
    'MAKIA2E0A8F3B244C9986X inside a word',
  ])('leaves %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('jwt', () => {
  const jwt = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');
  it('finds a token and replaces it whole', () => {
    expect(found(`Authorization: Bearer ${jwt}\n`)).toEqual([`jwt:${jwt}`]);
  });
  it('leaves a lone base64 segment', () => {
    expect(found('header eyJhbGciOiJIUzI1NiJ9 alone')).toEqual([]);
  });
});

describe('private_key (PEM block, whole)', () => {
  const body = 'MIIEowIBAAKCAQEAr5k1\nq0Zx9Yt3Ls7Mv2Nw8Kp4Rr6Tt1Uu\n';
  it.each(['RSA PRIVATE KEY', 'PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])('%s', (kind) => {
    const pem = `-----BEGIN ${kind}-----\n${body}-----END ${kind}-----`;
    expect(found(`key:\n${pem}\nnext line`)).toEqual([`private_key:${pem}`]);
  });
  it('a truncated block runs to the end of its base64 lines', () => {
    const t = `-----BEGIN RSA PRIVATE KEY-----\n${body}\nAfter the key.`;
    expect(found(t)).toEqual([`private_key:-----BEGIN RSA PRIVATE KEY-----\n${body.trimEnd()}`]);
  });
  it('leaves public keys and certificates', () => {
    expect(found(`-----BEGIN PUBLIC KEY-----\n${body}-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----`)).toEqual([]);
  });
});

describe('password / secret assignments (context and entropy)', () => {
  it.each([
    ['password = "Tr0ub4dor&3x"', 'password:Tr0ub4dor&3x'],
    ['DB_PASSWORD=s3cr3tP@ss99', 'password:s3cr3tP@ss99'],
    ['  "client_secret": "q8Zr2-LmP0vX9sTt4KwY1bN7",', 'secret:q8Zr2-LmP0vX9sTt4KwY1bN7'],
    ['api_key: 7hG2kLp9QzX4mN8vR1tY', 'secret:7hG2kLp9QzX4mN8vR1tY'],
    ["SECRET_KEY = 'django-insecure-8f2k#x9v!q3m'", 'secret:django-insecure-8f2k#x9v!q3m'],
    ['my wifi password: Gr33nT34-House', 'password:Gr33nT34-House'],
    ['auth_token := "b7Kp2Xq9Lm4Wz8Rt"', 'secret:b7Kp2Xq9Lm4Wz8Rt'],
  ])('%s', (text, f) => {
    expect(found(text)).toEqual([f]);
  });

  it.each([
    'password = getpass.getpass()',
    'self.password = password',
    'token: string;',
    'password = "changeme"',
    'api_key = os.environ["API_KEY"]',
    'password = "${DB_PASSWORD}"',
    'secret: <your-secret-here>',
    'password_hash = "5f4dcc3b5aa765d61d8327deb882cf99"',
    'commit = "e83c5163316f89bfbde7d9ab23ca2e25604af290"',
    'token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
    'secret_id = "123e4567-e89b-12d3-a456-426614174000"',
    'api_key = "123e4567-e89b-12d3-a456-426614174000"',
    'integrity: sha512-AbCdEf0123456789+/xyzXYZ==',
    'password_length = 12345678',
    'if (password == other) {}',
    'this._passThroughOptions = !!passThrough;',
    'password: The password of the user.',
    'token = tokenizer.next_token()',
    'passwords: xxxxxxxx',
  ])('leaves %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('names: credentials, not metadata about them', () => {
    expect(credentialKind('dbPassword')).toBe('password');
    expect(credentialKind('AWS_SECRET_ACCESS_KEY')).toBe('secret');
    expect(credentialKind('stripeApiKey')).toBe('secret');
    expect(credentialKind('password_file')).toBeNull();
    expect(credentialKind('token_url')).toBeNull();
    expect(credentialKind('keyboard')).toBeNull();
  });
});
