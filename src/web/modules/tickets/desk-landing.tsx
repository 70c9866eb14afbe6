import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Me } from '../../api/types';
import { useCurrentMe } from '../../auth/use-me';

/** Agents (the agent role, able to take cases in) start the day on the desk, not the home page. */
export function isAgent(me: Me): boolean {
  return me.permissions.includes('tickets.create') && me.memberships.some((m) => m.roleCode === 'agent');
}

/** Technicians start on their phone-sized list of today's visits (REP-1). */
export function isTechnician(me: Me): boolean {
  return me.memberships.some((m) => m.roleCode === 'technician') && !isAgent(me);
}

/** The index page: the desk for agents, today's visits for technicians, the home page for everyone else. */
export function DeskLanding({ home }: { home: ReactNode }) {
  const me = useCurrentMe();
  if (isAgent(me)) return <Navigate to="/desk" replace />;
  if (isTechnician(me)) return <Navigate to="/tech" replace />;
  return home;
}
