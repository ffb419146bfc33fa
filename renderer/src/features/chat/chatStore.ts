import { create } from 'zustand';
import type { Answer, ChatEvent } from '../../../../shared/api/domains/chat';
import type { ChartSpec } from '../../../../shared/charts/spec';
import type { ErrorInfo } from '../../app/ui/ErrorNotice';
import { api, describeError, isCancelled, startStreaming } from '../../lib/api';

type Cell = string | number | boolean | null;
export interface Partial {
  stage?: { label: string; progress: number };
  sql?: string;
  explanation?: string;
  confidence?: number;
  result?: { columns: Array<{ name: string; kind: string }>; rows: Cell[][]; rowCount: number };
  chart?: ChartSpec;
  narrative?: string;
}
export interface Turn {
  key: string;
  question: string;
  status: 'streaming' | 'done' | 'error' | 'cancelled';
  partial: Partial;
  answer?: Answer;
  error?: ErrorInfo;
  feedback: 'up' | 'down' | null;
}
export interface ConversationSummary { id: string; title: string; updatedAt: string; messageCount: number; sourceId: string | null }

interface ChatState {
  conversations: ConversationSummary[];
  search: string;
  conversationId: string | null;
  turns: Turn[];
  loadingConversation: boolean;
  cancelActive: (() => void) | null;
  loadConversations: (search?: string) => Promise<void>;
  open: (id: string | null) => Promise<void>;
  /** Starts a new, empty conversation. */
  reset: () => void;
  ask: (question: string, sourceId: string, clarificationId?: string) => Promise<void>;
  cancel: () => void;
  rename: (id: string, title: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  setFeedback: (turnKey: string, feedback: 'up' | 'down' | null) => Promise<void>;
  setChart: (turnKey: string, chart: ChartSpec) => void;
}

let turnCounter = 0;
const newKey = () => `t${++turnCounter}`;

function applyEvent(partial: Partial, event: ChatEvent): Partial {
  switch (event.type) {
    case 'stage': return { ...partial, stage: { label: event.label, progress: event.progress } };
    case 'sql': return { ...partial, sql: event.sql, explanation: event.explanation, confidence: event.confidence };
    case 'rows': return { ...partial, result: { columns: event.columns, rows: event.rows, rowCount: event.rowCount } };
    case 'chart': return { ...partial, chart: event.chart };
    case 'narrative': return { ...partial, narrative: event.text };
    case 'narrativeToken': return { ...partial, narrative: `${partial.narrative ?? ''}${event.text}` };
    default: return partial;
  }
}

function turnsFromMessages(messages: Array<{ id: string; role: string; content: string; answer?: Answer; feedback: 'up' | 'down' | null }>): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role === 'user') turns.push({ key: newKey(), question: message.content, status: 'done', partial: {}, feedback: null });
    else if (message.role === 'assistant') {
      let target = turns[turns.length - 1];
      if (!target || target.answer) {
        target = { key: newKey(), question: '', status: 'done', partial: {}, feedback: null };
        turns.push(target);
      }
      target.answer = message.answer;
      target.feedback = message.feedback;
      if (!message.answer) target.error = { message: message.content };
    }
  }
  return turns;
}

export const useChat = create<ChatState>((set, get) => ({
  conversations: [],
  search: '',
  conversationId: null,
  turns: [],
  loadingConversation: false,
  cancelActive: null,
  async loadConversations(search = get().search) {
    set({ search });
    try {
      const conversations = await api.call('conversations/list', search ? { search } : {});
      set({ conversations });
    } catch {
      /* the list stays as it was; the thread still works */
    }
  },
  reset() {
    get().cancel();
    set({ conversationId: null, turns: [] });
  },
  async open(id) {
    // Opening the conversation already on screen (or the new, unsaved one) keeps it as it is.
    if (id === get().conversationId) return;
    get().cancel();
    if (!id) return set({ conversationId: null, turns: [] });
    set({ conversationId: id, turns: [], loadingConversation: true });
    try {
      const { messages } = await api.call('conversations/get', { id });
      if (get().conversationId === id) set({ turns: turnsFromMessages(messages), loadingConversation: false });
    } catch (error) {
      set({ loadingConversation: false, turns: [{ key: newKey(), question: '', status: 'error', partial: {}, feedback: null, error: describeError(error) }] });
    }
  },
  async ask(question, sourceId, clarificationId) {
    get().cancel();
    const key = newKey();
    const turn: Turn = { key, question, status: 'streaming', partial: { stage: { label: 'Understanding your question…', progress: 0.05 } }, feedback: null };
    set((s) => ({ turns: [...s.turns, turn] }));
    const update = (patch: (t: Turn) => Turn) => set((s) => ({ turns: s.turns.map((t) => (t.key === key ? patch(t) : t)) }));
    const conversationId = get().conversationId ?? undefined;
    const call = startStreaming<Answer, ChatEvent>(
      (options) => api.call('chat/ask', { question, sourceId, conversationId, clarificationId }, options),
      (event) => update((t) => ({ ...t, partial: applyEvent(t.partial, event) })),
    );
    set({ cancelActive: call.cancel });
    try {
      const answer = await call.result;
      update((t) => ({ ...t, status: 'done', answer }));
      const isNew = get().conversationId !== answer.conversationId;
      set({ conversationId: answer.conversationId, cancelActive: null });
      if (isNew) window.history.replaceState(null, '', `#/ask/${encodeURIComponent(answer.conversationId)}`);
      void get().loadConversations();
    } catch (error) {
      if (isCancelled(error)) update((t) => ({ ...t, status: 'cancelled' }));
      else update((t) => ({ ...t, status: 'error', error: describeError(error) }));
      set({ cancelActive: null });
    }
  },
  cancel() {
    const cancel = get().cancelActive;
    if (cancel) {
      cancel();
      set({ cancelActive: null });
    }
  },
  async rename(id, title) {
    await api.call('conversations/rename', { id, title });
    await get().loadConversations();
  },
  async remove(id) {
    await api.call('conversations/remove', { id });
    if (get().conversationId === id) set({ conversationId: null, turns: [] });
    await get().loadConversations();
  },
  async setFeedback(turnKey, feedback) {
    const turn = get().turns.find((t) => t.key === turnKey);
    if (!turn?.answer) return;
    set((s) => ({ turns: s.turns.map((t) => (t.key === turnKey ? { ...t, feedback } : t)) }));
    await api.call('chat/feedback', { messageId: turn.answer.messageId, feedback });
  },
  setChart(turnKey, chart) {
    set((s) => ({ turns: s.turns.map((t) => (t.key === turnKey && t.answer ? { ...t, answer: { ...t.answer, chart } } : t.key === turnKey ? { ...t, partial: { ...t.partial, chart } } : t)) }));
  },
}));
