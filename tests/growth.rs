//! "Measure growth" (issue 14): the step meter (`runner/python/_dunder_steps.py`, executed line
//! events under `sys.settrace`) run at growing n through an Inspect request, and the fitted
//! class (`inspect::growth`). Built-ins are measured through the Python code they call back
//! (an element's `__eq__`, `__hash__`, `__lt__`), so their comparisons are what is counted.

use dunder::inspect::growth::Growth;
use dunder::inspect::report::{GrowthMeasure, GrowthQuery};
use dunder::inspect::InspectRequest;
use dunder::runner::{Program, Runner};

/// Elements whose comparisons and hashes run Python lines: what a built-in does with them
/// becomes countable.
const KEYS: &str = r#"
class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __lt__(self, other):
        return self.v < other.v
    def __hash__(self):
        return hash(self.v)

def keys(n):
    return [Key((i * 7919) % n) for i in range(n)]

def member_list(items):
    return Key(-1) in items

def as_set(n):
    return set(keys(n))

def member_set(items):
    return Key(-1) in items

def sort(items):
    return sorted(items)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def pairs(n):
    count = 0
    for i in range(n):
        for j in range(n):
            count += 1
    return count

def halves(n):
    while n > 1:
        n //= 2

def broken(n):
    if n > 5:
        raise ValueError("too big")
"#;

fn measure(runner: &Runner, function: &str, input: Option<&str>) -> GrowthMeasure {
    let request = InspectRequest {
        growth: Some(GrowthQuery { function: function.into(), input: input.map(Into::into) }),
        ..Default::default()
    };
    let (report, _) = runner.inspect_collect(&Program { source: KEYS.into(), ..Default::default() }, &request);
    report.unwrap_or_else(|e| panic!("the inspector broke: {e}")).growth.expect("a growth measure")
}

#[test]
fn known_functions_get_their_textbook_class_and_the_same_steps_every_time() {
    let runner = Runner::new().expect("interpreter starts");
    let cases = [
        ("member_list", Some("keys"), Growth::Linear),
        ("member_set", Some("as_set"), Growth::Constant),
        ("sort", Some("keys"), Growth::NLogN),
        ("fib", None, Growth::Exponential),
        ("pairs", None, Growth::Quadratic),
        ("halves", None, Growth::Log),
    ];
    for (function, input, expected) in cases {
        let first = measure(&runner, function, input);
        assert_eq!(first.error, None, "{function}");
        assert!(first.points.len() >= 6, "{function}: {:?} ({})", first.points, first.stopped);
        let fit = first.fit().expect("enough sizes to fit");
        eprintln!("{function}: {} R² {:.4}, {} sizes, {}", fit.growth.label(), fit.r_squared, first.points.len(), first.stopped);
        assert_eq!(fit.growth, expected, "{function}: {:?}", first.points);
        assert!(fit.r_squared > 0.95, "{function}: R² {}", fit.r_squared);
        // Deterministic: a second measurement counts exactly the same steps.
        assert_eq!(measure(&runner, function, input).points, first.points, "{function}");
    }
}

#[test]
fn budgets_errors_and_bad_names_are_reported_with_what_was_measured() {
    let runner = Runner::new().expect("interpreter starts");
    let fib = measure(&runner, "fib", None);
    assert!(fib.stopped.contains("would take more than 300,000 steps"), "{}", fib.stopped);
    let broken = measure(&runner, "broken", None);
    assert_eq!(broken.points.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(broken.stopped, "n = 6 raised ValueError: too big");
    assert_eq!(measure(&runner, "nothing", None).error.as_deref(), Some("could not evaluate 'nothing': NameError: name 'nothing' is not defined"));
    assert_eq!(measure(&runner, "Key.__init__.__code__", None).error.as_deref(), Some("'Key.__init__.__code__' is not a function"));
}
