export function SourcesPage(_props: { conversationId?: string; dashboardId?: string }) {
  return <div className="page"><h1>SourcesPage</h1></div>;
}
