export function DashboardsPage(_props: { conversationId?: string; dashboardId?: string }) {
  return <div className="page"><h1>DashboardsPage</h1></div>;
}
