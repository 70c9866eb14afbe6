import { WEB_MODULES } from './modules';
import type { NavGroup, NavGroupKey } from './web-module';

export type { NavGroup, NavItem } from './web-module';

/** The side menu's groups in menu order, with the shell's titles; the modules fill them (app/modules.ts). */
const NAV_GROUPS: readonly { key: NavGroupKey; labelKey: string | null }[] = [
  { key: 'main', labelKey: null },
  { key: 'tickets', labelKey: 'nav.groupTickets' },
  { key: 'service', labelKey: 'nav.groupService' },
  { key: 'field', labelKey: 'nav.groupField' },
  { key: 'surveys', labelKey: 'nav.groupSurveys' },
  { key: 'reports', labelKey: 'nav.groupReports' },
  { key: 'care', labelKey: 'nav.groupCare' },
  { key: 'org', labelKey: 'nav.groupOrg' },
  { key: 'sla', labelKey: 'nav.groupSla' },
  { key: 'system', labelKey: 'nav.groupSystem' },
];

export const NAV: NavGroup[] = NAV_GROUPS.map(({ key, labelKey }) => ({
  key,
  labelKey,
  items: WEB_MODULES.flatMap((m) => m.nav?.[key] ?? []),
}));

export function visibleNav(permissions: readonly string[]): NavGroup[] {
  return NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.anyOf || item.anyOf.some((p) => permissions.includes(p))),
  })).filter((group) => group.items.length > 0);
}

/** The nav entry a location belongs to (longest matching prefix), for highlighting the menu. */
export function activeNavPath(pathname: string): string {
  const paths = NAV.flatMap((g) => g.items.map((i) => i.path)).filter((p) => p !== '/');
  return (
    paths
      .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '/'
  );
}
