import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { ModuleBundle } from '../i18n/module-bundles';

export interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Shown when the person holds any of these; undefined = everyone signed in. */
  anyOf?: readonly string[];
}

export interface NavGroup {
  key: string;
  labelKey: string | null;
  items: NavItem[];
}

/** The side menu's groups (app/nav.tsx gives their order and titles); a module files its entries under one. */
export type NavGroupKey =
  'main' | 'tickets' | 'service' | 'field' | 'surveys' | 'reports' | 'care' | 'org' | 'sla' | 'system';

/**
 * What a web module brings to the app, declared once in modules/<cap>/<cap>.module.ts and listed in
 * app/modules.ts. The router, the side menu and the translations are assembled from these lists only.
 */
export interface WebModule {
  /** The module's folder under src/web/modules. */
  id: string;
  /** Its strings: one bundle per top-level translation namespace it owns. */
  strings: readonly ModuleBundle[];
  /** Pages inside the staff app shell (side menu, header); paths are relative to '/'. */
  shellRoutes?: readonly RouteObject[];
  /** Pages with their own frame: print sheets, the technician's phone layout, customer links. */
  standaloneRoutes?: readonly RouteObject[];
  /** Side-menu entries by group, in menu order within the group. */
  nav?: Partial<Record<NavGroupKey, readonly NavItem[]>>;
}
