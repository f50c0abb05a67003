import { describe, expect, it } from 'vitest';
import { isBarrel, namedImports } from './first-load-chunks';

describe('first-load chunks', () => {
  it('reads the names a module imports and a barrel re-exports, on both sides of `as`, without type imports', () => {
    const code = [
      "import { Button, Text as Words, type ButtonProps } from '@mantine/core';",
      "import type { Theme } from './theme';",
      'export { default as IconCheck, default as IconTick } from "./icons/IconCheck.mjs";',
      "import { Group } from '@mantine/core';",
    ].join('\n');
    expect(namedImports(code)).toEqual(
      new Map([
        ['@mantine/core', ['Button', 'Text', 'Words', 'Group']],
        ['./icons/IconCheck.mjs', ['default', 'IconCheck', 'default', 'IconTick']],
      ]),
    );
  });

  it('takes a file of imports and re-exports for a barrel, and nothing that runs code', () => {
    expect(isBarrel('/** @license */\nimport { a } from "./a.mjs";\nexport { a };\nexport { b } from "./b.mjs";\n')).toBe(true);
    expect(isBarrel('import { a } from "./a.mjs";\nexport const c = a + 1;\n')).toBe(false);
  });
});
