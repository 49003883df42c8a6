/**
 * @module @sms-channel/twilio-signature
 * Work in progress: see the package issue.
 */
export const packageName = '@sms-channel/twilio-signature';
