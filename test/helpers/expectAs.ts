/**
 * `expect` with a label, for assertions inside loops: a failure names the case it was checking.
 *
 *   for (const key of keys) expectAs(key, parse(key)).toBe(null);
 */
import { expect } from '@jest/globals';

export function expectAs<T>(label: string, value: T): ReturnType<typeof expect<T>> {
  const labelled = (matchers: object): object =>
    new Proxy(matchers, {
      get(target, property, receiver) {
        const member = Reflect.get(target, property, receiver) as unknown;
        if (property === 'not' || property === 'resolves' || property === 'rejects') return labelled(member as object);
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          const label_ = `[${label}] `;
          try {
            const result = (member as (...a: unknown[]) => unknown).apply(target, args);
            if (result instanceof Promise) {
              return result.catch((error: unknown) => {
                if (error instanceof Error) error.message = label_ + error.message;
                throw error;
              });
            }
            return result;
          } catch (error) {
            if (error instanceof Error) error.message = label_ + error.message;
            throw error;
          }
        };
      },
    });
  return labelled(expect(value)) as ReturnType<typeof expect<T>>;
}
