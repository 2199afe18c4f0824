import { left, t, type Either } from '../fp.js';
import type { DecisionMode } from '../kernel/decider.js';
import type { BusinessRuleViolated, DomainError } from '../kernel/errors.js';
import { NonEmptyString, refined, type JsonSchema } from '../kernel/primitives.js';

/**
 * A rule a recorded fact broke. `rule` is the code the same fact gets when it is refused, `ruleSetId`
 * the rule set it was judged under, `article` the article as the project's docs cite it, and
 * `measured` the named numbers that broke it, e.g. `{ requestCount: 2, limit: 1 }`.
 */
export interface RuleBreach<Rule extends string = string, Measure extends string = string> {
  readonly rule: Rule;
  readonly ruleSetId: string;
  readonly article: string;
  readonly measured: Readonly<Record<Measure, number>>;
}

/** A whole number, negative allowed: an apology after its due date was issued -2 working days before it. */
export const MeasuredNumber = refined('MeasuredNumber', t.number, Number.isSafeInteger, 'a whole number', { type: 'integer' });

/** The codec of one rule's breach: its code as a literal and exactly the numbers it measures. */
export const breachCodec = <const Rule extends string, const Measure extends string>(rule: Rule, measures: readonly [Measure, ...Measure[]]) =>
  Object.assign(
    t.type(
      {
        rule: t.literal(rule),
        ruleSetId: NonEmptyString,
        article: NonEmptyString,
        measured: t.type(Object.fromEntries(measures.map((m) => [m, MeasuredNumber])) as Record<Measure, typeof MeasuredNumber>),
      },
      rule,
    ),
    { measures },
  );

/** What `breachList` needs of a breach codec (structurally: the literal codes make them differ). */
type AnyBreachCodec = t.Mixed & { readonly props: { readonly rule: { readonly value: string } }; readonly measures: readonly string[] };

/**
 * The optional `breaches` field of an event that may be recorded in spite of a rule: absent means
 * none, so events written before breaches were recorded still decode (sciety style).
 */
export const breachList = <const C extends readonly [AnyBreachCodec, ...AnyBreachCodec[]]>(codecs: C) => {
  type Member = t.Type<t.TypeOf<C[number]>, t.OutputOf<C[number]>, unknown>;
  const member = (codecs.length === 1 ? codecs[0] : t.union(codecs as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]])) as Member;
  const list = t.array(member);
  const described = codecs.map((c) => `\`${c.props.rule.value}\` (measured ${c.measures.map((m) => `\`${m}\``).join(', ')})`);
  const jsonSchema: JsonSchema = {
    type: 'array',
    description: `rules this fact broke, recorded instead of refused (each with \`ruleSetId\`, \`article\`, \`measured\`): ${described.join(' or ')}`,
    items: { oneOf: codecs.map((c) => schemaOf(c)) },
  };
  return Object.assign(list, { jsonSchema });
};

const schemaOf = (codec: AnyBreachCodec): JsonSchema => ({
  type: 'object',
  properties: {
    rule: { const: codec.props.rule.value },
    ruleSetId: { type: 'string', minLength: 1 },
    article: { type: 'string', minLength: 1 },
    measured: {
      type: 'object',
      properties: Object.fromEntries(codec.measures.map((m) => [m, { type: 'integer' }])),
      required: [...codec.measures],
    },
  },
  required: ['rule', 'ruleSetId', 'article', 'measured'],
});

/** Any breach, as read models read it back: the rule and the numbers, whatever the rule. */
export const AnyRuleBreach = t.type(
  { rule: NonEmptyString, ruleSetId: NonEmptyString, article: NonEmptyString, measured: t.record(t.string, MeasuredNumber) },
  'RuleBreach',
);

/** What a decider found against one rule: the breach to record, or the refusal to return. */
export interface Finding<B extends RuleBreach> {
  readonly breach: B;
  readonly refusal: BusinessRuleViolated;
}

/**
 * The one place a decider turns findings into a decision. `refuse` (the default) returns the first
 * finding's refusal, exactly as the rule has always refused; `record` goes on and hands the breaches
 * to `decideRest`, which appends the fact with them (and may still refuse for other reasons).
 */
export const judge = <F extends Finding<RuleBreach> | undefined, E>(
  mode: DecisionMode | undefined,
  findings: readonly F[],
  decideRest: (breaches: readonly NonNullable<F>['breach'][]) => Either<DomainError, readonly E[]>,
): Either<DomainError, readonly E[]> => {
  const found = findings.filter((f): f is NonNullable<F> => f !== undefined);
  const first = found[0];
  if ((mode ?? 'refuse') === 'refuse' && first !== undefined) return left(first.refusal);
  return decideRest(found.map((f) => f.breach));
};

/** The `breaches` field of an event's data: left out when there are none. */
export const withBreaches = <B>(breaches: readonly B[]): { breaches?: B[] } => (breaches.length === 0 ? {} : { breaches: [...breaches] });
