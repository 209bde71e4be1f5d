//! The Inspect run (src/inspect, runner/python/_dunder_inspect.py): facts read from the real VM
//! after a program ran: classes and MROs, super() chains, attribute-lookup traces, the
//! class-creation timeline and exception trees, plus hostile programs.

#[path = "common/cpython.rs"]
mod cpython;
use cpython::run_under_cpython;
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

// --- attribute lookup -------------------------------------------------------------------------

const OBJECTS: &str = r#"
import functools

class Celsius:
    """A data descriptor: wins over the instance dict."""
    def __set_name__(self, owner, name):
        self.slot = "_" + name
    def __get__(self, obj, owner=None):
        return self if obj is None else getattr(obj, self.slot, 0)
    def __set__(self, obj, value):
        setattr(obj, self.slot, value)

class Lazy:
    """A non-data descriptor: the instance dict shadows it."""
    def __get__(self, obj, owner=None):
        return "lazy"

class Thermo:
    kind = "thermo"
    temp = Celsius()
    cheap = Lazy()
    def __init__(self):
        self.__dict__["temp"] = "shadow?"     # loses to the data descriptor
        self.__dict__["cheap"] = "shadowed"   # wins over the non-data descriptor
        self.own = 1
    @property
    def doubled(self):
        return self.temp * 2
    @doubled.setter
    def doubled(self, v):
        self.temp = v / 2
    @property
    def broken(self):
        raise ValueError("sensor offline")
    @property
    def read_only(self):
        return "ro"
    def method(self):
        return 1
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def helper(x):
        return x
    @functools.cached_property
    def slow(self):
        return 42

class Sub(Thermo):
    kind = "sub"

class Slotted:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = 1

class Fallback:
    present = "here"
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name.upper()
        raise AttributeError(name)

class Spy:
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)

class Hostile:
    def __getattribute__(self, name):
        raise RuntimeError("no peeking")

class Recursive:
    def __getattr__(self, name):
        return self.missing_too

class Meta(type):
    registry = "meta value"
    @property
    def label(cls):
        return "label of " + cls.__name__
    def meta_method(cls):
        return cls.__name__

class Model(metaclass=Meta):
    registry = "class value"

class Logged:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("logged", value))

class BadRepr:
    def __repr__(self):
        raise RuntimeError("repr refused")

class HasBad:
    value = BadRepr()

t, s, sl, f, spy, h, r, lg, hb = Thermo(), Sub(), Slotted(), Fallback(), Spy(), Hostile(), Recursive(), Logged(), HasBad()
t.temp = 20
"#;

/// (target, name, the place that must win, its owner).
const LOOKUPS: &[(&str, &str, Place, Option<&str>)] = &[
    ("t", "temp", Place::DataDescriptor, Some("Thermo")),
    ("t", "cheap", Place::InstanceDict, None),
    ("t", "own", Place::InstanceDict, None),
    ("t", "kind", Place::ClassAttribute, Some("Thermo")),
    ("s", "kind", Place::ClassAttribute, Some("Sub")),
    ("s", "temp", Place::DataDescriptor, Some("Thermo")),
    ("t", "doubled", Place::DataDescriptor, Some("Thermo")),
    ("t", "read_only", Place::DataDescriptor, Some("Thermo")),
    ("t", "method", Place::NonDataDescriptor, Some("Thermo")),
    ("t", "make", Place::NonDataDescriptor, Some("Thermo")),
    ("t", "helper", Place::NonDataDescriptor, Some("Thermo")),
    ("s", "method", Place::NonDataDescriptor, Some("Thermo")),
    ("t", "slow", Place::NonDataDescriptor, Some("Thermo")),
    ("t", "slow", Place::InstanceDict, None), // cached_property stored itself in the dict
    ("t", "__class__", Place::DataDescriptor, Some("object")),
    ("t", "__init__", Place::NonDataDescriptor, Some("Thermo")),
    ("Thermo", "temp", Place::ClassMro, Some("Thermo")),
    ("Thermo", "method", Place::ClassMro, Some("Thermo")),
    ("Thermo", "make", Place::ClassMro, Some("Thermo")),
    ("Sub", "helper", Place::ClassMro, Some("Thermo")),
    ("Thermo", "__name__", Place::DataDescriptor, Some("type")),
    ("sl", "x", Place::DataDescriptor, Some("Slotted")),
    ("f", "present", Place::ClassAttribute, Some("Fallback")),
    ("f", "dyn_thing", Place::GetattrHook, Some("Fallback")),
    ("spy", "secret", Place::GetattributeOverride, Some("Spy")),
    ("spy", "__class__", Place::GetattributeOverride, Some("Spy")),
    ("Model", "registry", Place::ClassMro, Some("Model")),
    ("Model", "label", Place::DataDescriptor, Some("Meta")),
    ("Model", "meta_method", Place::MetaclassAttribute, Some("Meta")),
    ("Model", "__mro__", Place::DataDescriptor, Some("type")),
    ("hb", "value", Place::ClassAttribute, Some("HasBad")),
    ("len", "__name__", Place::DataDescriptor, Some("builtin_function_or_method")),
];

