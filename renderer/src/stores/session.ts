import type { ExpertiseLevel } from '../../../shared/types/auth';
import { create } from 'zustand';
import type { UserView } from '../../../shared/api/domains/auth';
import { api, describeError } from '../lib/api';

export type SessionStatus = 'loading' | 'needsSetup' | 'signedOut' | 'signedIn' | 'offline';

interface SessionState {
  status: SessionStatus;
  user: UserView | null;
  error: string | null;
  bootstrap: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<void>;
  completeSetup: (input: { organizationName: string; name: string; email: string; password: string; expertise?: ExpertiseLevel }) => Promise<void>;
  signOut: () => Promise<void>;
  setUser: (user: UserView) => void;
}

/** Who is signed in; the session itself is an HttpOnly cookie (browser) or main's state (desktop). */
export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  user: null,
  error: null,
  async bootstrap() {
    try {
      const { needsSetup } = await api.call('setup/status', {});
      if (needsSetup) return set({ status: 'needsSetup', user: null, error: null });
    } catch (error) {
      return set({ status: 'offline', error: describeError(error).message });
    }
    try {
      const user = await api.call('auth/me', {});
      set({ status: 'signedIn', user, error: null });
    } catch {
      set({ status: 'signedOut', user: null });
    }
  },
  async signIn(email, password) {
    const { user } = await api.call('auth/signIn', { email, password });
    set({ status: 'signedIn', user, error: null });
  },
  async completeSetup(input) {
    const { user } = await api.call('setup/complete', input);
    set({ status: 'signedIn', user, error: null });
  },
  async signOut() {
    await api.call('auth/signOut', {}).catch(() => undefined);
    set({ status: 'signedOut', user: null });
  },
  setUser(user) {
    set({ user });
  },
}));

/** Executives (and managers) see headline + impact + actions; analysts see the method. */
export function isTechnical(user: UserView | null): boolean {
  if (!user) return false;
  return user.expertise === 'analyst' || user.expertise === 'expert';
}
