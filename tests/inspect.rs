//! The Inspect run (src/inspect, runner/python/_dunder_inspect.py): facts read from the real VM
//! after a program ran: classes and MROs, super() chains, attribute-lookup traces, the
//! class-creation timeline and exception trees, plus hostile programs.

use dunder::inspect::report::{EventKind, Landing, LookupQuery, Place, SuperQuery};
use dunder::inspect::{InspectReport, InspectRequest, c3};
use dunder::protocol::{FromWorker, ToWorker};
use dunder::runner::{Ending, Program, Runner, output::Stream};

fn with_runner<R>(f: impl FnOnce(&Runner) -> R) -> R {
    thread_local! { static RUNNER: Runner = Runner::new().expect("interpreter starts"); }
    RUNNER.with(f)
}

fn program(source: &str) -> Program {
    Program { source: source.into(), ..Default::default() }
}

fn inspect_with(source: &str, request: &InspectRequest) -> (InspectReport, String) {
    let (report, chunks) = with_runner(|r| r.inspect_collect(&program(source), request));
    let stdout = chunks.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.as_str()).collect();
    (report.unwrap_or_else(|e| panic!("the inspector broke: {e}")), stdout)
}

fn inspect(source: &str) -> InspectReport {
    inspect_with(source, &InspectRequest::default()).0
}

// --- classes, MROs, super() -------------------------------------------------------------------

const SHAPES: &str = r#"
class Meta(type):
    pass

class Base(metaclass=Meta):
    def save(self):
        calls.append("Base")

class Audit(Base):
    def save(self):
        calls.append("Audit")
        super().save()

class Cache(Base):
    def save(self):
        calls.append("Cache")
        super().save()

class Quiet(Base):
    def save(self):
        calls.append("Quiet")          # does not call super(): the chain stops here

class Model(Audit, Cache):
    pass

class Muted(Audit, Quiet, Cache):
    pass

def make():
    class Node:
        pass
    return Node

First, Second = make(), make()

class A: pass
class B: pass
class X(A, B): pass
class Y(B, A): pass
try:
    class Z(X, Y): pass
except TypeError as e:
    print(e)

calls = []
Model().save()
print(calls)
calls = []
Muted().save()
print(calls)
"#;

#[test]
fn classes_and_mros_come_from_the_vm() {
    let report = inspect(SHAPES);
    assert_eq!(report.ending, Ending::Completed);
    let class = |id: &str| report.classes.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no class {id}: {:?}", report.classes.iter().map(|c| &c.id).collect::<Vec<_>>()));
    let model = class("Model");
    assert_eq!(model.bases, ["Audit", "Cache"]);
    assert_eq!(model.mro, ["Model", "Audit", "Cache", "Base", "object"]);
    assert_eq!(model.metaclass, "Meta");
    assert_eq!(class("Meta").metaclass, "type");
    assert!(model.made_by_program && !class("object").made_by_program);
    // Two classes with one qualname stay apart.
    assert_eq!(class("make.<locals>.Node").name, "Node");
    assert_eq!(class("make.<locals>.Node#2").qualname, "make.<locals>.Node");
    // The impossible class is reported with Python's message, and the Rust merge shows the
    // exact constraints that block it.
    let z = report.failed_classes.iter().find(|f| f.name == "Z").expect("Z failed");
    assert_eq!(z.bases, ["X", "Y"]);
    assert!(z.error.starts_with("TypeError: Cannot create a consistent method resolution order"), "{}", z.error);
    let merge = c3::explain("Z", &report.graph()).unwrap();
    let c3::Failure::Inconsistent { rejected, .. } = merge.result.unwrap_err() else { panic!() };
    assert_eq!((rejected[0].head.as_str(), rejected[0].in_tail_of.as_str()), ("A", "L[Y]"));
    // Every class the program made: Rust's C3 equals the VM's __mro__.
    let merges = c3::linearize_all(&report.graph());
    for c in &report.classes {
        assert_eq!(merges[&c.id].result.as_ref().ok(), Some(&c.mro), "{}", c.id);
    }
}