/// Lookups that raise: (target, name, the place that answered, words the message must have).
const RAISING: &[(&str, &str, Option<Place>, &str)] = &[
    ("t", "broken", Some(Place::DataDescriptor), "Thermo.broken raised ValueError: sensor offline"),
    ("t", "nowhere", None, "object has no attribute 'nowhere'"),
    ("sl", "y", Some(Place::DataDescriptor), "raised AttributeError"),
    ("f", "other", Some(Place::GetattrHook), "Fallback.__getattr__ raised AttributeError: other"),
    ("h", "anything", Some(Place::GetattributeOverride), "Hostile.__getattribute__ raised RuntimeError: no peeking"),
    ("r", "x", Some(Place::GetattrHook), "RecursionError"),
];

#[test]
fn lookup_traces_name_the_winner_getattr_really_uses() {
    let mut lookups: Vec<LookupQuery> = LOOKUPS.iter().map(|(t, n, _, _)| LookupQuery { target: t.to_string(), name: n.to_string(), assign: None }).collect();
    lookups.extend(RAISING.iter().map(|(t, n, _, _)| LookupQuery { target: t.to_string(), name: n.to_string(), assign: None }));
    lookups.push(LookupQuery { target: "undefined_name".into(), name: "x".into(), assign: None });
    lookups.push(LookupQuery { target: "t".into(), name: "not an identifier".into(), assign: None });
    let request = InspectRequest { lookups, verify_lookups: true, ..Default::default() };
    let (report, _) = inspect_with(OBJECTS, &request);
    assert_eq!(report.ending, Ending::Completed, "{report:?}");
    let mut failures = vec![];
    for ((target, name, place, owner), trace) in LOOKUPS.iter().zip(&report.lookups) {
        let winner = trace.winner.map(|i| &trace.steps[i]);
        let got = winner.map(|w| (w.place, w.owner.as_deref()));
        if got != Some((*place, *owner)) || trace.error.is_some() {
            failures.push(format!("{target}.{name}: traced {got:?} (error {:?}), expected {place:?} {owner:?}\n  {:#?}", trace.error, trace.steps));
        }
        // The traced winner's value is the value getattr(obj, name) returns.
        if trace.same_as_getattr != Some(true) {
            failures.push(format!("{target}.{name}: the traced value {:?} is not getattr's", trace.value));
        }
        // Each step before the winner found nothing that could win.
        if let Some(w) = trace.winner {
            for step in &trace.steps[..w] {
                if step.found && step.place != Place::DataDescriptor {
                    failures.push(format!("{target}.{name}: {step:?} found something yet lost"));
                }
            }
        }
    }
    let offset = LOOKUPS.len();
    for (i, (target, name, place, words)) in RAISING.iter().enumerate() {
        let trace = &report.lookups[offset + i];
        let error = trace.error.clone().unwrap_or_default();
        let got = trace.winner.map(|i| trace.steps[i].place);
        if !error.contains(words) || got != *place || trace.same_as_getattr != Some(true) || trace.getattr_error.is_none() {
            failures.push(format!("{target}.{name}: error {error:?} from {got:?} (getattr: {:?}), expected {words:?} from {place:?}", trace.getattr_error));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(LOOKUPS.len() + RAISING.len() >= 30);
    let undefined = &report.lookups[offset + RAISING.len()];
    assert!(undefined.error.as_ref().unwrap().contains("could not evaluate 'undefined_name': NameError"), "{undefined:?}");
    assert!(report.lookups.last().unwrap().error.as_ref().unwrap().contains("is not an attribute name"));
    // A value whose repr raises is still described, not a crash.
    let bad = &report.lookups[LOOKUPS.iter().position(|l| l.0 == "hb").unwrap()];
    assert!(bad.value.as_ref().unwrap().contains("its repr raised RuntimeError: repr refused"), "{bad:?}");
}

/// (target, name, value expression, where it must land, owner, then in the object's own __dict__,
/// then a lookup (target, name) whose value repr must follow, and that repr).
const ASSIGNMENTS: &[(&str, &str, &str, Landing, Option<&str>, bool, (&str, &str), &str)] = &[
    ("t", "own", "5", Landing::InstanceDict, None, true, ("t", "own"), "5"),
    ("t", "fresh", "'new'", Landing::InstanceDict, None, true, ("t", "fresh"), "'new'"),
    ("t", "cheap", "'mine'", Landing::InstanceDict, None, true, ("t", "cheap"), "'mine'"),
    ("t", "temp", "30", Landing::DataDescriptor, Some("Thermo"), false, ("t", "_temp"), "30"),
    ("t", "doubled", "100", Landing::DataDescriptor, Some("Thermo"), false, ("t", "temp"), "50.0"),
    ("sl", "y", "7", Landing::DataDescriptor, Some("Slotted"), false, ("sl", "y"), "7"),
    ("Thermo", "kind", "'changed'", Landing::ClassDict, Some("Thermo"), true, ("s", "kind"), "'sub'"),
    ("Sub", "extra", "1", Landing::ClassDict, Some("Sub"), true, ("Sub", "extra"), "1"),
    ("Model", "registry", "'y'", Landing::ClassDict, Some("Model"), true, ("Model", "registry"), "'y'"),
    ("Model", "fresh", "'z'", Landing::ClassDict, Some("Model"), true, ("Model", "fresh"), "'z'"),
    ("lg", "v", "3", Landing::SetattrOverride, Some("Logged"), false, ("lg", "v"), "('logged', 3)"),
];

#[test]
fn assignments_land_where_python_puts_them() {
    let mut lookups = vec![];
    for (target, name, value, _, _, _, (then_target, then_name), _) in ASSIGNMENTS {
        lookups.push(LookupQuery { target: target.to_string(), name: name.to_string(), assign: Some(value.to_string()) });
        lookups.push(LookupQuery { target: then_target.to_string(), name: then_name.to_string(), assign: None });
    }
    lookups.push(LookupQuery { target: "Model".into(), name: "label".into(), assign: Some("'x'".into()) });
    lookups.push(LookupQuery { target: "t".into(), name: "read_only".into(), assign: Some("1".into()) });
    let request = InspectRequest { lookups, verify_lookups: true, ..Default::default() };
    let (report, _) = inspect_with(OBJECTS, &request);
    let mut failures = vec![];
    for (i, (target, name, _, landing, owner, in_dict, _, then_repr)) in ASSIGNMENTS.iter().enumerate() {
        let assigned = &report.lookups[2 * i];
        let then = &report.lookups[2 * i + 1];
        match &assigned.landed {
            Some(l) if l.place == *landing && l.owner.as_deref() == *owner && l.in_instance_dict == *in_dict && assigned.error.is_none() => {}
            other => failures.push(format!("{target}.{name} = ...: landed {other:?} (error {:?}), expected {landing:?} {owner:?} in dict {in_dict}", assigned.error)),
        }
        if then.value.as_deref() != Some(then_repr) {
            failures.push(format!("after {target}.{name} = ...: {}.{} is {:?}, expected {then_repr}", then.target, then.name, then.value));
        }
    }
    let label = &report.lookups[report.lookups.len() - 2];
    assert!(label.error.as_ref().is_some_and(|e| e.contains("property 'label' of 'Meta' object has no setter")), "{label:?}");
    assert_eq!(label.landed.as_ref().map(|l| (l.place, l.owner.as_deref())), Some((Landing::DataDescriptor, Some("Meta"))));
    let read_only = report.lookups.last().unwrap();
    assert!(read_only.error.as_ref().is_some_and(|e| e.starts_with("the assignment raised AttributeError")), "{read_only:?}");
    assert_eq!(read_only.landed.as_ref().unwrap().place, Landing::DataDescriptor);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- class-creation timeline ------------------------------------------------------------------

/// Programs whose hooks print `EVENT <kind> <class>` as they run. CPython 3.14's printed order is
/// the reference; the recorder (which prints nothing and reads no source) must give the same.
const TIMELINES: &[&str] = &[
    // a metaclass with every hook, a descriptor, __init_subclass__ and a decorator
    r#"
class Field:
    print("EVENT body Field")
    def __set_name__(self, owner, name):
        print("EVENT set_name", owner.__name__ + "." + name)

class Meta(type):
    print("EVENT body Meta")
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("EVENT prepare", name)
        return {}
    def __new__(mcls, name, bases, ns, **kw):
        print("EVENT meta_new", name)
        return super().__new__(mcls, name, bases, ns, **kw)
    def __init__(cls, name, bases, ns, **kw):
        print("EVENT meta_init", name)
        super().__init__(name, bases, ns)

class Base(metaclass=Meta):
    print("EVENT body Base")
    def __init_subclass__(cls, **kw):
        print("EVENT init_subclass", cls.__name__)
        super().__init_subclass__()

def register(cls):
    print("EVENT decorator", cls.__name__)
    return cls

@register
class Order(Base, flavour="x"):
    print("EVENT body Order")
    total = Field()
    tax = Field()
"#,
    // stacked decorators (innermost first), a decorator factory, __init_subclass__ chains
    r#"
def tag(label):
    def apply(cls):
        print("EVENT decorator", cls.__name__)
        return cls
    return apply

def plain(cls):
    print("EVENT decorator", cls.__name__)
    return cls

class Root:
    print("EVENT body Root")
    def __init_subclass__(cls, **kw):
        print("EVENT init_subclass", cls.__name__)

class Middle(Root):
    print("EVENT body Middle")
    def __init_subclass__(cls, **kw):
        print("EVENT init_subclass", cls.__name__)
        super().__init_subclass__(**kw)

@plain
@tag("outer")
@tag("inner")
class Leaf(Middle):
    print("EVENT body Leaf")
"#,
    // nested class statements interleave with the outer body; set_name for the inner ones;
    // a decorated class inside a class body
    r#"
def deco(cls):
    print("EVENT decorator", cls.__name__)
    return cls

class Named:
    print("EVENT body Named")
    def __set_name__(self, owner, name):
        print("EVENT set_name", owner.__name__ + "." + name)

class Outer:
    print("EVENT body Outer")
    a = Named()
    class Inner:
        print("EVENT body Inner")
        b = Named()
    c = Named()
    @deco
    class Decorated:
        print("EVENT body Decorated")
    d = Named()
"#,
    // the metaclass comes from a base (more derived than the explicit one)
    r#"
class Registry(type):
    print("EVENT body Registry")
    def __init__(cls, name, bases, ns, **kw):
        print("EVENT meta_init", name)
        super().__init__(name, bases, ns)

class Audited(Registry):
    print("EVENT body Audited")
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("EVENT prepare", name)
        return {}

class Model(metaclass=Audited):
    print("EVENT body Model")

class Order(Model, metaclass=Registry):
    print("EVENT body Order")
"#,
    // the lesson's Loud metaclass (07): __prepare__ runs for a class statement
    r#"
class Loud(type):
    print("EVENT body Loud")
    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        print("EVENT prepare", name)
        return {}

class A(metaclass=Loud):
    print("EVENT body A")
"#,
];

fn timeline_tokens(report: &InspectReport) -> Vec<String> {
    let mut events: Vec<(u32, String)> = vec![];
    for creation in &report.timeline {
        for e in &creation.events {
            let token = match e.kind {
                EventKind::Prepare => "prepare",
                EventKind::Body => "body",
                EventKind::MetaNew => "meta_new",
                EventKind::SetName => "set_name",
                EventKind::InitSubclass => "init_subclass",
                EventKind::MetaInit => "meta_init",
                EventKind::Decorator => "decorator",
                _ => continue,
            };
            let who = if e.kind == EventKind::SetName { format!("{}.{}", creation.class, e.detail) } else { creation.class.clone() };
            events.push((e.seq, format!("EVENT {token} {who}")));
        }
    }
    events.sort();
    events.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn class_creation_timeline_matches_cpython_order() {
    let programs: Vec<String> = TIMELINES.iter().map(|p| p.to_string()).collect();
    let cpython = run_under_cpython(&programs);
    let mut total = 0;
    for (source, reference) in programs.iter().zip(&cpython) {
        let (report, stdout) = inspect_with(source, &InspectRequest::default());
        assert_eq!(report.ending, Ending::Completed, "{source}\n{stdout}");
        let expected: Vec<&str> = reference.lines().filter(|l| l.starts_with("EVENT ")).collect();
        let recorded = timeline_tokens(&report);
        assert!(expected.len() >= 3, "CPython printed too little for:\n{source}\n{reference}");
        assert_eq!(recorded, expected, "recorded vs CPython 3.14 for:\n{source}");
        // RustPython itself ran the hooks in the same order.
        assert_eq!(stdout.lines().filter(|l| l.starts_with("EVENT ")).collect::<Vec<_>>(), expected);
        total += expected.len();
    }
    eprintln!("{} programs, {total} creation events in CPython's order", programs.len());
    // The metaclass choice and why: Order's explicit Registry loses to Model's Audited.
    let (report, _) = inspect_with(TIMELINES[3], &InspectRequest::default());
    let order = report.timeline.iter().find(|c| c.class == "Order").unwrap();
    assert_eq!(order.events[0].kind, EventKind::Metaclass);
    assert_eq!(order.events[0].who, "Audited");
    assert!(order.events[0].detail.contains("the metaclass of base Model, is more derived"), "{:?}", order.events[0]);
    assert_eq!(report.classes.iter().find(|c| c.id == "Order").unwrap().metaclass, "Audited");
}


// --- exception trees --------------------------------------------------------------------------

use dunder::inspect::report::ExceptionNode;

fn raised(source: &str) -> ExceptionNode {
    let report = inspect(source);
    assert!(matches!(report.ending, Ending::Failed { .. }), "{report:?}");
    report.exception.expect("the run raised")
}

#[test]
fn an_explicit_cause_is_the_direct_cause() {
    let root = raised("def parse(text):\n    return int(text)\ntry:\n    parse('x')\nexcept ValueError as e:\n    raise KeyError('config') from e\n");
    assert_eq!((root.type_name.as_str(), root.message.as_str()), ("KeyError", "'config'"));
    assert!(root.suppress_context);
    let cause = root.cause.as_ref().unwrap();
    assert_eq!(cause.type_name, "ValueError");
    assert!(cause.message.contains("invalid literal"));
    // The cause's traceback: the module line, then the line inside parse().
    let lines: Vec<(Option<u32>, &str)> = cause.traceback.iter().map(|t| (t.line, t.function.as_str())).collect();
    assert_eq!(lines, [(Some(4), "<module>"), (Some(2), "parse")]);
    assert_eq!(cause.traceback[1].text, "return int(text)");
    // __context__ is the same exception as __cause__: drawn once.
    assert!(root.context.is_none());
    assert_eq!(root.traceback.last().unwrap().line, Some(6));
}

#[test]
fn an_error_while_handling_is_the_context_and_from_none_hides_it() {
    let root = raised("try:\n    {}['k']\nexcept KeyError:\n    print(undefined)\n");
    assert_eq!(root.type_name, "NameError");
    assert!(!root.suppress_context && root.cause.is_none());
    assert_eq!(root.context.as_ref().unwrap().type_name, "KeyError");
    let hidden = raised("try:\n    {}['k']\nexcept KeyError:\n    raise LookupError('no key') from None\n");
    assert!(hidden.suppress_context && hidden.cause.is_none());
    assert_eq!(hidden.context.as_ref().unwrap().type_name, "KeyError", "the context is still there, only not shown by tracebacks");
}

#[test]
fn exception_groups_nest_with_notes_and_tracebacks() {
    let root = raised(
        "def fail(i):\n    raise ValueError(f'bad {i}')\nerrors = []\nfor i in range(2):\n    try:\n        fail(i)\n    except ValueError as e:\n        e.add_note(f'item {i}')\n        errors.append(e)\n\
         eg = ExceptionGroup('batch', [*errors, ExceptionGroup('inner', [TypeError('t')])])\neg.add_note('from the nightly job')\nraise eg\n",
    );
    assert_eq!(root.type_name, "ExceptionGroup");
    assert_eq!(root.message, "batch (3 sub-exceptions)");
    assert_eq!(root.notes, ["from the nightly job"]);
    let kinds: Vec<&str> = root.children.iter().map(|c| c.type_name.as_str()).collect();
    assert_eq!(kinds, ["ValueError", "ValueError", "ExceptionGroup"]);
    assert_eq!(root.children[1].notes, ["item 1"]);
    assert_eq!(root.children[0].traceback.iter().map(|t| t.line).collect::<Vec<_>>(), [Some(6), Some(2)]);
    assert_eq!(root.children[2].children[0].message, "t");
    assert!(root.children[2].children[0].traceback.is_empty(), "never raised: no traceback");
}

#[test]
fn except_star_leaves_the_split_visible() {
    // except* handles the ValueErrors; the handler's RuntimeError and the unhandled TypeError
    // come out together, and the RuntimeError's context is the part it handled.
    let root = raised(
        "try:\n    raise ExceptionGroup('jobs', [ValueError(1), TypeError(2), ValueError(3)])\nexcept* ValueError:\n    raise RuntimeError('cleanup failed')\n",
    );
    assert_eq!(root.type_name, "ExceptionGroup");
    let kinds: Vec<&str> = root.children.iter().map(|c| c.type_name.as_str()).collect();
    assert_eq!(kinds, ["RuntimeError", "ExceptionGroup"], "{root:#?}");
    let handled = root.children[0].context.as_ref().unwrap();
    assert_eq!(handled.type_name, "ExceptionGroup");
    assert_eq!(handled.children.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(), ["1", "3"]);
    assert_eq!(root.children[1].children.iter().map(|c| c.type_name.as_str()).collect::<Vec<_>>(), ["TypeError"]);
}

/// Each split as "group @line: clause@line <- [leaf messages]; ...; unhandled [..]".
fn splits(source: &str) -> Vec<String> {
    inspect(source)
        .splits
        .iter()
        .map(|s| {
            let names = |ix: &[usize]| ix.iter().map(|&i| s.leaves[i].message.clone()).collect::<Vec<_>>().join(",");
            let handlers: Vec<String> = s.handlers.iter().map(|h| format!("{}@{}<-[{}]", h.clause, h.line, names(&h.leaves))).collect();
            format!("{}@{}: {}; unhandled [{}]", s.group.type_name, s.group.line.unwrap_or(0), handlers.join("; "), names(&s.unhandled))
        })
        .collect()
}

#[test]
fn except_star_splits_show_which_clause_took_which_leaves() {
    // Two nested try blocks: the inner clauses take the OSErrors and the ValueError, the rest is
    // re-raised and the outer clause takes it; a clause that matches nothing never appears.
    let nested = "\
def fetch():
    raise ExceptionGroup('fetch', [OSError('disk'), ValueError('id'), KeyError('k'), OSError('net')])

try:
    try:
        fetch()
    except* OSError as eg:
        print('os', len(eg.exceptions))
    except* TypeError:
        print('never')
    except* ValueError:
        print('value')
except* KeyError:
    print('key')
";
    assert_eq!(
        splits(nested),
        // (str() of a KeyError keeps the quotes.)
        ["ExceptionGroup@2: except* OSError as eg:@7<-[disk,net]; except* ValueError:@11<-[id]; except* KeyError:@13<-['k']; unhandled []"],
        "{nested}"
    );
    // A bare exception is wrapped, and what no clause takes is left unhandled (and uncaught).
    let bare_and_rest = "\
try:
    raise ValueError('bare')
except* ValueError:
    pass
try:
    raise ExceptionGroup('g', [TypeError('t'), ZeroDivisionError('z')])
except* TypeError:
    pass
";
    assert_eq!(
        splits(bare_and_rest),
        ["ValueError@2: except* ValueError:@3<-[bare]; unhandled []", "ExceptionGroup@6: except* TypeError:@7<-[t]; unhandled [z]"]
    );
    // A plain except and a helper called from a handler (which sees the same sys.exception())
    // add nothing; a program without except* gets no tracer at all.
    let plain = "\
def log(e):
    x = len(e.exceptions)

try:
    raise ExceptionGroup('g', [ValueError(1)])
except ExceptionGroup as eg:
    log(eg)
try:
    raise ExceptionGroup('h', [ValueError(2), TypeError(3)])
except* ValueError as eg:
    log(eg)
except* TypeError as eg:
    log(eg)
";
    assert_eq!(splits(plain), ["ExceptionGroup@9: except* ValueError as eg:@10<-[2]; except* TypeError as eg:@12<-[3]; unhandled []"]);
    assert!(splits("try:\n    1/0\nexcept ZeroDivisionError:\n    pass\n").is_empty());
}

#[test]
fn except_star_counts_only_groups_a_clause_split() {
    // Fifty exceptions caught by a plain except are not groups anyone split: they neither
    // appear nor push the real split out of the first twenty.
    let noisy = "\
d = {}
for i in range(50):
    try:
        d[i]
    except KeyError:
        pass
try:
    raise ExceptionGroup('g', [ValueError('v')])
except* ValueError:
    pass
";
    let report = inspect(noisy);
    assert_eq!(splits(noisy), ["ExceptionGroup@8: except* ValueError:@9<-[v]; unhandled []"]);
    assert!(report.notes.iter().all(|n| !n.contains("except*")), "{:?}", report.notes);
    // Twenty-five real splits: twenty are shown, and the note says the rest are not.
    let many = "for i in range(25):\n    try:\n        raise ExceptionGroup('g', [ValueError(i)])\n    except* ValueError:\n        pass\n";
    let report = inspect(many);
    assert_eq!(report.splits.len(), 20);
    assert!(report.notes.iter().any(|n| n.contains("only the first 20 groups")), "{:?}", report.notes);
}

#[test]
fn odd_exceptions_are_described_not_fatal() {
    // str() that raises, a context cycle, and a 5 000-long chain: bounded and readable.
    let bad = raised("class Bad(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\nraise Bad()\n");
    assert!(bad.message.starts_with("(str() raised RuntimeError: no)"), "{}", bad.message);
    let cycle = raised("a, b = ValueError('a'), TypeError('b')\na.__context__ = b\nb.__context__ = a\nraise a\n");
    let b = cycle.context.as_ref().unwrap();
    assert_eq!(b.type_name, "TypeError");
    assert!(b.context.as_ref().unwrap().seen_before);
    let report = inspect("prev = None\nfor i in range(5000):\n    e = ValueError(i)\n    e.__context__ = prev\n    prev = e\nraise prev\n");
    let mut depth = 0;
    let mut node = report.exception.as_ref();
    while let Some(n) = node {
        depth += 1;
        node = n.context.as_deref();
    }
    assert_eq!(depth, 41, "40 levels, then one that says the rest is not shown");
    let mut last = report.exception.as_ref().unwrap();
    while let Some(next) = last.context.as_deref() {
        last = next;
    }
    assert_eq!(last.message, "nested more than 40 deep; the rest is not shown");
    // Wide rather than deep: 300 sub-exceptions stop at 200 nodes.
    let wide = raised("raise ExceptionGroup('many', [ValueError(i) for i in range(300)])\n");
    assert_eq!(wide.children.len(), 300);
    assert_eq!(wide.children.iter().filter(|c| c.type_name == "ValueError").count(), 199);
    assert!(wide.children[299].message.starts_with("more than 200 exceptions"));
    // A program that did not raise has no tree.
    assert!(inspect("print('fine')").exception.is_none());
    // A syntax error is a tree of one.
    let syntax = raised("def broken(:\n    pass\n");
    assert_eq!(syntax.type_name, "SyntaxError");
}

// --- hostile programs ---------------------------------------------------------------------------

#[test]
fn a_metaclass_that_raises_is_reported() {
    let report = inspect(
        "class Strict(type):\n    def __new__(mcls, name, bases, ns):\n        raise RuntimeError(f'{name} is not allowed')\nclass Fine:\n    pass\nclass Nope(metaclass=Strict):\n    pass\n",
    );
    assert_eq!(report.ending, Ending::Failed { line: Some(3) });
    let failed = &report.failed_classes[0];
    assert_eq!((failed.name.as_str(), failed.error.as_str()), ("Nope", "RuntimeError: Nope is not allowed"));
    let nope = report.timeline.iter().find(|c| c.class == "Nope").unwrap();
    let kinds: Vec<EventKind> = nope.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Metaclass, EventKind::Body, EventKind::MetaNew, EventKind::Raised]);
    assert_eq!(report.exception.unwrap().message, "Nope is not allowed");
    assert!(report.classes.iter().any(|c| c.id == "Fine"));
    // A metaclass conflict is a failed class statement with Python's message.
    let conflict = inspect("class M1(type): pass\nclass M2(type): pass\nclass A(metaclass=M1): pass\nclass B(A, metaclass=M2): pass\n");
    assert!(conflict.failed_classes[0].error.contains("metaclass conflict"), "{:?}", conflict.failed_classes);
    assert!(conflict.timeline.last().unwrap().events[0].detail.contains("conflicts with M1"), "{:?}", conflict.timeline.last());
}

#[test]
fn hostile_classes_cannot_break_the_inspector() {
    // A metaclass whose classes refuse every attribute, compare unequal to everything and
    // cannot be hashed; classes whose instances refuse everything.
    let source = "class Evil(type):\n    def __getattribute__(cls, name):\n        raise RuntimeError('no')\n    def __eq__(cls, other):\n        raise RuntimeError('no eq')\n    __hash__ = None\n\
                  class Base(metaclass=Evil):\n    def run(self):\n        return super().run()\nclass Child(Base):\n    def run(self):\n        return super().run()\n\
                  class Wall:\n    def __getattribute__(self, name):\n        raise RuntimeError('wall')\nw = Wall()\n";
    let request = InspectRequest {
        supers: vec![SuperQuery { class: "Child".into(), method: "run".into() }],
        lookups: vec![
            LookupQuery { target: "Child".into(), name: "run".into(), assign: None },
            LookupQuery { target: "w".into(), name: "x".into(), assign: None },
            LookupQuery { target: "w".into(), name: "x".into(), assign: Some("1".into()) },
        ],
        ..Default::default()
    };
    let (report, _) = inspect_with(source, &request);
    assert_eq!(report.ending, Ending::Completed);
    let child = report.classes.iter().find(|c| c.id == "Child").unwrap();
    assert_eq!(child.mro, ["Child", "Base", "object"]);
    assert_eq!(child.metaclass, "Evil");
    assert_eq!(report.supers[0].chain.iter().map(|l| l.class.as_str()).collect::<Vec<_>>(), ["Child", "Base"]);
    assert_eq!(report.lookups[0].error.as_deref(), Some("Evil.__getattribute__ raised RuntimeError: no"));
    assert_eq!(report.lookups[1].error.as_deref(), Some("Wall.__getattribute__ raised RuntimeError: wall"));
    // Assigning goes through object.__setattr__, which Wall does not override.
    assert_eq!(report.lookups[2].landed.as_ref().unwrap().place, Landing::InstanceDict);
}

#[test]
fn huge_values_are_described_briefly() {
    let request = InspectRequest {
        lookups: vec![
            LookupQuery { target: "box".into(), name: "items".into(), assign: None },
            LookupQuery { target: "box".into(), name: "text".into(), assign: None },
            LookupQuery { target: "box".into(), name: "number".into(), assign: None },
        ],
        ..Default::default()
    };
    let source = "import sys\nsys.set_int_max_str_digits(0)\nclass Box: pass\nbox = Box()\nbox.items = list(range(1_000_000))\nbox.text = 'x' * 1_000_000\nbox.number = 7 ** 100_000\n";
    let (report, _) = inspect_with(source, &request);
    let values: Vec<&str> = report.lookups.iter().map(|l| l.value.as_deref().unwrap()).collect();
    assert_eq!(values[0], "[0, 1, 2, 3, 4, 5, ...]");
    assert!(values.iter().all(|v| v.len() <= 200), "{values:?}");
    assert!(values[1].starts_with("'xxx") && values[1].contains("..."), "{}", values[1]);
}

#[test]
fn ten_thousand_classes_give_a_message_and_bounded_work() {
    let started = std::time::Instant::now();
    let report = inspect("class Base:\n    pass\nmade = []\nfor i in range(10_000):\n    class K(Base):\n        pass\n    made.append(K)\n");
    let wide = started.elapsed();
    assert_eq!(report.ending, Ending::Completed);
    assert!(report.classes.is_empty());
    assert!(report.notes.iter().any(|n| n.contains("more than 500 classes")), "{:?}", report.notes);
    assert_eq!(report.timeline.len(), 200);
    assert!(report.notes.iter().any(|n| n.contains("first 200 class statements")), "{:?}", report.notes);
    // A 700-deep chain: its MROs together are about 250 000 entries.
    let started = std::time::Instant::now();
    let deep = inspect("prev = object\nfor i in range(700):\n    class K(prev):\n        pass\n    prev = K\n");
    let deep_time = started.elapsed();
    assert!(deep.classes.is_empty() && !deep.notes.is_empty(), "{:?}", deep.notes);
    // A plain run of the same program, for scale: inspecting may cost a few times more, not orders.
    let plain_started = std::time::Instant::now();
    with_runner(|r| r.run_collect(&program("class Base:\n    pass\nmade = []\nfor i in range(10_000):\n    class K(Base):\n        pass\n    made.append(K)\n")));
    let plain = plain_started.elapsed();
    eprintln!("10 000 classes: inspect {wide:?} vs plain run {plain:?}; 700-deep chain: inspect {deep_time:?}");
    assert!(wide < plain * 10 + std::time::Duration::from_secs(2), "inspect {wide:?} vs run {plain:?}");
}

// --- the lessons' own snippets ------------------------------------------------------------------

/// Every snippet of the lessons the Inspect tab sits beside (01, 04-07, 10 and 11; 13 prints timings): inspecting
/// works, the observers (task timeline included) change nothing the program prints, and Rust's
/// C3 equals every `__mro__`. Every asyncio.run of lesson 11 records its tasks.
#[test]
fn lesson_snippets_inspect_cleanly_and_print_the_same() {
    use dunder::lesson::{Block, parse_course, read_lesson_files};
    let files = read_lesson_files(std::path::Path::new("lessons")).unwrap();
    let course = parse_course(&files).unwrap();
    let runner = Runner::new().unwrap();
    let (mut snippets, mut classes, mut asyncio_tasks, mut failures) = (0, 0, 0, vec![]);
    let (mut plain_time, mut inspect_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for lesson in &course.lessons {
        let name = std::path::Path::new(&lesson.file).file_name().unwrap().to_string_lossy().into_owned();
        if !["01", "04", "05", "06", "07", "10", "11"].iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let mut chain = String::new();
        for block in lesson.blocks() {
            let (source, line) = match block {
                Block::Runnable(r) => {
                    if !r.continues {
                        chain.clear();
                    }
                    chain.push_str(&r.code);
                    chain.push('\n');
                    (chain.clone(), r.line)
                }
                Block::Predict(p) => (p.code.clone(), p.line),
                _ => continue,
            };
            snippets += 1;
            let place = format!("{}:{line}", lesson.file);
            let program = program(&source);
            let text = |chunks: Vec<(Stream, String)>| chunks.into_iter().map(|(_, t)| t).collect::<String>();
            let started = std::time::Instant::now();
            let (plain_outcome, plain) = runner.run_collect(&program);
            plain_time += started.elapsed();
            let started = std::time::Instant::now();
            let (report, inspected) = runner.inspect_collect(&program, &InspectRequest::default());
            inspect_time += started.elapsed();
            let report = match report {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!("{place}: the inspector broke: {e}"));
                    continue;
                }
            };
            // Addresses (0x7f...) differ between runs; compare without them.
            let scrub = |s: String| s.split("0x").map(|part| part.trim_start_matches(|c: char| c.is_ascii_hexdigit()).to_owned()).collect::<Vec<_>>().join("0x");
            // timeit prints measured times: different on every run, inspected or not.
            if !source.contains("timeit") && scrub(text(plain)) != scrub(text(inspected)) {
                failures.push(format!("{place}: the program printed something else while inspected"));
            }
            if plain_outcome.ending != report.ending {
                failures.push(format!("{place}: ended {:?} plainly but {:?} inspected", plain_outcome.ending, report.ending));
            }
            if name.starts_with("11") && source.contains("asyncio.run(") && report.tasks.is_empty() {
                failures.push(format!("{place}: asyncio.run but no task recorded"));
            }
            asyncio_tasks += report.tasks.len();
            let merges = c3::linearize_all(&report.graph());
            for c in report.classes.iter().filter(|c| !c.custom_mro) {
                classes += 1;
                if merges[&c.id].result.as_ref().ok() != Some(&c.mro) {
                    failures.push(format!("{place}: {}: C3 {:?} but __mro__ {:?}", c.id, merges[&c.id].result, c.mro));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{snippets} lesson snippets inspected, {classes} classes' MROs checked, {asyncio_tasks} asyncio tasks recorded; runs took {plain_time:?}, inspect runs {inspect_time:?}");
    assert!(snippets >= 40 && classes >= 100, "{snippets} snippets, {classes} classes");
}

// --- the text alternative -----------------------------------------------------------------------

#[test]
fn the_text_version_states_the_same_facts() {
    use dunder::inspect::text;
    let request = InspectRequest {
        lookups: vec![
            LookupQuery { target: "t".into(), name: "temp".into(), assign: None },
            LookupQuery { target: "t".into(), name: "cheap".into(), assign: None },
            LookupQuery { target: "t".into(), name: "own".into(), assign: Some("2".into()) },
        ],
        ..Default::default()
    };
    let (report, _) = inspect_with(OBJECTS, &request);
    let temp = text::lookup_lines(&report.lookups[0]);
    assert_eq!(temp[0], "t.temp (type Thermo)");
    assert!(temp[1].starts_with("1. data descriptor on the type's MRO: wins (Celsius on Thermo"), "{temp:?}");
    assert_eq!(temp.last().unwrap(), "value: 20");
    let cheap = text::lookup_lines(&report.lookups[1]);
    assert!(cheap[1].contains("not here (looked in Thermo: found Lazy on Thermo, not a data descriptor)"), "{cheap:?}");
    assert!(cheap[2].starts_with("2. the instance __dict__: wins"));
    assert_eq!(text::lookup_lines(&report.lookups[2]).last().unwrap(), "the value went to the instance's __dict__");

    let report = inspect(TIMELINES[0]);
    let order = text::timeline_lines(report.timeline.iter().find(|c| c.class == "Order").unwrap());
    let expected_start = ["class Order (line 30)", "1. metaclass Meta: the type of the first base Base", "2. Meta.__prepare__ makes the namespace"];
    assert_eq!(&order[..3], expected_start, "{order:?}");
    assert!(order.contains(&"5. Field.__set_name__ for total".to_string()), "{order:?}");
    assert_eq!(order.last().unwrap(), "10. decorator register applied");

    let root = raised("def parse(text):\n    return int(text)\ntry:\n    parse('x')\nexcept ValueError as e:\n    e.add_note('while reading the config')\n    raise KeyError('config') from e\n");
    let lines = text::exception_lines(&root);
    assert_eq!(lines[0], "KeyError: 'config'");
    assert_eq!(lines[1], "  at main.py line 7, in <module>: raise KeyError('config') from e");
    assert_eq!(lines[2], "  direct cause: ValueError: invalid literal for int() with base 10: 'x'");
    assert_eq!(lines[3], "    note: while reading the config");
    assert_eq!(lines[5], "    at main.py line 2, in parse: return int(text)");
}

#[test]
fn an_inspect_run_does_not_become_the_previous_run_of_a_chain() {
    let runner = Runner::new().unwrap();
    let first = Program { source: "base = 'from the lesson'".into(), ..Default::default() };
    runner.run_collect(&first);
    let report = runner.inspect(&program("base = 'from inspect'\nclass A: pass"), &InspectRequest::default(), |_, _| {}).unwrap();
    assert!(report.classes.iter().any(|c| c.id == "A"));
    let next = Program { source: "print(base)".into(), keep_globals: true, ..Default::default() };
    let out: String = runner.run_collect(&next).1.into_iter().map(|(_, t)| t).collect();
    assert_eq!(out, "from the lesson\n");
}
