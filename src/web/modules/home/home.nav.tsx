import { HomeOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/web-module';

/** 工作台: the first menu entry, for everyone signed in. */
export const homeNavItems: NavItem[] = [{ path: '/', labelKey: 'home.nav.home', icon: <HomeOutlined /> }];
