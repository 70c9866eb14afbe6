import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';

const STORAGE_KEY = 'kefu.unitId';

export interface MyUnit {
  id: string;
  name: string;
}

interface CurrentUnit {
  /** The unit chosen in the header; the default unitId filter of lists. */
  unitId: string | undefined;
  setUnitId: (unitId: string) => void;
  myUnits: MyUnit[];
}

const Context = createContext<CurrentUnit | null>(null);

export function myUnits(me: Me): MyUnit[] {
  const seen = new Map<string, MyUnit>();
  for (const m of me.memberships)
    if (!seen.has(m.unitId)) seen.set(m.unitId, { id: m.unitId, name: m.unitName });
  return [...seen.values()];
}

export function CurrentUnitProvider({ me, children }: { me: Me; children: ReactNode }) {
  const units = useMemo(() => myUnits(me), [me]);
  const [stored, setStored] = useState(() => localStorage.getItem(STORAGE_KEY));
  // A stale choice (membership removed, different person on this browser) falls back to the first.
  const unitId = units.some((u) => u.id === stored) ? (stored ?? undefined) : units[0]?.id;

  const setUnitId = useCallback((id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setStored(id);
  }, []);

  const value = useMemo(() => ({ unitId, setUnitId, myUnits: units }), [unitId, setUnitId, units]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCurrentUnit(): CurrentUnit {
  const value = useContext(Context);
  if (!value) throw new Error('useCurrentUnit used outside CurrentUnitProvider');
  return value;
}
