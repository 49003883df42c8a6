import { z } from 'zod';
import { smsChannelConfigSchema } from './sms-channel-schema.js';

export interface SmsChannelJsonSchemaOptions {
  /** JSON Schema dialect. @default 'draft-2020-12' */
  target?: 'draft-07' | 'draft-2020-12';
}

/**
 * The JSON Schema of `channels.sms`, for the OpenClaw plugin manifest (`channelConfigs.sms.schema`) and for
 * editors. It describes the shape (keys, types, SID and URL formats, ranges, defaults); phone-number syntax and
 * the rules across keys are only checked by `validateConfig`.
 */
export function smsChannelJsonSchema(options: SmsChannelJsonSchemaOptions = {}): Record<string, unknown> {
  return z.toJSONSchema(smsChannelConfigSchema, { io: 'input', target: options.target ?? 'draft-2020-12' });
}
