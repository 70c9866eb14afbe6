// Shapes of the channels API (src/shared/channels.ts).
export type {
  ChannelAccount,
  ChannelKind,
  ChannelTemplate,
  Conversation,
  FollowerBinding,
} from '../../../shared/channels';
export { CHANNEL_KINDS, SECRET_FIELDS, STAFF_KINDS } from '../../../shared/channels';
export const CHANNELS_API = '/api/v1/channels';
export const CHANNELS_KEY = 'channels';
export const CHANNEL_TEMPLATES_KEY = 'channel-templates';
export const CONVERSATIONS_KEY = 'channel-conversations';
export const CH_PERM = { manage: 'channels.manage', reply: 'channels.reply' } as const;
