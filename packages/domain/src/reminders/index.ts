// Reminders: the workspace's notification channel, each rep's daily digest, "remind now", and the delivery log.
export { createChannelRegistry, loadChannelRegistry } from './channels.ts';
export type { ChannelRegistry } from './channels.ts';
export type { AnyChannelDefinition, ChannelMessage, DeliveryResult } from '@sopline/channel-sdk';
export type { DigestScheduler, DigestTarget, ReminderServices } from './ports.ts';
export { isTimeZone, LOCAL_TIME, localDateOf, localDayRange, nextFireTime } from './schedule.ts';
export { composeDigest, composeOverdueReminder, composeTest } from './compose.ts';
export type { Composed } from './compose.ts';
export { deliver } from './deliver.ts';
export type { DeliverInput, DeliverMode, DeliverOutcome } from './deliver.ts';
export { ChannelSettingsInput, DIGEST_DEFAULTS, DigestSettingsInput, getChannelSettings, getDigestSettings, resolveChannelConfig, updateChannelSettings, updateDigestSettings } from './settings.ts';
export type { ChannelSettingsView, DigestSettings } from './settings.ts';
export { digestKey, listDeliveries, planDigest, remindRep, sendDigest, sendTestMessage } from './use-cases.ts';
export type { DeliveryItem, DigestOutcome, DigestPlan, SendResult } from './use-cases.ts';
