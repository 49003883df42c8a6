/**
 * @module @sms-channel/store
 * Work in progress: see the package issue.
 */
export const packageName = '@sms-channel/store';
