import { type ConfigIssue, formatConfigPath } from '@sms-channel/config';

/** `error: channels.sms.fromNumer: unknown key "fromNumer"; did you mean "fromNumber"?` */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.severity}: ${formatConfigPath(issue.path)}: ${issue.message}`;
}
