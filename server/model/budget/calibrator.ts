/**
 * Learns how far the estimate is from the server's reported prompt tokens and corrects it: a smoothed,
 * bounded multiplier. The server's usage is the truth; this object only holds numbers (no I/O).
 */

export interface CalibratorOptions {
  /** Weight of a new observation in the moving average (0..1). */
  alpha?: number;
  /** Bounds of the multiplier: one absurd report cannot make the budget useless. */
  min?: number;
  max?: number;
  /** Starting multiplier. */
  initial?: number;
  /** Observations with fewer actual tokens than this are too noisy to learn from. */
  minTokens?: number;
}

export class Calibrator {
  private value: number;
  private count = 0;
  private readonly alpha: number;
  private readonly min: number;
  private readonly max: number;
  private readonly minTokens: number;

  constructor(options: CalibratorOptions = {}) {
    this.alpha = options.alpha ?? 0.3;
    this.min = options.min ?? 0.5;
    this.max = options.max ?? 2.5;
    this.minTokens = options.minTokens ?? 64;
    this.value = clamp(options.initial ?? 1, this.min, this.max);
  }

  /** The current multiplier for raw estimates; pass `() => calibrator.scale()` to createEstimator. */
  scale(): number {
    return this.value;
  }

  /** Number of observations learnt from. */
  observations(): number {
    return this.count;
  }

  /**
   * Records one request: `rawEstimate` is the UNSCALED estimate (estimator total / scale()), `actual` the
   * server's `usage.prompt_tokens`. Returns whether the pair was used.
   */
  observe(rawEstimate: number, actual: number): boolean {
    if (!Number.isFinite(rawEstimate) || !Number.isFinite(actual) || rawEstimate <= 0 || actual < this.minTokens) return false;
    const ratio = clamp(actual / rawEstimate, this.min, this.max);
    // The first observation replaces the prior outright: the prior is a guess, the server is the truth.
    this.value = this.count === 0 ? ratio : clamp(this.value + this.alpha * (ratio - this.value), this.min, this.max);
    this.count++;
    return true;
  }

  /** Same as observe() but takes a scaled estimate (what the estimator returned at the time). */
  observeScaled(scaledEstimate: number, actual: number): boolean {
    return this.observe(scaledEstimate / this.value, actual);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
