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

// --- "count steps" for a whole ordinary run ---------------------------------------------------

fn steps_of(runner: &Runner, source: &str) -> (Option<dunder::runner::StepCount>, String) {
    let program = Program { source: source.into(), count_steps: true, ..Default::default() };
    let (outcome, chunks) = runner.run_collect(&program);
    (outcome.steps, chunks.into_iter().map(|(_, t)| t).collect())
}

#[test]
fn count_steps_counts_the_programs_lines_only_when_asked() {
    let runner = Runner::new().unwrap();
    let looped = |n: u64| steps_of(&runner, &format!("total = 0\nfor i in range({n}):\n    total += i\n")).0.unwrap();
    let (ten, hundred, thousand) = (looped(10), looped(100), looped(1000));
    assert!(ten.complete && thousand.complete);
    // Two lines per turn of the loop plus a constant: the growth is exactly linear.
    assert_eq!(hundred.lines - ten.lines, 2 * 90, "{ten:?} {hundred:?}");
    assert_eq!(thousand.lines - hundred.lines, 10 * (hundred.lines - ten.lines));
    assert_eq!(looped(1000), thousand, "the same count on every run");
    // print()'s way out runs through Dunder's stream shim: not the program's steps.
    let (printed, out) = steps_of(&runner, "print('a')\nprint('b')\n");
    assert_eq!((printed.unwrap().lines, out.as_str()), (2, "a\nb\n"));
    // Lines up to an uncaught error count; formatting its traceback does not.
    let (failed, out) = steps_of(&runner, "x = 1\ny = 2\nraise ValueError('no')\n");
    assert_eq!(failed.unwrap().lines, 3);
    assert!(out.contains("ValueError: no"), "{out}");
    // A program that installs its own tracer: the count is marked incomplete.
    let (own, _) = steps_of(&runner, "import sys\nsys.settrace(None)\nx = 1\n");
    assert!(!own.unwrap().complete);
    // Not asked: no count, and the meter is never set.
    let (outcome, _) = runner.run_collect(&Program { source: "import sys\nprint(sys.gettrace())\n".into(), ..Default::default() });
    assert_eq!(outcome.steps, None);
}

#[test]
fn a_step_count_reads_as_words() {
    use dunder::runner::StepCount;
    assert_eq!(StepCount { lines: 1, complete: true }.describe(), "1 step");
    assert_eq!(StepCount { lines: 1_234_567, complete: true }.describe(), "1,234,567 steps");
    assert_eq!(StepCount { lines: 999, complete: true }.describe(), "999 steps");
    assert!(StepCount { lines: 1000, complete: false }.describe().starts_with("at least 1,000 steps (the program replaced"));
}

/// The performance lesson tells readers what Measure growth reports for its snippet's three
/// searches; this holds the lesson to it, on the lesson's own code.
#[test]
fn the_performance_lessons_searches_fit_the_classes_it_promises() {
    use dunder::lesson::{Block, parse_course, read_lesson_files};
    let files = read_lesson_files(std::path::Path::new("lessons")).unwrap();
    let course = parse_course(&files).unwrap();
    let lesson = course.lessons.iter().find(|l| l.slug == "performance").expect("the performance lesson");
    let source = lesson
        .blocks()
        .find_map(|b| match b {
            Block::Runnable(r) if r.code.contains("def search_sorted") => Some(r.code.clone()),
            _ => None,
        })
        .expect("the lesson's search snippet");
    let runner = Runner::new().unwrap();
    for (function, input, expected) in [("search_list", "keys", Growth::Linear), ("search_set", "key_set", Growth::Constant), ("search_sorted", "keys", Growth::Log)] {
        let request = InspectRequest { growth: Some(GrowthQuery { function: function.into(), input: Some(input.into()) }), ..Default::default() };
        let (report, _) = runner.inspect_collect(&Program { source: source.clone(), ..Default::default() }, &request);
        let measure = report.unwrap().growth.unwrap();
        let fit = measure.fit().unwrap_or_else(|| panic!("{function}: no fit from {:?}", measure));
        assert_eq!(fit.growth, expected, "{function} on {input}: {fit:?} from {:?}", measure.points);
        eprintln!("{function} on {input}: {} (R² {:.4}), {} sizes", fit.growth.label(), fit.r_squared, measure.points.len());
    }
}
