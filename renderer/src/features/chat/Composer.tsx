import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Icon } from '../../app/icons';
import { useUi } from '../../stores/ui';

interface ComposerProps {
  busy: boolean;
  disabled: boolean;
  lastQuestion: string | null;
  onAsk: (question: string) => void;
  onCancel: () => void;
  placeholder?: string;
}

/** The question box: Enter asks, Shift+Enter adds a line, ↑ edits the last question, Esc cancels. */
export function Composer({ busy, disabled, lastQuestion, onAsk, onCancel, placeholder }: ComposerProps) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const focusTick = useUi((s) => s.focusQuestionTick);
  // After Ctrl K from another page the box mounts with the page: focus once it is laid out.
  useEffect(() => {
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusTick]);

  function submit() {
    const question = text.trim();
    if (!question || busy || disabled) return;
    onAsk(question);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && !text && lastQuestion) {
      event.preventDefault();
      setText(lastQuestion);
    } else if (event.key === 'Escape' && busy) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form className="card row" style={{ padding: 8, alignItems: 'flex-end' }} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label htmlFor="question" className="sr-only">Your question</label>
      <textarea id="question" ref={ref} className="textarea grow" rows={1} style={{ border: 0, resize: 'none', minHeight: 40, maxHeight: 160 }}
        placeholder={placeholder ?? 'Ask a question about your data…'} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown}
        disabled={disabled} aria-describedby="question-help" />
      <span id="question-help" className="sr-only">Enter asks. Up arrow edits your last question. Escape cancels an answer in progress.</span>
      {busy ? (
        <button type="button" className="btn" onClick={onCancel}><Icon name="stop" size={16} />Cancel</button>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={disabled || !text.trim()} aria-label="Ask"><Icon name="send" size={16} />Ask</button>
      )}
    </form>
  );
}
