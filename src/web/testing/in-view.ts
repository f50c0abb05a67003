import { vi } from 'vitest';

/**
 * An IntersectionObserver that reports every observed element as on screen (happy-dom's never
 * reports anything), until `vi.unstubAllGlobals()`.
 */
export function stubEverythingInView() {
  class EverythingInView {
    #connected = true;
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element) {
      queueMicrotask(() => {
        if (this.#connected) this.callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
      });
    }
    unobserve() {}
    disconnect() {
      this.#connected = false;
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', EverythingInView);
}
