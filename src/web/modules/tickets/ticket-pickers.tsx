import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  RECTIFICATION_KINDS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
} from '../../../shared/tickets';
import type {
  RectificationKind,
  TicketChannel,
  TicketPriority,
  TicketState,
  TicketType,
} from '../../../shared/tickets';

/**
 * Keys an agent types into the type and channel pickers: pinyin initials (yxts = 硬性投诉) and the
 * English code, so the pickers work from the keyboard without switching the input method.
 */
const TYPE_KEYS: Record<TicketType, string> = {
  consultation_direct: 'zxzj zx consultation direct',
  consultation_indirect: 'zxjj zx consultation indirect',
  soft_complaint: 'rxts ts soft complaint',
  hard_complaint: 'yxts ts hard complaint',
  rectification: 'zg zgl rectification',
  repair: 'bx repair',
  installation: 'az ylwt installation',
  return_exchange: 'thh th hh return exchange',
  order_cancellation: 'qxdd cancellation',
  praise: 'by praise',
  suggestion: 'jy suggestion',
  other: 'qt other',
};

const CHANNEL_KEYS: Record<TicketChannel, string> = {
  phone: 'dh phone',
  hotline_400: '400 rx hotline',
  walk_in: 'lf walk visit',
  letter: 'lh letter',
  web_form: 'wz bd web form',
  im_wechat: 'wx wechat',
  im_qq: 'qq',
  im_wangwang: 'ww wangwang',
  forum_post: 'lt tz forum post',
  sms: 'dx sms',
  ecommerce_dispute: 'ds jf ecommerce dispute',
  on_site: 'xc site',
  email: 'yj dzyj email mail',
};

interface KeyedOption {
  value: string;
  label: string;
  keys: string;
}

// Matches the label (汉字) or the pinyin initials / English code kept in `keys`.
const matchKeys = (input: string, option?: KeyedOption) => {
  const q = input.trim().toLowerCase();
  return !!option && (option.label.toLowerCase().includes(q) || option.keys.includes(q));
};

type PickerProps<T extends string> = Omit<SelectProps<T, KeyedOption>, 'options'>;
type MultiProps<T extends string> = Omit<SelectProps<T[], KeyedOption>, 'options'>;

function useTypeOptions(): KeyedOption[] {
  const { t } = useTranslation();
  return TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`), keys: TYPE_KEYS[v] }));
}

function useChannelOptions(): KeyedOption[] {
  const { t } = useTranslation();
  return TICKET_CHANNELS.map((v) => ({ value: v, label: t(`tickets.channel.${v}`), keys: CHANNEL_KEYS[v] }));
}

/** CL-1 type picker; typing pinyin initials (yxts → 硬性投诉) finds a type without the input method. */
export function TicketTypeSelect(props: PickerProps<TicketType>) {
  const options = useTypeOptions();
  return (
    <Select<TicketType, KeyedOption>
      showSearch={{ filterOption: matchKeys }}
      options={options as never}
      {...props}
    />
  );
}

export function TicketTypeMultiSelect(props: MultiProps<TicketType>) {
  const options = useTypeOptions();
  return (
    <Select<TicketType[], KeyedOption>
      mode="multiple"
      maxTagCount="responsive"
      showSearch={{ filterOption: matchKeys }}
      options={options as never}
      {...props}
    />
  );
}

/** IN-1 channel picker, with the same keyboard keys. */
export function ChannelSelect(props: PickerProps<TicketChannel>) {
  const options = useChannelOptions();
  return (
    <Select<TicketChannel, KeyedOption>
      showSearch={{ filterOption: matchKeys }}
      options={options as never}
      {...props}
    />
  );
}

export function ChannelMultiSelect(props: MultiProps<TicketChannel>) {
  const options = useChannelOptions();
  return (
    <Select<TicketChannel[], KeyedOption>
      mode="multiple"
      maxTagCount="responsive"
      showSearch={{ filterOption: matchKeys }}
      options={options as never}
      {...props}
    />
  );
}

export function StateMultiSelect(props: Omit<SelectProps<TicketState[]>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<TicketState[]>
      mode="multiple"
      maxTagCount="responsive"
      options={TICKET_STATES.map((v) => ({ value: v, label: t(`tickets.state.${v}`) }))}
      {...props}
    />
  );
}

export function RectificationKindSelect(props: Omit<SelectProps<RectificationKind>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<RectificationKind>
      options={RECTIFICATION_KINDS.map((v) => ({ value: v, label: t(`tickets.rectificationKind.${v}`) }))}
      {...props}
    />
  );
}

export function PrioritySelect(props: Omit<SelectProps<TicketPriority>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<TicketPriority>
      options={TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) }))}
      {...props}
    />
  );
}
