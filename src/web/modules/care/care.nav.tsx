import { CarOutlined, HomeOutlined, PhoneOutlined, RiseOutlined, SettingOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { CARE_PERM } from './care-api';

/** 客户关怀 menu items of the care module (the group is the shell's, shared with messages). */
export const careNavItems: NavItem[] = [
  { path: '/care/worklist', labelKey: 'care.nav.worklist', icon: <PhoneOutlined />, anyOf: [CARE_PERM.read] },
  { path: '/care/lapsed', labelKey: 'care.nav.lapsed', icon: <RiseOutlined />, anyOf: [CARE_PERM.read] },
  {
    path: '/care/departures',
    labelKey: 'care.nav.departures',
    icon: <CarOutlined />,
    anyOf: [CARE_PERM.work],
  },
  { path: '/care/estate', labelKey: 'care.nav.estate', icon: <HomeOutlined />, anyOf: [CARE_PERM.read] },
  { path: '/care/rules', labelKey: 'care.nav.rules', icon: <SettingOutlined />, anyOf: [CARE_PERM.read] },
];
