export function SettingsPage(_props: { conversationId?: string; dashboardId?: string }) {
  return <div className="page"><h1>SettingsPage</h1></div>;
}
