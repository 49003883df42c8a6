/**
 * @module @sms-channel/phone-policy
 * Work in progress: see the package issue.
 */
export const packageName = '@sms-channel/phone-policy';
