//! What the page asks the worker to inspect, and the facts it gets back. The worker's Python
//! half (`runner/python/_dunder_inspect.py`) writes this shape as JSON; serde reads it here,
//! so a field that drifts fails the native tests instead of the page.

use crate::runner::Ending;
use serde::{Deserialize, Serialize};

/// Which extra facts to read after running the program (classes, the timeline and the
/// exception tree always come with an inspect run).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectRequest {
    #[serde(default)]
    pub supers: Vec<SuperQuery>,
    #[serde(default)]
    pub lookups: Vec<LookupQuery>,
    /// Also call `getattr` after each traced lookup and say whether the traced winner's value
    /// is the same (for tests: it runs the reader's property or `__getattr__` a second time).
    #[serde(default)]
    pub verify_lookups: bool,
    /// "Measure growth": count the steps of a function at growing n.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<GrowthQuery>,
    /// "Bytecode of": an expression naming a function (or method, class body, code object)
    /// to disassemble with `dis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytecode: Option<String>,
}

/// What `dis.get_instructions` gave for the asked function, in RustPython (not CPython).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bytecode {
    /// The expression asked for, and the code object's qualified name.
    pub target: String,
    pub name: String,
    pub instructions: Vec<Instruction>,
    /// More instructions than are listed.
    #[serde(default)]
    pub truncated: bool,
    /// Not disassembled at all (a name that does not exist, a value with no code).
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instruction {
    pub offset: u32,
    /// The source line, on the instruction that starts it.
    pub line: Option<u32>,
    pub opname: String,
    /// The argument as `dis` shows it ("a, b", "+", "to L1"), empty when there is none.
    pub argrepr: String,
    /// A jump target's label ("L1"), when other instructions jump here.
    #[serde(default)]
    pub label: Option<String>,
}

/// `function(input(n))` measured for n = 1, 2, 3, 4, 6, 8, ... (`function(n)` without `input`);
/// both are expressions in the program's namespace, usually names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrowthQuery {
    pub function: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// Steps (executed line events, see `_dunder_steps.py`) per size, in the order measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrowthMeasure {
    pub function: String,
    pub input: Option<String>,
    pub points: Vec<(u64, u64)>,
    /// Why the sizes stopped growing: the step budget, the largest size, or the reader's error.
    pub stopped: String,
    /// The query could not be measured at all (not a function, a name that does not exist).
    pub error: Option<String>,
}

impl GrowthMeasure {
    /// The fitted class, once three sizes were measured.
    pub fn fit(&self) -> Option<super::growth::Fit> {
        let points: Vec<(f64, f64)> = self.points.iter().map(|&(n, s)| (n as f64, s as f64)).collect();
        super::growth::fit(&points)
    }
}

/// "Along `class`'s MRO, where does each `super().method()` go?"
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuperQuery {
    pub class: String,
    pub method: String,
}

/// `target.name` (an expression evaluated in the program's namespace, then an attribute), or
/// with `assign`, `target.name = assign`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupQuery {
    pub target: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectReport {
    pub ending: Ending,
    /// Limits reached and hooks that could not run, in words for the page.
    pub notes: Vec<String>,
    pub classes: Vec<ClassFacts>,
    /// Class statements that raised (an impossible MRO, a metaclass that raised...).
    pub failed_classes: Vec<FailedClass>,
    pub supers: Vec<SuperChain>,
    pub lookups: Vec<LookupTrace>,
    pub timeline: Vec<ClassCreation>,
    pub exception: Option<ExceptionNode>,
    /// How `except*` clauses divided each exception group the program raised (only for a
    /// program that uses `except*`).
    #[serde(default)]
    pub splits: Vec<ExceptStarSplit>,
    #[serde(default)]
    pub growth: Option<GrowthMeasure>,
    #[serde(default)]
    pub bytecode: Option<Bytecode>,
    /// Each asyncio task the program ran, with when it ran (only for a program naming asyncio).
    #[serde(default)]
    pub tasks: Vec<super::tasks::AsyncTask>,
}

