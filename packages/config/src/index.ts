/**
 * @module @sms-channel/config
 * Work in progress: see the package issue.
 */
export const packageName = '@sms-channel/config';
