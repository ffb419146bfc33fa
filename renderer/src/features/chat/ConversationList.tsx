import { useEffect, useState } from 'react';
import { Icon } from '../../app/icons';
import { hrefOf } from '../../stores/route';
import { useChat } from './chatStore';

function whenText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? `Today, ${date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}` : date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

/** Past conversations: search, open, rename, delete. */
export function ConversationList({ activeId, onNew }: { activeId: string | null; onNew: () => void }) {
  const { conversations, loadConversations, rename, remove } = useChat();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => void loadConversations(query.trim()), 200);
    return () => clearTimeout(timer);
  }, [query, loadConversations]);

  return (
    <aside className="card col conversations" style={{ padding: 12, gap: 10, alignSelf: 'start' }} aria-label="Conversations">
      <button className="btn btn-primary" onClick={onNew}><Icon name="plus" size={16} />New conversation</button>
      <div className="row" style={{ position: 'relative' }}>
        <input className="input" type="search" placeholder="Search conversations" aria-label="Search conversations" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {/* A list may only hold list items (axe aria-required-children), so the empty state sits outside it. */}
      {conversations.length === 0 ? <p className="muted small" style={{ padding: 8 }}>{query ? 'No conversation matches.' : 'Your conversations will appear here.'}</p> : null}
      {conversations.length === 0 ? null : <div className="list" role="list">
        {conversations.map((c) => (
          <div key={c.id} role="listitem" className="row" style={{ gap: 2 }}>
            {editing === c.id ? (
              <form className="row grow" onSubmit={(e) => { e.preventDefault(); if (title.trim()) void rename(c.id, title.trim()); setEditing(null); }}>
                <input className="input" aria-label="Conversation title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus onKeyDown={(e) => { if (e.key === 'Escape') setEditing(null); }} />
                <button className="btn btn-sm" type="submit">Save</button>
              </form>
            ) : (
              <>
                <a className="list-item grow" href={hrefOf({ page: 'ask', id: c.id })} aria-current={c.id === activeId ? 'true' : undefined} style={{ textDecoration: 'none' }}>
                  <span className="grow col" style={{ gap: 0, minWidth: 0 }}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{c.title}</span>
                    <span className="muted small">{whenText(c.updatedAt)}</span>
                  </span>
                </a>
                <button className="btn btn-ghost btn-icon" aria-label={`Rename “${c.title}”`} title="Rename" onClick={() => { setEditing(c.id); setTitle(c.title); }}><Icon name="edit" size={16} /></button>
                <button className="btn btn-ghost btn-icon" aria-label={`Delete “${c.title}”`} title="Delete" onClick={() => { if (window.confirm(`Delete “${c.title}”? This cannot be undone.`)) void remove(c.id); }}><Icon name="trash" size={16} /></button>
              </>
            )}
          </div>
        ))}
      </div>}
    </aside>
  );
}
