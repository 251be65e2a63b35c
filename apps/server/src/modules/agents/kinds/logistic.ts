/**
 * Logistic regression, small and exact: features standardized on the training rows, full-batch gradient descent
 * from zero weights with a fixed number of steps and a light L2 penalty, so the same rows always give the same
 * model (no random start, no early stopping).
 */
export interface LogisticModel {
  weights: number[];
  bias: number;
  means: number[];
  scales: number[];
}

const STEPS = 600;
const LEARNING_RATE = 0.5;
const L2 = 0.001;

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(rows: number[][], labels: boolean[]): LogisticModel {
  const width = rows[0]?.length ?? 0;
  const means = Array.from({ length: width }, (_, j) => mean(rows.map((r) => r[j]!)));
  const scales = means.map((m, j) => Math.sqrt(mean(rows.map((r) => (r[j]! - m) ** 2))) || 1);
  const z = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  const y = labels.map((l) => (l ? 1 : 0));
  const rate = Math.min(0.99, Math.max(0.01, mean(y)));
  const weights = new Array<number>(width).fill(0);
  let bias = Math.log(rate / (1 - rate));
  for (let step = 0; step < STEPS; step++) {
    const gradient = new Array<number>(width).fill(0);
    let gradientBias = 0;
    for (let i = 0; i < z.length; i++) {
      const error = sigmoid(bias + dot(weights, z[i]!)) - y[i]!;
      gradientBias += error;
      for (let j = 0; j < width; j++) gradient[j]! += error * z[i]![j]!;
    }
    for (let j = 0; j < width; j++) {
      weights[j]! -= LEARNING_RATE * (gradient[j]! / z.length + L2 * weights[j]!);
    }
    bias -= (LEARNING_RATE * gradientBias) / z.length;
  }
  return { weights, bias, means, scales };
}

/** Each feature's share of the log-odds: weight × standardized value (zero at the training average). */
export function contributions(model: LogisticModel, row: number[]): number[] {
  return row.map((v, j) => model.weights[j]! * ((v - model.means[j]!) / model.scales[j]!));
}

export function predict(model: LogisticModel, row: number[]): number {
  return sigmoid(model.bias + contributions(model, row).reduce((a, b) => a + b, 0));
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}
