import { CarryOutOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

/** 我的待办 for everyone signed in: a message for a colleague (IN-6) may land with anyone. */
export const tasksNavItems: NavItem[] = [
  { path: '/tasks', labelKey: 'tasks.nav.tasks', icon: <CarryOutOutlined /> },
];
