/**
 * @module @sms-channel/sms-text
 * Work in progress: see the package issue.
 */
export const packageName = '@sms-channel/sms-text';
