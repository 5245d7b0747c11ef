/**
 * The package barrel exports the engine's three entry points, and they are the same functions the
 * folder's api.ts exports.
 */
import { describe, expect, it } from 'vitest';
import * as pkg from '../../../index.js';
import * as api from '../../../server/edit/search-replace/api.js';

describe('search/replace public API', () => {
  it('is exported from the package barrel', () => {
    expect(pkg.applySearchReplace).toBe(api.applySearchReplace);
    expect(pkg.applyUnifiedDiff).toBe(api.applyUnifiedDiff);
    expect(pkg.checkWholeFileRewrite).toBe(api.checkWholeFileRewrite);
  });

  it('applies a plain edit through the barrel', () => {
    expect(pkg.applySearchReplace('a\nb\n', 'b', 'c')).toEqual({ ok: true, text: 'a\nc\n', strategy: 'exact' });
  });
});
