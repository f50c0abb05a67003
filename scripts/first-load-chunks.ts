import type { Plugin, Rollup } from 'vite';

type Group = { name: string; test: (id: string) => boolean; priority: number; includeDependenciesRecursively: false };
type Context = Rollup.PluginContext;

/**
 * `import { a, b as c } from 'x'` / `export { default as d } from 'x'`: the names on either side of
 * `as` by specifier (what an importer asks for, what a barrel re-exports), type imports left out.
 */
const NAMED_IMPORT = /(?:import|export)\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;

export function namedImports(code: string): Map<string, string[]> {
  const bySpecifier = new Map<string, string[]>();
  for (const [, list = '', specifier = ''] of code.matchAll(NAMED_IMPORT)) {
    const names = list
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part && !part.startsWith('type '))
      .flatMap((part) => part.split(/\s+as\s+/));
    bySpecifier.set(specifier, [...(bySpecifier.get(specifier) ?? []), ...names]);
  }
  return bySpecifier;
}

/** A package's index that only imports and re-exports (`@mantine/core`, `@mantine/hooks`). */
export const isBarrel = (code: string) => code.split('\n').every((line) => !line.trim() || /^\s*(import\b|export\s*[{*]|\/\/|\/\*|\*)/.test(line));

/**
 * What `root` runs on its first load: its static imports, followed through packages' barrels by
 * the names imported (`import { Button } from '@mantine/core'` brings Button, not all of Mantine).
 */
async function firstLoadModules(context: Context, root: string): Promise<Set<string>> {
  const found = new Set<string>();
  const barrelNames = new Map<string, Set<string>>();

  async function visit(id: string): Promise<void> {
    if (found.has(id)) return;
    found.add(id);
    const info = context.getModuleInfo(id);
    if (!info?.code) return;
    const named = namedImports(info.code);
    for (const [specifier, names] of named) {
      const target = (await context.resolve(specifier, id))?.id;
      const code = target && context.getModuleInfo(target)?.code;
      if (target && code && isBarrel(code)) await visitBarrel(target, code, names);
    }
    for (const imported of info.importedIds) {
      const code = context.getModuleInfo(imported)?.code;
      if (!code || !isBarrel(code)) await visit(imported);
    }
  }

  async function visitBarrel(id: string, code: string, names: string[]): Promise<void> {
    const seen = barrelNames.get(id) ?? new Set<string>();
    barrelNames.set(id, seen);
    const wanted = names.filter((name) => !seen.has(name));
    if (wanted.length === 0) return;
    wanted.forEach((name) => seen.add(name));
    for (const [specifier, exported] of namedImports(code)) {
      const needed = exported.filter((name) => wanted.includes(name));
      if (needed.length === 0) continue;
      const target = (await context.resolve(specifier, id))?.id;
      const targetCode = target && context.getModuleInfo(target)?.code;
      if (!target) continue;
      if (targetCode && isBarrel(targetCode)) await visitBarrel(target, targetCode, needed);
      else await visit(target);
    }
  }

  await visit(root);
  return found;
}

/**
 * One page's first download in two files instead of dozens. Automatic code splitting cuts the
 * code an app shares with its other pages into many small chunks; on a phone each is a request
 * (~150 ms away, with ~0.6 KB of headers). This finds what `entry` (a dynamically imported module)
 * runs on its first load, less what the build's entries already hold (what it loads later on
 * demand stays apart), and gives two chunk groups: its libraries and shared code, which other
 * pages may load too, and the page's own code (files under `ownDir`).
 */
export function firstLoadChunks(entry: string, ownDir: string): { plugin: Plugin; groups: Group[] } {
  const firstLoad = new Set<string>();
  const plugin: Plugin = {
    name: 'carebeam-first-load-chunks',
    apply: 'build',
    async buildEnd() {
      const ids = [...this.getModuleIds()];
      const root = ids.find((id) => id.endsWith(entry));
      if (!root) this.error(`first-load chunks: ${entry} is not in the build`);
      const initial = new Set<string>();
      for (const id of ids) if (this.getModuleInfo(id)?.isEntry) for (const held of await firstLoadModules(this, id)) initial.add(held);
      firstLoad.clear();
      for (const id of await firstLoadModules(this, root)) if (!initial.has(id)) firstLoad.add(id);
    },
  };
  const own = (id: string) => id.replaceAll('\\', '/').includes(ownDir);
  return {
    plugin,
    groups: [
      // Not their dependencies too: those the entry already holds (the fetch wrapper) stay there.
      { name: 'first-load-lib', test: (id) => firstLoad.has(id) && !own(id), priority: 1, includeDependenciesRecursively: false },
      { name: 'first-load', test: (id) => firstLoad.has(id) && own(id), priority: 0, includeDependenciesRecursively: false },
    ],
  };
}
