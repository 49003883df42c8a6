/** The entry of the bundle `twilio-sdk-domains.test.ts` builds: twilio-messaging's REST client, as the plugin uses it. */
export { createTwilioRestClient } from '@sms-channel/twilio-messaging';
