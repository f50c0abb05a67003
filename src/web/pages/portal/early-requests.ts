import type { PortalExchange, PortalView } from '../../../shared/portal';
import { api } from '../../api/client';

/** The participant's page: `/join/<token>` (their invitation link) or `/portal` (after it). */
export type PortalRoute = { readonly page: 'join'; readonly token: string } | { readonly page: 'portal' };

export function portalRoute(path: string): PortalRoute | null {
  if (path === '/portal') return { page: 'portal' };
  const token = /^\/join\/([^/]+)$/.exec(path)?.[1];
  return token ? { page: 'join', token: decodeURIComponent(token) } : null;
}

export const requestExchange = (token: string) => api<PortalExchange>('/portal/exchange', { method: 'POST', body: { token } });
export const requestPortalView = () => api<PortalView>('/portal/session');

/** A request main.tsx started (for `token`, the exchange), with its answer once it came. */
interface Early<T> {
  readonly request: Promise<T>;
  readonly token?: string;
  answer?: T;
}

/** Kept until taken; a failure is the taker's to show, not an unhandled rejection meanwhile. */
function early<T>(request: Promise<T>, token?: string): Early<T> {
  const held: Early<T> = { request, token };
  request.then((answer) => (held.answer = answer), () => undefined);
  return held;
}

// Answers asked for by main.tsx before the page's code arrived, each taken once by the page.
let earlyExchange: Early<PortalExchange> | undefined;
let earlyView: Early<PortalView> | undefined;

/**
 * Trades the link's token for the participant cookie, then reads the session, while the page's
 * code downloads: by the time it renders, its data is (nearly) here.
 */
export function startPortalRequests(route: PortalRoute) {
  if (route.page === 'portal') {
    earlyView = early(requestPortalView());
    return;
  }
  const request = requestExchange(route.token).then((exchanged) => {
    earlyView = early(requestPortalView());
    return exchanged;
  });
  earlyExchange = early(request, route.token);
}

/** The exchange of this token main.tsx started, once; a retry asks again. */
export function takeEarlyExchange(token: string): Promise<PortalExchange> | undefined {
  const taken = earlyExchange?.token === token ? earlyExchange.request : undefined;
  earlyExchange = undefined;
  return taken;
}

/** True (once) when the exchange of this token already succeeded: the page can open as `/portal`. */
export function takeExchangedEarly(token: string): boolean {
  if (earlyExchange?.token !== token || !earlyExchange.answer) return false;
  earlyExchange = undefined;
  return true;
}

/** The session read main.tsx started, once; later reads (a refresh, after verification) ask again. */
export function takeEarlyView(): Promise<PortalView> | undefined {
  const taken = earlyView?.request;
  earlyView = undefined;
  return taken;
}

/** The session, once, if its early read already answered: the page's first render shows it. */
export function takeEarlyViewAnswer(): PortalView | undefined {
  const taken = earlyView?.answer;
  if (taken) earlyView = undefined;
  return taken;
}
