/**
 * The few pieces of probability the wait predictor needs, pure and dependency-free: the standard normal
 * distribution, log-normal service times (fitted on log seconds), and a fixed table of random numbers so that
 * the same queue always gives the same estimate (a status page must not flicker between two refreshes).
 */
import { seededRandom } from '../random/seeded-random';

/** Standard normal CDF, from the complementary error function (Numerical Recipes' erfcc, |error| < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9); p is clamped into (0, 1). */
export function normalQuantile(p: number): number {
  const q0 = Math.min(1 - 1e-15, Math.max(1e-15, p));
  if (q0 < 0.02425) return tail(q0);
  if (q0 > 1 - 0.02425) return -tail(1 - q0);
  const q = q0 - 0.5;
  const r = q * q;
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
}

function tail(q: number): number {
  const r = Math.sqrt(-2 * Math.log(q));
  return (((((C[0]! * r + C[1]!) * r + C[2]!) * r + C[3]!) * r + C[4]!) * r + C[5]!) / ((((D[0]! * r + D[1]!) * r + D[2]!) * r + D[3]!) * r + 1);
}

/** A log-normal duration: ln(seconds) ~ Normal(mu, sigma²). */
export interface LogNormal {
  mu: number;
  sigma: number;
}

export function logNormalMeanSec(d: LogNormal): number {
  return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
}

export function logNormalVarianceSec(d: LogNormal): number {
  const s2 = d.sigma * d.sigma;
  return (Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2);
}

/**
 * What is left of a duration that has already lasted `elapsedSec`, drawn by inverse transform from the
 * distribution conditioned on lasting at least that long; `u` in [0, 1) picks the draw.
 */
export function residualSec(d: LogNormal, elapsedSec: number, u: number): number {
  if (elapsedSec <= 0) return Math.exp(d.mu + d.sigma * normalQuantile(u));
  const done = normalCdf((Math.log(elapsedSec) - d.mu) / d.sigma);
  const q = done + u * (1 - done);
  return Math.max(0, Math.exp(d.mu + d.sigma * normalQuantile(q)) - elapsedSec);
}

/**
 * Fixed random numbers, `rows` × `columns`: standard normals and uniforms. Generated once, on first use,
 * from a constant seed. Row r is one imagined future; column j one ticket of it. Reusing the same numbers for
 * every estimate ("common random numbers") keeps estimates of nearly equal queues nearly equal.
 */
export class DrawTable {
  readonly normals: Float32Array;
  readonly uniforms: Float32Array;

  constructor(
    readonly rows: number,
    readonly columns: number,
    seed: number,
  ) {
    const next = seededRandom(seed);
    this.normals = new Float32Array(rows * columns);
    this.uniforms = new Float32Array(rows * columns);
    // Antithetic futures: row 2k + 1 mirrors row 2k (u ↔ 1 − u), which steadies a mean over rows for free
    // while each row keeps independent draws from one ticket to the next.
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < columns; j++) {
        const i = r * columns + j;
        const u = r % 2 === 0 ? next() : 1 - this.uniforms[i - columns]!;
        this.uniforms[i] = u;
        this.normals[i] = normalQuantile(u);
      }
    }
  }

  normal(row: number, column: number): number {
    return this.normals[row * this.columns + (column % this.columns)]!;
  }

  uniform(row: number, column: number): number {
    return this.uniforms[row * this.columns + (column % this.columns)]!;
  }
}
