import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Me } from '../../api/types';
import { useCurrentMe } from '../../auth/use-me';

/** Agents (the agent role, able to take cases in) start the day on the desk, not the home page. */
export function isAgent(me: Me): boolean {
  return me.permissions.includes('tickets.create') && me.memberships.some((m) => m.roleCode === 'agent');
}

/** The index page: the desk for agents, the home page for everyone else. */
export function DeskLanding({ home }: { home: ReactNode }) {
  const me = useCurrentMe();
  return isAgent(me) ? <Navigate to="/desk" replace /> : home;
}
