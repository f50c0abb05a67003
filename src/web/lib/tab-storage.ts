// This tab's sessionStorage, or memory for this page when the browser refuses it (private
// browsing, blocked storage, a full quota): what was typed then survives closing a panel, not a reload.
const memory = new Map<string, string>();

export const tabStorage = {
  get(key: string): string | null {
    try {
      return window.sessionStorage.getItem(key) ?? memory.get(key) ?? null;
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key: string, value: string) {
    try {
      window.sessionStorage.setItem(key, value);
      memory.delete(key);
    } catch {
      memory.set(key, value);
    }
  },
  remove(key: string) {
    memory.delete(key);
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // Nothing was kept there.
    }
  },
  removeStartingWith(prefix: string) {
    for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
    try {
      const storage = window.sessionStorage;
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
      for (const key of keys) if (key?.startsWith(prefix)) storage.removeItem(key);
    } catch {
      // Nothing was kept there.
    }
  },
};
