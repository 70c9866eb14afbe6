import {
  FileProtectOutlined,
  MobileOutlined,
  MoneyCollectOutlined,
  ScheduleOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { WO_PERM } from './workorders-api';

/** 上门服务 in the side menu: what each role of issue 5 opens first. */
export const workOrdersNavItems: NavItem[] = [
  {
    path: '/workorders/board',
    labelKey: 'workOrders.nav.board',
    icon: <ScheduleOutlined />,
    anyOf: [WO_PERM.dispatch],
  },
  { path: '/workorders', labelKey: 'workOrders.nav.list', icon: <ToolOutlined />, anyOf: [WO_PERM.read] },
  { path: '/tech', labelKey: 'workOrders.nav.tech', icon: <MobileOutlined />, anyOf: [WO_PERM.work] },
  {
    path: '/workorders/price-list',
    labelKey: 'workOrders.nav.priceList',
    icon: <MoneyCollectOutlined />,
    anyOf: [WO_PERM.pricingManage, WO_PERM.confirmService, WO_PERM.confirmParts],
  },
  {
    path: '/workorders/contracts',
    labelKey: 'workOrders.nav.contracts',
    icon: <FileProtectOutlined />,
    anyOf: [WO_PERM.dispatch, WO_PERM.confirmService, WO_PERM.confirmParts],
  },
];
