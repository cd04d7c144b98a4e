import type { AnyChannelDefinition } from '@sopline/channel-sdk';
import { webhookChannel } from '@sopline/channel-webhook';
import type { ChannelRegistry } from '@sopline/domain';
import { loadChannelRegistry } from '@sopline/domain';

/** The channels every install has; more come from packages named in SOPLINE_CHANNEL_PLUGINS. */
export const builtinChannels: readonly AnyChannelDefinition[] = [webhookChannel];

export function loadChannels(options: { plugins?: readonly string[]; resolveFrom?: string; extra?: readonly AnyChannelDefinition[] } = {}): Promise<ChannelRegistry> {
  const { extra = [], ...rest } = options;
  return loadChannelRegistry({ builtins: [...builtinChannels, ...extra], ...rest });
}
