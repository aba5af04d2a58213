import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '@csphub/domain';
import { apiFetch, apiSend, onSessionEnded, setCsrfToken } from '../../api/api-client';
import type { SessionInfo } from '@csphub/server/contract';

interface SessionState {
  /** undefined while the first check runs; null when nobody is signed in. */
  session: SessionInfo | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the session again (after the person changed their own password). */
  refresh(): Promise<void>;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/** Knows who is signed in (asks the API on load), and signs in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const accept = useCallback((s: SessionInfo | null) => {
    setCsrfToken(s?.csrfToken);
    setSession(s);
  }, []);
  useEffect(() => {
    // Any 401 later (expired or revoked session) brings the sign-in page back.
    onSessionEnded(() => accept(null));
    apiFetch<SessionInfo>('/api/v1/auth/session')
      .then(accept)
      .catch(() => accept(null));
    return () => onSessionEnded(undefined);
  }, [accept]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      signIn: async (email, password) =>
        accept(await apiSend<SessionInfo>('POST', '/api/v1/auth/login', { email, password })),
      signOut: async () => {
        await apiSend('POST', '/api/v1/auth/logout').catch(() => undefined);
        accept(null);
      },
      refresh: async () => accept(await apiFetch<SessionInfo>('/api/v1/auth/session')),
      can: (permission) => Boolean(session?.permissions.includes(permission)),
    }),
    [session, accept],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}
