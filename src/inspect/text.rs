//! The same facts as the Inspect drawings, as plain lines: the text alternative a screen
//! reader walks (and what a reader can copy into notes). One function per view.

use super::c3::{Failure, Merge};
use super::report::{ClassCreation, EventKind, ExceptStarSplit, ExceptionNode, GrowthMeasure, LookupTrace, Place, Relation, Visit};

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// The C3 merge, one line per step: the lists, the heads that had to wait and why, the head taken.
pub fn merge_lines(merge: &Merge) -> Vec<String> {
    let mut lines = vec![];
    let inputs: Vec<String> = merge.bases.iter().map(|b| format!("L[{b}]")).chain((!merge.bases.is_empty()).then(|| list(&merge.bases))).collect();
    lines.push(if inputs.is_empty() {
        format!("L[{}] = [{}]", merge.class, merge.class)
    } else {
        format!("L[{}] = {} + merge({})", merge.class, merge.class, inputs.join(", "))
    });
    for (i, step) in merge.steps.iter().enumerate() {
        let lists: Vec<String> = step.lists.iter().map(|l| list(&l.items)).collect();
        let mut line = format!("step {}: merge({})", i + 1, lists.join(", "));
        for r in &step.rejected {
            line.push_str(&format!("; {} waits: it appears in the tail of {}, after {}", r.head, r.in_tail_of, r.must_follow));
        }
        match &step.picked {
            Some(head) => line.push_str(&format!("; take {head}")),
            None => line.push_str("; no head can be taken"),
        }
        lines.push(line);
    }
    lines.push(match &merge.result {
        Ok(mro) => format!("MRO: {}", mro.join(", ")),
        Err(failure @ Failure::Inconsistent { .. }) => format!("TypeError: {}", failure.explain()),
        Err(failure) => format!("no MRO: {}", failure.explain()),
    });
    lines
}

fn place_name(place: Place) -> &'static str {
    match place {
        Place::GetattributeOverride => "a __getattribute__ override",
        Place::DataDescriptor => "data descriptor on the type's MRO",
        Place::InstanceDict => "the instance __dict__",
        Place::ClassMro => "the class's own MRO",
        Place::NonDataDescriptor => "non-data descriptor",
        Place::ClassAttribute => "class attribute",
        Place::MetaclassAttribute => "the metaclass",
        Place::GetattrHook => "__getattr__",
    }
}

/// `obj.name`: each place looked at, in order, and what answered.
pub fn lookup_lines(trace: &LookupTrace) -> Vec<String> {
    let mut lines = vec![];
    let what = match &trace.landed {
        Some(_) => format!("{}.{} = ...", trace.target, trace.name),
        None => format!("{}.{}", trace.target, trace.name),
    };
    lines.push(match &trace.target_type {
        Some(t) => format!("{what} (type {t})"),
        None => what,
    });
    for (i, step) in trace.steps.iter().enumerate() {
        let verdict = if trace.winner == Some(i) { "wins" } else if step.found { "found, but does not win" } else { "not here" };
        lines.push(format!("{}. {}: {verdict} ({})", i + 1, place_name(step.place), step.note));
    }
    if let Some(value) = &trace.value {
        lines.push(format!("value: {value}"));
    }
    if let Some(landed) = &trace.landed {
        lines.push(format!("the value went to {}", landed.note));
    }
    if let Some(error) = &trace.error {
        lines.push(format!("error: {error}"));
    }
    lines
}

/// One class statement, in the order things happened.
pub fn timeline_lines(creation: &ClassCreation) -> Vec<String> {
    let mut lines = vec![match creation.line {
        Some(line) => format!("class {} (line {line})", creation.class),
        None => format!("class {}", creation.class),
    }];
    for (i, e) in creation.events.iter().enumerate() {
        let text = match e.kind {
            EventKind::Metaclass => format!("metaclass {}: {}", e.who, e.detail),
            EventKind::Prepare => format!("{}.__prepare__ makes the namespace", e.who),
            EventKind::Body => format!("the class body runs ({})", e.detail),
            EventKind::MetaNew => format!("{}.__new__ creates the class", e.who),
            EventKind::SetName => format!("{}.__set_name__ for {}", e.who, e.detail),
            EventKind::InitSubclass => format!("{}.__init_subclass__", e.who),
            EventKind::MetaInit => format!("{}.__init__", e.who),
            EventKind::MetaCall => format!("{}.__call__", e.who),
            EventKind::Created => format!("the class {} exists", e.who),
            EventKind::Decorator => format!("decorator {} applied", e.who),
            EventKind::Raised => format!("raised {}", e.detail),
        };
        lines.push(format!("{}. {text}", i + 1));
    }
    lines
}

