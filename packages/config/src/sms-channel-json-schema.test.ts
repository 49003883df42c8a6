import { describe, expect, it } from 'vitest';
import { smsChannelJsonSchema } from './sms-channel-json-schema.js';
import { smsAccountShape } from './sms-channel-schema.js';

type JsonObject = Record<string, unknown>;

describe('smsChannelJsonSchema', () => {
  const schema = smsChannelJsonSchema();
  const properties = schema.properties as Record<string, JsonObject>;

  it('describes every account key plus accounts and defaultAccount, refusing any other key', () => {
    expect(Object.keys(properties).sort()).toEqual(
      [...Object.keys(smsAccountShape), 'accounts', 'defaultAccount'].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('gives each named account the strict account shape', () => {
    const account = (properties.accounts as { additionalProperties: JsonObject }).additionalProperties;
    expect(Object.keys(account.properties as JsonObject).sort()).toEqual(Object.keys(smsAccountShape).sort());
    expect(account.additionalProperties).toBe(false);
  });

  it('carries the defaults and limits editors show', () => {
    expect(properties.webhookPath?.default).toBe('/webhooks/sms');
    expect(properties.textChunkLimit).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 1600,
      default: 1500,
    });
    expect(properties.dmPolicy).toMatchObject({
      enum: ['pairing', 'allowlist', 'open', 'disabled'],
      default: 'pairing',
    });
    expect(properties.twilioApiBaseUrl).toMatchObject({ default: 'https://api.twilio.com', format: 'uri' });
    expect(properties.smartEncoding).toMatchObject({ type: 'boolean', default: true });
    expect(properties.mediaMaxMb).toMatchObject({ type: 'number', exclusiveMinimum: 0, default: 5 });
    expect(properties.failureReply).toMatchObject({ type: ['boolean', 'string'], default: true });
    expect(properties.publicWebhookUrl?.format).toBe('uri');
  });

  it('describes authToken as a string or an env or file secret ref', () => {
    expect(JSON.stringify(properties.authToken)).toContain('"const":"env"');
    expect(JSON.stringify(properties.authToken)).toContain('"const":"file"');
  });

  it('can target draft-07 for older validators', () => {
    expect(smsChannelJsonSchema({ target: 'draft-07' }).$schema).toBe(
      'http://json-schema.org/draft-07/schema#',
    );
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
