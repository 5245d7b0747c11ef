import { describe, expect, it } from 'vitest';
import { coerceScalars } from '../../server/tools/arg-coerce.js';
import { readFileTool } from '../../server/tools/read-file.js';
import { searchTool } from '../../server/tools/search.js';

describe('coerceScalars: a line range given as one value', () => {
  it('maps "lines": "40-60", [40, 60] and "line_range": "40:60" onto start_line and end_line of read_file', () => {
    expect(coerceScalars(readFileTool, { path: 'a.js', lines: '40-60' })).toEqual({ path: 'a.js', start_line: 40, end_line: 60 });
    expect(coerceScalars(readFileTool, { path: 'a.js', lines: [40, 60] })).toEqual({ path: 'a.js', start_line: 40, end_line: 60 });
    expect(coerceScalars(readFileTool, { path: 'a.js', line_range: '40:60' })).toEqual({ path: 'a.js', start_line: 40, end_line: 60 });
  });

  it('leaves an explicit start_line, a non-range value, and tools without line parameters alone', () => {
    expect(coerceScalars(readFileTool, { path: 'a.js', start_line: 5, lines: '40-60' })).toEqual({ path: 'a.js', start_line: 5, lines: '40-60' });
    expect(coerceScalars(readFileTool, { path: 'a.js', lines: 'all' })).toEqual({ path: 'a.js', lines: 'all' });
    expect(coerceScalars(searchTool, { pattern: 'x', lines: '1-2' })).toEqual({ pattern: 'x', lines: '1-2' });
  });
});