/// The exception tree, indented: group members, causes and contexts, notes, traceback lines.
pub fn exception_lines(root: &ExceptionNode) -> Vec<String> {
    let mut lines = vec![];
    for Visit { node, depth, relation, .. } in root.walk() {
        let pad = "  ".repeat(depth);
        let how = match relation {
            Relation::Root => String::new(),
            Relation::Member(_) => format!("{} ", relation.words()),
            _ => format!("{}: ", relation.words()),
        };
        let message = if node.message.is_empty() { String::new() } else { format!(": {}", node.message) };
        let again = if node.seen_before { " (shown above)" } else { "" };
        lines.push(format!("{pad}{how}{}{message}{again}", node.type_name));
        for note in &node.notes {
            lines.push(format!("{pad}  note: {note}"));
        }
        for frame in &node.traceback {
            let line = frame.line.map(|l| format!("line {l}")).unwrap_or_else(|| "line ?".into());
            lines.push(format!("{pad}  at {} {line}, in {}: {}", frame.file, frame.function, frame.text));
        }
    }
    lines
}

/// How `except*` divided one group: one line per clause with the leaves it took, then the
/// leaves none took.
pub fn split_lines(split: &ExceptStarSplit) -> Vec<String> {
    let leaf = |&i: &usize| split.leaves.get(i).map(|l| if l.message.is_empty() { l.type_name.clone() } else { format!("{}({})", l.type_name, l.message) }).unwrap_or_default();
    let leaves = |ix: &[usize]| ix.iter().map(leaf).collect::<Vec<_>>();
    let group = &split.group;
    let at = group.line.map(|l| format!(" at line {l}")).unwrap_or_default();
    let all: Vec<usize> = (0..split.leaves.len()).collect();
    let mut lines = vec![format!("{} raised{at}, holding {}", group.type_name, list(&leaves(&all)))];
    for h in &split.handlers {
        lines.push(format!("line {}, `{}` got {}", h.line, h.clause, list(&leaves(&h.leaves))));
    }
    if !split.unhandled.is_empty() {
        lines.push(format!("no except* clause took {}", list(&leaves(&split.unhandled))));
    }
    lines
}

/// The growth measurement in words: the fitted class, then steps per size, then why it stopped.
pub fn growth_lines(measure: &GrowthMeasure) -> Vec<String> {
    let call = match &measure.input {
        Some(input) => format!("{}({input}(n))", measure.function),
        None => format!("{}(n)", measure.function),
    };
    let mut lines = vec![match measure.fit() {
        Some(fit) => format!("{call} grows like {} (R² {:.3} on log scales)", fit.growth.label(), fit.r_squared),
        None => format!("{call}: too few sizes to fit a growth class"),
    }];
    lines.extend(measure.points.iter().map(|(n, steps)| format!("n = {n}: {steps} steps")));
    if !measure.stopped.is_empty() {
        lines.push(format!("The sizes stopped: {}.", measure.stopped));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::c3;

    #[test]
    fn a_merge_reads_step_by_step() {
        let g: Vec<(String, Vec<String>)> = [("object", ""), ("A", "object"), ("B", "object"), ("X", "A B"), ("Y", "B A"), ("Z", "X Y")]
            .iter()
            .map(|(n, b)| (n.to_string(), b.split_whitespace().map(str::to_owned).collect()))
            .collect();
        let x = merge_lines(&c3::explain("X", &g).unwrap());
        assert_eq!(x[0], "L[X] = X + merge(L[A], L[B], [A, B])");
        assert_eq!(x[1], "step 1: merge([A, object], [B, object], [A, B]); take A");
        assert_eq!(x[2], "step 2: merge([object], [B, object], [B]); object waits: it appears in the tail of L[B], after B; take B");
        assert_eq!(x.last().unwrap(), "MRO: X, A, B, object");
        let z = merge_lines(&c3::explain("Z", &g).unwrap());
        assert!(z.iter().any(|l| l.ends_with("no head can be taken")), "{z:?}");
        assert!(z.last().unwrap().starts_with("TypeError: no consistent order: A cannot come next: it appears in the tail of L[Y], after B"));
        assert_eq!(merge_lines(&c3::explain("object", &g).unwrap()), ["L[object] = [object]", "MRO: object"]);
    }
}
