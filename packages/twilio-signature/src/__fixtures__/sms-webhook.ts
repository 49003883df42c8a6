/**
 * A realistic inbound-SMS webhook as Twilio posts it (field names from Twilio's Messaging webhook
 * reference; SIDs and numbers are fictional, 555 numbers).
 */
export const smsWebhookUrl = 'https://sms.example.com/webhooks/sms';

export const smsWebhookAuthToken = '0123456789abcdef0123456789abcdef';

export const smsWebhookParams: Record<string, string> = {
  ToCountry: 'US',
  ToState: 'CA',
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  NumMedia: '0',
  ToCity: 'SAN FRANCISCO',
  FromZip: '94105',
  SmsSid: 'SM0123456789abcdef0123456789abcdef',
  FromState: 'CA',
  SmsStatus: 'received',
  FromCity: 'SAN FRANCISCO',
  Body: "Hi! Can you summarise today's agenda? Thanks 🙂",
  FromCountry: 'US',
  To: '+15555550100',
  MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
  ToZip: '94105',
  NumSegments: '1',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+15555550123',
  ApiVersion: '2010-04-01',
};

/** The same webhook as the form body on the wire. */
export const smsWebhookBody = new URLSearchParams(smsWebhookParams).toString();
