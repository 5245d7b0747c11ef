import { describe, expect, it } from 'vitest';
import { filesOf, identifiersOf } from '../../server/agent/host.js';

describe('what a task mentions (the repo map focus)', () => {
  it('keeps a member form whole next to its parts', () => {
    const ids = identifiersOf('Make UserStore.parseUser reject empty names');
    expect(ids).toContain('UserStore.parseUser');
    expect(ids).toContain('parseUser');
    expect(ids).toContain('UserStore');
  });

  it('reads Class#method and Type::method member forms', () => {
    expect(identifiersOf('fix Parser#nextToken')).toContain('Parser#nextToken');
    expect(identifiersOf('in Shape::area the radius is squared twice')).toContain('Shape::area');
  });

  it('does not take file names for members, and finds them as files', () => {
    const task = 'rename load_user in src/user_store.py and lib/userStore.ts';
    expect(identifiersOf(task)).not.toContain('user_store.py');
    expect(identifiersOf(task).some((x) => x.endsWith('.ts') || x.endsWith('.py'))).toBe(false);
    expect(identifiersOf(task)).toContain('load_user');
    expect(filesOf(task)).toEqual(['src/user_store.py', 'lib/userStore.ts']);
  });

  it('leaves plain prose words out', () => {
    expect(identifiersOf('please make the tests pass')).toEqual([]);
  });
});
