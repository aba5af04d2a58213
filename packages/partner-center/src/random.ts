/** A source of uniformly distributed numbers in [0, 1), injected so that jitter is reproducible. */
export type Random = () => number;
