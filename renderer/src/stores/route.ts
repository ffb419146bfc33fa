import { create } from 'zustand';

export const PAGES = ['ask', 'dashboards', 'insights', 'reports', 'sources', 'sql', 'settings', 'admin'] as const;
export type Page = (typeof PAGES)[number];

export interface Route { page: Page; id?: string }

/** Hash routes (`#/dashboards/<id>`) work from files in Electron and from the server alike. */
export function parseHash(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  const known = (PAGES as readonly string[]).includes(page) ? (page as Page) : 'ask';
  return id ? { page: known, id: decodeURIComponent(id) } : { page: known };
}

export function hrefOf(route: Route): string {
  return `#/${route.page}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
}

interface RouteState { route: Route; navigate: (route: Route) => void }

export const useRoute = create<RouteState>((set) => ({
  route: parseHash(window.location.hash),
  navigate(route) {
    window.location.hash = hrefOf(route);
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ route: parseHash(window.location.hash) }));