#[test]
fn super_chains_follow_the_mro_the_calls_really_take() {
    let request = InspectRequest {
        supers: vec![
            SuperQuery { class: "Model".into(), method: "save".into() },
            SuperQuery { class: "Muted".into(), method: "save".into() },
            SuperQuery { class: "Model".into(), method: "nothing".into() },
            SuperQuery { class: "Nope".into(), method: "save".into() },
        ],
        ..Default::default()
    };
    let (report, stdout) = inspect_with(SHAPES, &request);
    let printed: Vec<&str> = stdout.lines().collect();
    let chain = |i: usize| report.supers[i].chain.iter().map(|l| l.class.clone()).collect::<Vec<_>>();
    // The program printed the order the calls really ran in; the chain must be the same.
    assert_eq!(printed[1], format!("{:?}", chain(0)).replace('"', "'"));
    assert_eq!(printed[2], format!("{:?}", chain(1)).replace('"', "'"));
    assert_eq!(chain(1), ["Audit", "Quiet"]);
    assert!(!report.supers[1].chain[1].calls_super);
    // super() inside Audit reaches Cache for a Model, but Quiet for a Muted.
    let inside = |i: usize, class: &str| report.supers[i].resolutions.iter().find(|r| r.inside == class).unwrap().reaches.clone();
    assert_eq!(inside(0, "Audit").as_deref(), Some("Cache"));
    assert_eq!(inside(1, "Audit").as_deref(), Some("Quiet"));
    assert_eq!(inside(0, "Base"), None);
    assert!(report.supers[2].error.as_ref().unwrap().contains("defines 'nothing'"));
    assert!(report.supers[3].error.as_ref().unwrap().starts_with("no class 'Nope'"));
}

#[test]
fn the_protocol_carries_inspect_requests_and_reports() {
    let request = InspectRequest { lookups: vec![LookupQuery { target: "p".into(), name: "x".into(), assign: None }], ..Default::default() };
    let message = ToWorker::Inspect { id: 7, program: program("class P: pass\np = P()\np.x = 1"), request };
    let json = serde_json::to_string(&message).unwrap();
    assert!(json.starts_with(r#"{"type":"inspect","id":7"#), "{json}");
    let ToWorker::Inspect { request, .. } = serde_json::from_str(&json).unwrap() else { panic!() };
    assert_eq!(request.lookups[0].name, "x");
    // A request from an older page without the optional lists still parses.
    let old: ToWorker = serde_json::from_str(r#"{"type":"inspect","id":1,"program":{"source":""},"request":{}}"#).unwrap();
    assert!(matches!(old, ToWorker::Inspect { .. }));
    let report = inspect("class P: pass\np = P()\np.x = 1");
    let reply = serde_json::to_string(&FromWorker::Inspected { id: 7, report: report.clone(), elapsed_ms: 1.0 }).unwrap();
    let FromWorker::Inspected { report: back, .. } = serde_json::from_str(&reply).unwrap() else { panic!() };
    assert_eq!(back, report);
}

#[test]
fn ordinary_runs_load_nothing_of_the_inspector() {
    // A fresh interpreter: running a program does not import the inspector.
    let runner = Runner::new().unwrap();
    let check = "import sys, builtins\nprint('_dunder_inspect' in sys.modules, type(builtins.__build_class__).__name__, sys.getprofile())";
    let out = |r: &Runner| r.run_collect(&program(check)).1.into_iter().map(|(_, t)| t).collect::<String>();
    assert_eq!(out(&runner), "False builtin_function_or_method None\n");
    // After an inspect run, the next ordinary run finds the builtins and the profiler as they were.
    runner.inspect(&program("class A: pass\nclass B(A): pass"), &InspectRequest::default(), |_, _| {}).unwrap();
    assert!(out(&runner).ends_with("builtin_function_or_method None\n"));
}
