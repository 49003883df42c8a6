/** The channel id: `channels.sms`, `--channel sms`, `openclaw pairing ... sms`. */
export const SMS_CHANNEL_ID = 'sms';

/** How the channel presents itself in the host (also the `openclaw.channel` block of the plugin package). */
export const SMS_CHANNEL_META = {
  id: SMS_CHANNEL_ID,
  label: 'SMS',
  selectionLabel: 'SMS (Twilio)',
  docsPath: '/channels/sms',
  blurb: 'Talk to your assistant by plain SMS through a Twilio phone number or Messaging Service.',
} as const;
