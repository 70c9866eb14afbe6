import { BarChartOutlined, CalendarOutlined, FormOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';
import { SURVEY_PERM } from './surveys-api';

/** 满意度 menu group: results, weekly summaries, the survey builder. */
export const surveysNavItems: NavItem[] = [
  {
    path: '/surveys/results',
    labelKey: 'surveys.nav.results',
    icon: <BarChartOutlined />,
    anyOf: [SURVEY_PERM.read],
  },
  {
    path: '/surveys/weekly',
    labelKey: 'surveys.nav.weekly',
    icon: <ScheduleOutlined />,
    anyOf: [SURVEY_PERM.read],
  },
  {
    path: '/surveys/monthly',
    labelKey: 'surveys.nav.monthly',
    icon: <CalendarOutlined />,
    anyOf: [SURVEY_PERM.read],
  },
  {
    path: '/surveys/templates',
    labelKey: 'surveys.nav.builder',
    icon: <FormOutlined />,
    anyOf: [SURVEY_PERM.read, SURVEY_PERM.manage],
  },
];
