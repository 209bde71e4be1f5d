//! Which growth class a cost curve follows: given (n, steps) pairs measured at growing sizes,
//! fit each candidate class and name the one that explains the points best, with the fit's
//! quality. Step counts (executed line events) are deterministic, so the fit is the same on
//! every run; this module only does the arithmetic (issue 14's "Measure growth").
//!
//! Each polynomial-like class is fitted as `steps ≈ a + b·f(n)` by least squares, the
//! exponential one as `ln steps ≈ a + b·n`. Errors are compared on a log scale (a 10 % miss
//! counts the same at n = 10 and at n = 10 000), and a more complex class must beat the simpler
//! ones clearly before it is named, so `3n + 40` stays O(n), not O(n log n).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    Constant,
    Log,
    Linear,
    NLogN,
    Quadratic,
    Exponential,
}

impl Growth {
    /// As the page and lessons write it.
    pub fn label(self) -> &'static str {
        match self {
            Growth::Constant => "O(1)",
            Growth::Log => "O(log n)",
            Growth::Linear => "O(n)",
            Growth::NLogN => "O(n log n)",
            Growth::Quadratic => "O(n²)",
            Growth::Exponential => "O(2ⁿ)",
        }
    }

    /// Simplest first: the order in which classes are tried.
    pub const ALL: [Growth; 6] = [Growth::Constant, Growth::Log, Growth::Linear, Growth::NLogN, Growth::Quadratic, Growth::Exponential];

    fn shape(self, n: f64) -> f64 {
        match self {
            Growth::Constant => 0.0,
            Growth::Log => n.max(1.0).ln(),
            Growth::Linear => n,
            Growth::NLogN => n * n.max(1.0).ln(),
            Growth::Quadratic => n * n,
            Growth::Exponential => n,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub growth: Growth,
    /// R² of the named class on the log scale (1 = the points lie on its curve).
    pub r_squared: f64,
    /// Every class's error (mean squared log miss), in [`Growth::ALL`] order, for the page's table.
    pub errors: Vec<(Growth, f64)>,
}

/// A more complex class is named only if its error is below this share of the best simpler one's.
const CLEARLY_BETTER: f64 = 0.5;
/// Errors below this are "exact": counting noise, not a worse fit.
const EXACT: f64 = 1e-6;

/// Weighted least squares `y ≈ a + b·x` (weights `ws`); `None` when every x is the same.
fn line(xs: &[f64], ys: &[f64], ws: &[f64]) -> Option<(f64, f64)> {
    let total: f64 = ws.iter().sum();
    let mean = |vs: &[f64]| vs.iter().zip(ws).map(|(v, w)| v * w).sum::<f64>() / total;
    let (mx, my) = (mean(xs), mean(ys));
    let sxx: f64 = xs.iter().zip(ws).map(|(x, w)| w * (x - mx) * (x - mx)).sum();
    if sxx <= f64::EPSILON * total * mx.abs().max(1.0) {
        return None;
    }
    let sxy: f64 = xs.iter().zip(ys).zip(ws).map(|((x, y), w)| w * (x - mx) * (y - my)).sum();
    let b = sxy / sxx;
    Some((my - b * mx, b))
}

/// The class's fitted steps at each point's size, for drawing the curve (`None`: no fit).
pub fn curve(growth: Growth, points: &[(f64, f64)]) -> Option<Vec<f64>> {
    predict(growth, points)
}

/// The class's predictions at the points' sizes, or `None` if it cannot be fitted.
fn predict(growth: Growth, points: &[(f64, f64)]) -> Option<Vec<f64>> {
    let ns: Vec<f64> = points.iter().map(|p| p.0).collect();
    let steps: Vec<f64> = points.iter().map(|p| p.1).collect();
    match growth {
        Growth::Constant => {
            let mean = steps.iter().sum::<f64>() / steps.len() as f64;
            Some(vec![mean; steps.len()])
        }
        Growth::Exponential => {
            let logs: Vec<f64> = steps.iter().map(|s| s.max(1.0).ln()).collect();
            let (a, b) = line(&ns, &logs, &vec![1.0; ns.len()])?;
            // A shrinking or flat exponential is not exponential growth.
            (b > 0.0).then(|| ns.iter().map(|n| (a + b * n).exp()).collect())
        }
        _ => {
            let xs: Vec<f64> = ns.iter().map(|n| growth.shape(*n)).collect();
            // Relative misses, as the comparison judges them: unweighted, the largest sizes
            // would set the line alone and its intercept could go negative at n = 1.
            let ws: Vec<f64> = steps.iter().map(|s| 1.0 / s.max(1.0).powi(2)).collect();
            let (a, b) = line(&xs, &steps, &ws)?;
            (b > 0.0).then(|| xs.iter().map(|x| a + b * x).collect())
        }
    }
}

/// Mean squared miss on the log scale; a prediction of zero or less is a failed fit.
fn log_error(predicted: &[f64], observed: &[f64]) -> f64 {
    let misses: Vec<f64> = predicted.iter().zip(observed).map(|(p, o)| if *p <= 0.0 { f64::INFINITY } else { (p.ln() - o.max(1.0).ln()).powi(2) }).collect();
    misses.iter().sum::<f64>() / misses.len() as f64
}

/// Fit `(n, steps)` points (at least three distinct sizes, steps ≥ 1). `None` if too few.
pub fn fit(points: &[(f64, f64)]) -> Option<Fit> {
    let mut sizes: Vec<f64> = points.iter().map(|p| p.0).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    if sizes.len() < 3 || points.iter().any(|(n, s)| !n.is_finite() || !s.is_finite() || *n < 0.0 || *s < 0.0) {
        return None;
    }
    let observed: Vec<f64> = points.iter().map(|p| p.1).collect();
    let errors: Vec<(Growth, f64)> = Growth::ALL
        .iter()
        .map(|g| (*g, predict(*g, points).map_or(f64::INFINITY, |p| log_error(&p, &observed))))
        .collect();
    let mut best = errors[0];
    for &(growth, error) in &errors[1..] {
        if best.1 > EXACT && error < best.1 * CLEARLY_BETTER {
            best = (growth, error);
        }
    }
    let logs: Vec<f64> = observed.iter().map(|o| o.max(1.0).ln()).collect();
    let mean = logs.iter().sum::<f64>() / logs.len() as f64;
    let total = logs.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / logs.len() as f64;
    let r_squared = if total <= EXACT { if best.1 <= EXACT { 1.0 } else { 0.0 } } else { (1.0 - best.1 / total).max(0.0) };
    Some(Fit { growth: best.0, r_squared, errors })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(sizes: &[f64], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
        sizes.iter().map(|n| (*n, f(*n).round())).collect()
    }

    const SIZES: [f64; 8] = [16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0];

    #[test]
    fn each_class_is_named_from_its_own_curve_with_offsets() {
        let cases: [(Growth, Box<dyn Fn(f64) -> f64>); 5] = [
            (Growth::Constant, Box::new(|_| 7.0)),
            (Growth::Log, Box::new(|n| 4.0 * n.log2() + 3.0)),
            (Growth::Linear, Box::new(|n| 3.0 * n + 40.0)),
            (Growth::NLogN, Box::new(|n| 2.0 * n * n.log2() + 5.0)),
            (Growth::Quadratic, Box::new(|n| n * n / 2.0 + n)),
        ];
        for (want, f) in cases {
            let fit = fit(&curve(&SIZES, f)).unwrap();
            assert_eq!(fit.growth, want, "{fit:?}");
            assert!(fit.r_squared > 0.99, "{want:?}: {fit:?}");
        }
        // A naive recursive fib: calls grow like φⁿ.
        let fib_calls = |n: f64| {
            let (mut a, mut b) = (1.0_f64, 1.0_f64);
            for _ in 0..n as usize {
                (a, b) = (b, a + b + 1.0);
            }
            a
        };
        let fit = fit(&curve(&[4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0], fib_calls)).unwrap();
        assert_eq!(fit.growth, Growth::Exponential, "{fit:?}");
    }

    #[test]
    fn too_few_or_bad_points_give_no_fit() {
        assert!(fit(&[(1.0, 1.0), (2.0, 2.0)]).is_none());
        assert!(fit(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]).is_none(), "one size only");
        assert!(fit(&[(1.0, 1.0), (2.0, f64::NAN), (3.0, 3.0)]).is_none());
    }

    #[test]
    fn the_same_points_give_the_same_fit() {
        let points = curve(&SIZES, |n| 5.0 * n + 2.0);
        assert_eq!(fit(&points), fit(&points));
        assert_eq!(Growth::Linear.label(), "O(n)");
    }
}
