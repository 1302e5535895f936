import { problemsOf, rawEnvironment, type ShippedEnvironment } from './synth';

/** Raw environment data before validation. */
export type Raw = Record<string, unknown>;

/** Raw YAML data, navigated freely to build bad inputs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped on purpose: tests write values the schema rejects
export type Loose = Raw & Record<string, any>;

/** A shipped environment's raw data with one change applied. */
export function changed(mutate: (raw: Loose) => void, base: ShippedEnvironment = 'dev'): Raw {
  const raw = rawEnvironment(base) as Loose;
  mutate(raw);
  return raw;
}

/** The single problem line a change produces; fails when there is not exactly one. */
export function onlyProblem(raw: unknown): string {
  const problems = problemsOf(raw, 'env.yaml');
  expect(problems).toHaveLength(1);
  return problems[0]!;
}
