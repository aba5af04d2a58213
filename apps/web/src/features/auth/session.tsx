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

/** The first check of who is signed in, asked before the app is drawn (`app/early-reads.ts`). */
let early: Promise<SessionInfo> | undefined;

/**
 * Asks who is signed in at once, while the rest of the app's code still loads, instead of after the
 * first render; the provider's first check takes this answer. Asked once per page load.
 */
export function readSessionEarly(): Promise<SessionInfo> {
  early ??= apiFetch<SessionInfo>('/api/v1/auth/session');
  return early;
}

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
    const first = early ?? apiFetch<SessionInfo>('/api/v1/auth/session');
    early = undefined;
    first
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
