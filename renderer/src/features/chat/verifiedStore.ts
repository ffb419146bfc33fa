import { create } from 'zustand';
import { api } from '../../lib/api';

/** Which answers (chat messages) a person verified: read once from the server, so an answer shows its
 *  verified state after a reload too, and kept current as answers are verified or withdrawn here. */
interface VerifiedMessagesState {
  messageIds: ReadonlySet<string> | null;
  /** Whose list it is: signing in as someone else reads it again. */
  userId: string | null;
  loading: Promise<void> | null;
  load: (userId: string) => Promise<void>;
  mark: (messageId: string, verified: boolean) => void;
}

export const useVerifiedMessages = create<VerifiedMessagesState>((set, get) => ({
  messageIds: null,
  userId: null,
  loading: null,
  load(userId) {
    const pending = get().loading;
    if (pending && get().userId === userId) return pending;
    set({ userId, messageIds: null });
    const loading = api.call('answers/verified', {})
      .then((answers) => set({ messageIds: new Set(answers.flatMap((a) => (a.messageId ? [a.messageId] : []))) }))
      .catch(() => set({ loading: null }));
    set({ loading });
    return loading;
  },
  mark(messageId, verified) {
    const next = new Set(get().messageIds ?? []);
    if (verified) next.add(messageId);
    else next.delete(messageId);
    set({ messageIds: next });
  },
}));