impl InspectReport {
    /// The class graph for [`super::c3`]: each class's id and its bases' ids, plus the failed
    /// statements under their names, so the merge can show where they break.
    pub fn graph(&self) -> Vec<(String, Vec<String>)> {
        let mut graph: Vec<(String, Vec<String>)> = self.classes.iter().map(|c| (c.id.clone(), c.bases.clone())).collect();
        for failed in &self.failed_classes {
            if !graph.iter().any(|(id, _)| *id == failed.name) {
                graph.push((failed.name.clone(), failed.bases.clone()));
            }
        }
        graph
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassFacts {
    /// Unique in the report: the qualname, with `#2`, `#3`... for later classes of the same name.
    pub id: String,
    pub name: String,
    pub qualname: String,
    pub module: String,
    pub bases: Vec<String>,
    pub mro: Vec<String>,
    pub metaclass: String,
    /// The metaclass overrides `mro()`, so C3 is not what built `__mro__`.
    pub custom_mro: bool,
    pub made_by_program: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedClass {
    pub name: String,
    pub line: Option<u32>,
    pub bases: Vec<String>,
    /// Python's message, e.g. `TypeError: Cannot create a consistent method resolution order...`.
    pub error: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuperChain {
    pub class: String,
    pub method: String,
    /// For each class on the MRO (but the last): the class a `super().method` inside it reaches.
    pub resolutions: Vec<SuperResolution>,
    /// Starting at the method `class().method()` runs, following the ones that call `super()`.
    pub chain: Vec<SuperLink>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuperResolution {
    pub inside: String,
    pub reaches: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuperLink {
    pub class: String,
    /// Its code uses zero-argument `super()` (read from the code object, not the source).
    pub calls_super: bool,
    pub reaches: Option<String>,
}

/// One place the attribute lookup looks, in the order Python looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// `type(obj)` defines `__getattribute__`: it decides instead of the steps below.
    GetattributeOverride,
    /// A data descriptor (property, slot, a class with `__set__`/`__delete__`) on `type(obj)`'s MRO.
    DataDescriptor,
    /// The instance's own `__dict__`.
    InstanceDict,
    /// Class access: the class's own MRO, each class's `__dict__` (descriptors get `None`).
    ClassMro,
    /// A function (becomes a bound method), classmethod, staticmethod or other `__get__`-only descriptor.
    NonDataDescriptor,
    /// A plain value in a class's `__dict__`.
    ClassAttribute,
    /// Class access: a non-data descriptor or value on the metaclass.
    MetaclassAttribute,
    /// `__getattr__`, called when everything else failed.
    GetattrHook,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupStep {
    pub place: Place,
    pub owner: Option<String>,
    pub found: bool,
    pub note: String,
}

/// Where `obj.name = v` went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Landing {
    SetattrOverride,
    DataDescriptor,
    InstanceDict,
    ClassDict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landed {
    pub place: Landing,
    pub owner: Option<String>,
    pub note: String,
    /// After the assignment, the value is in the object's own `__dict__` (checked, not assumed).
    pub in_instance_dict: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupTrace {
    pub target: String,
    pub name: String,
    #[serde(default)]
    pub target_type: Option<String>,
    #[serde(default)]
    pub steps: Vec<LookupStep>,
    /// Index into `steps` of the place that answered (also when it raised).
    #[serde(default)]
    pub winner: Option<usize>,
    /// `repr` of the value found.
    #[serde(default)]
    pub value: Option<String>,
    /// The winner raised, nothing had the attribute, or the target could not be evaluated.
    #[serde(default)]
    pub error: Option<String>,
    /// The winner's value is the one `getattr(obj, name)` gives (or both raised).
    #[serde(default)]
    pub same_as_getattr: Option<bool>,
    #[serde(default)]
    pub getattr_error: Option<String>,
    #[serde(default)]
    pub landed: Option<Landed>,
}

/// One class statement's creation, in the order things happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassCreation {
    pub class: String,
    pub line: Option<u32>,
    pub events: Vec<CreationEvent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Which metaclass, and why (`detail`).
    Metaclass,
    Prepare,
    Body,
    MetaNew,
    SetName,
    InitSubclass,
    MetaInit,
    MetaCall,
    Created,
    Decorator,
    Raised,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreationEvent {
    pub kind: EventKind,
    pub who: String,
    pub detail: String,
    /// Position in the whole run: a class statement inside another's body interleaves.
    pub seq: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionNode {
    #[serde(rename = "type")]
    pub type_name: String,
    pub message: String,
    pub notes: Vec<String>,
    pub traceback: Vec<TracebackLine>,
    /// The exceptions inside an ExceptionGroup.
    pub children: Vec<ExceptionNode>,
    /// `raise ... from cause`: "the direct cause".
    pub cause: Option<Box<ExceptionNode>>,
    /// Raised while handling this one: "during handling of the above exception".
    pub context: Option<Box<ExceptionNode>>,
    pub suppress_context: bool,
    /// Already drawn elsewhere in the tree (an exception can be reached twice).
    pub seen_before: bool,
}

/// How an exception hangs from the one above it in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Root,
    /// The n-th (0-based) exception inside an ExceptionGroup.
    Member(usize),
    /// `raise ... from cause`.
    Cause,
    /// Raised while handling; `hidden` when `from None` suppressed it.
    Context { hidden: bool },
}

impl Relation {
    /// The words that say how an exception hangs from its parent ("" for the root); the
    /// drawing and the text version both use them.
    pub fn words(self) -> String {
        match self {
            Relation::Root => String::new(),
            Relation::Member(i) => format!("{}.", i + 1),
            Relation::Cause => "direct cause".into(),
            Relation::Context { hidden: true } => "during handling (hidden by 'from None')".into(),
            Relation::Context { hidden: false } => "during handling of".into(),
        }
    }
}

/// One exception met in [`ExceptionNode::walk`].
pub struct Visit<'a> {
    pub node: &'a ExceptionNode,
    pub depth: usize,
    pub relation: Relation,
    /// Index in the walk of the exception it hangs from.
    pub parent: Option<usize>,
}

impl ExceptionNode {
    /// Every exception of the tree in reading order: a group's members, then the cause, then
    /// the context. An explicit stack: the tree is bounded, but recursion is not needed.
    pub fn walk(&self) -> Vec<Visit<'_>> {
        let mut visits = vec![];
        let mut stack = vec![Visit { node: self, depth: 0, relation: Relation::Root, parent: None }];
        while let Some(visit) = stack.pop() {
            let (node, depth, index) = (visit.node, visit.depth + 1, visits.len());
            visits.push(visit);
            // Pushed in reverse so they come out in reading order.
            if let Some(context) = &node.context {
                stack.push(Visit { node: context, depth, relation: Relation::Context { hidden: node.suppress_context }, parent: Some(index) });
            }
            if let Some(cause) = &node.cause {
                stack.push(Visit { node: cause, depth, relation: Relation::Cause, parent: Some(index) });
            }
            for (i, child) in node.children.iter().enumerate().rev() {
                stack.push(Visit { node: child, depth, relation: Relation::Member(i), parent: Some(index) });
            }
        }
        visits
    }
}

/// One exception group (or a bare exception, which `except*` wraps in a group) and the
/// `except*` clauses that handled parts of it, read from the VM while each handler ran.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptStarSplit {
    pub group: RaisedGroup,
    /// Its leaf exceptions (not groups), depth first.
    pub leaves: Vec<LeafException>,
    /// In the order they ran.
    pub handlers: Vec<StarHandler>,
    /// Indices into `leaves` that no `except*` clause took.
    pub unhandled: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedGroup {
    #[serde(rename = "type")]
    pub type_name: String,
    pub message: String,
    /// Where it was raised (the program's line).
    pub line: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafException {
    #[serde(rename = "type")]
    pub type_name: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarHandler {
    /// The `except*` clause's line and text.
    pub line: u32,
    pub clause: String,
    /// Indices into the split's `leaves` that this clause's group held.
    pub leaves: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracebackLine {
    pub file: String,
    pub line: Option<u32>,
    pub function: String,
    pub text: String,
    pub in_program: bool,
}
