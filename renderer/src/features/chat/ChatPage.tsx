import { useCallback, useEffect, useRef } from 'react';
import { useRoute } from '../../stores/route';
import { isTechnical, useSession } from '../../stores/session';
import { useSelectedSource } from '../../stores/sources';
import { useChat } from './chatStore';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { Greeting } from './Greeting';
import { TurnView } from './TurnView';

/** Ask a question, get the answer first, then the chart, the why and the details. */
export function ChatPage({ conversationId }: { conversationId?: string }) {
  const source = useSelectedSource();
  const user = useSession((s) => s.user);
  const technical = isTechnical(user);
  const navigate = useRoute((s) => s.navigate);
  const { turns, open, reset, ask, cancel, setFeedback, setChart, cancelActive, loadingConversation } = useChat();
  const activeId = useChat((s) => s.conversationId);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => { void open(conversationId ?? null); }, [conversationId, open]);
  useEffect(() => { bottom.current?.scrollIntoView({ block: 'end', behavior: 'smooth' }); }, [turns.length]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && useChat.getState().cancelActive) cancel(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancel]);

  const askQuestion = useCallback((question: string, clarificationId?: string) => {
    if (source) void ask(question, source.id, clarificationId);
  }, [ask, source]);
  const lastQuestion = [...turns].reverse().find((t) => t.question)?.question ?? null;
  const newConversation = () => { reset(); navigate({ page: 'ask' }); };

  return (
    <div className="page" style={{ maxWidth: 1400 }}>
      <div className="split">
        <ConversationList activeId={activeId} onNew={newConversation} />
        <div className="col" style={{ gap: 16, minWidth: 0 }}>
          {!source ? <div className="alert alert-warn" role="status">Add a data source first: questions are answered from a data source.</div> : null}
          {turns.length === 0 && !loadingConversation ? <Greeting sourceId={source?.id ?? null} onAsk={askQuestion} /> : null}
          {loadingConversation ? <div className="skeleton" style={{ height: 120 }}>Opening the conversation…</div> : null}
          <div className="col" style={{ gap: 24 }} aria-live="polite">
            {turns.map((turn) => (
              <TurnView key={turn.key} turn={turn} technical={technical} projectId={source?.projectId ?? null}
                onAsk={askQuestion} onFeedback={(f) => void setFeedback(turn.key, f)} onChartChange={(c) => setChart(turn.key, c)} />
            ))}
          </div>
          <div ref={bottom} />
          <div style={{ position: 'sticky', bottom: 12 }}>
            <Composer busy={Boolean(cancelActive)} disabled={!source} lastQuestion={lastQuestion} onAsk={(q) => askQuestion(q)} onCancel={cancel}
              placeholder={source ? `Ask about ${source.name}…` : 'Add a data source to ask questions'} />
          </div>
        </div>
      </div>
    </div>
  );
}
