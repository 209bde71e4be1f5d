//! C3 linearisation, recorded step by step.
//!
//! Python builds `C.__mro__` for `class C(B1, ..., Bn)` by merging the lists
//! `L[B1], ..., L[Bn]` and the list of bases `[B1, ..., Bn]`: at each step it takes the first
//! head (in list order) that is not in the *tail* of any list, appends it, and removes it
//! everywhere. If no head qualifies, the hierarchy has no consistent order and Python raises
//! `TypeError`. Keeping every step lets the page show the lists, the head picked, and why each
//! earlier head had to wait.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One list taking part in the merge, labelled the way lessons write it (`L[B]` or `bases`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeList {
    pub label: String,
    pub items: Vec<String>,
}

/// A head that could not be taken because it appears in the tail of another list: some class
/// listed before it there must come first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub head: String,
    /// The label of the list in whose tail the head appears (the first such list).
    pub in_tail_of: String,
    /// The class that list puts before the head (the tail's owner must come first).
    pub must_follow: String,
}

/// One step: the lists as they were, the heads rejected in order, and the head picked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub lists: Vec<MergeList>,
    pub rejected: Vec<Rejection>,
    /// `None` on the step where the merge failed.
    pub picked: Option<String>,
    /// The MRO built so far, after this step.
    pub output: Vec<String>,
}

/// Why a class has no MRO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    /// `class X(A, A)`: Python refuses before merging.
    DuplicateBase { base: String },
    /// No remaining head is free: every one of them is in some list's tail. `rejected` names
    /// the exact constraint that blocks each head.
    Inconsistent { heads: Vec<String>, rejected: Vec<Rejection> },
    /// A base's own MRO could not be computed (so neither can this one).
    BadBase { base: String },
    /// A base the graph does not describe.
    UnknownBase { base: String },
    /// The hierarchy is larger than the merge will work through (bounded work for the page).
    TooLarge { limit: usize },
}

impl Failure {
    /// The sentence the page shows next to Python's TypeError.
    pub fn explain(&self) -> String {
        match self {
            Failure::DuplicateBase { base } => format!("{base} is listed twice among the bases"),
            Failure::Inconsistent { rejected, .. } => {
                let reasons: Vec<String> = rejected
                    .iter()
                    .map(|r| format!("{} cannot come next: it appears in the tail of {}, after {}", r.head, r.in_tail_of, r.must_follow))
                    .collect();
                format!("no consistent order: {}", reasons.join("; "))
            }
            Failure::BadBase { base } => format!("the base {base} has no MRO itself"),
            Failure::UnknownBase { base } => format!("the base {base} is not a class of this program"),
            Failure::TooLarge { limit } => format!("the hierarchy is larger than {limit} classes; not drawn"),
        }
    }
}

/// The merge for one class: its steps, and the MRO or why there is none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub class: String,
    pub bases: Vec<String>,
    pub steps: Vec<Step>,
    pub result: Result<Vec<String>, Failure>,
}

/// Merge `class(bases...)` given each base's own MRO (which starts with the base itself),
/// keeping every step for the page.
pub fn merge(class: &str, bases: &[(String, Vec<String>)]) -> Merge {
    merge_inner(class, bases, true)
}

/// The merge as Python does it. A picked head is in no list's tail, so it can only stand at
/// the front of lists: removing it means moving those lists' starts on. `in_tails` counts,
/// for each class, the lists whose tail holds it, so each candidate is judged in O(1) and a
/// long chain costs linear, not cubic, time. `record` keeps the steps (only for the class the
/// reader looks at: a 2 000-deep chain's steps would be millions of list copies).
fn merge_inner(class: &str, bases: &[(String, Vec<String>)], record: bool) -> Merge {
    let base_names: Vec<String> = bases.iter().map(|(name, _)| name.clone()).collect();
    let done = |steps, result| Merge { class: class.to_owned(), bases: base_names.clone(), steps, result };
    for (i, name) in base_names.iter().enumerate() {
        if base_names[..i].contains(name) {
            return done(vec![], Err(Failure::DuplicateBase { base: name.clone() }));
        }
    }
    let mut lists: Vec<MergeList> = bases
        .iter()
        .map(|(name, mro)| MergeList { label: format!("L[{name}]"), items: mro.clone() })
        .collect();
    if !base_names.is_empty() {
        lists.push(MergeList { label: "bases".into(), items: base_names.clone() });
    }
    let mut starts = vec![0usize; lists.len()];
    let mut in_tails: HashMap<&str, usize> = HashMap::new();
    for list in &lists {
        for item in list.items.iter().skip(1) {
            *in_tails.entry(item.as_str()).or_default() += 1;
        }
    }
    let mut output = vec![class.to_owned()];
    let mut steps = vec![];
    loop {
        let live: Vec<usize> = (0..lists.len()).filter(|&i| starts[i] < lists[i].items.len()).collect();
        if live.is_empty() {
            return done(steps, Ok(output));
        }
        let snapshot = || -> Vec<MergeList> {
            live.iter().map(|&i| MergeList { label: lists[i].label.clone(), items: lists[i].items[starts[i]..].to_vec() }).collect()
        };
        let mut rejected: Vec<Rejection> = vec![];
        let mut picked: Option<String> = None;
        for &i in &live {
            let head = &lists[i].items[starts[i]];
            if rejected.iter().any(|r| &r.head == head) {
                continue; // the same head at the front of a later list: already judged
            }
            if in_tails.get(head.as_str()).copied().unwrap_or(0) == 0 {
                picked = Some(head.clone());
                break;
            }
            {
                // The first list (in merge order) whose tail holds the head, and who precedes it there.
                let (other, at) = live
                    .iter()
                    .find_map(|&j| lists[j].items[starts[j] + 1..].iter().position(|x| x == head).map(|at| (j, starts[j] + at)))
                    .expect("a head counted in a tail is in one");
                rejected.push(Rejection {
                    head: head.clone(),
                    in_tail_of: lists[other].label.clone(),
                    must_follow: lists[other].items[at].clone(),
                });
            }
        }
        let lists_then = if record { snapshot() } else { vec![] };
        match picked {
            Some(head) => {
                for &i in &live {
                    if lists[i].items[starts[i]] == head {
                        starts[i] += 1;
                        if let Some(next) = lists[i].items.get(starts[i]) {
                            // The new head has left this list's tail.
                            *in_tails.get_mut(next.as_str()).expect("counted") -= 1;
                        }
                    }
                }
                output.push(head.clone());
                if record {
                    steps.push(Step { lists: lists_then, rejected, picked: Some(head), output: output.clone() });
                }
            }
            None => {
                let heads = rejected.iter().map(|r| r.head.clone()).collect();
                steps.push(Step { lists: snapshot(), rejected: rejected.clone(), picked: None, output: output.clone() });
                return done(steps, Err(Failure::Inconsistent { heads, rejected }));
            }
        }
    }
}

/// The most classes [`linearize_all`] works through: deeper hierarchies get `TooLarge`.
pub const MAX_CLASSES: usize = 2_000;

/// Every class's merge, given each class's bases (`object` and other roots have none). Works
/// without recursion, so a 10 000-deep chain cannot overflow the stack; past [`MAX_CLASSES`]
/// each class is reported as too large instead of spending quadratic time.
pub fn linearize_all(classes: &[(String, Vec<String>)]) -> HashMap<String, Merge> {
    let mut merges: HashMap<String, Merge> = HashMap::new();
    if classes.len() > MAX_CLASSES {
        for (name, bases) in classes {
            let failure = Failure::TooLarge { limit: MAX_CLASSES };
            merges.insert(name.clone(), Merge { class: name.clone(), bases: bases.clone(), steps: vec![], result: Err(failure) });
        }
        return merges;
    }
    let bases_of: HashMap<&str, &Vec<String>> = classes.iter().map(|(n, b)| (n.as_str(), b)).collect();
    for (root, _) in classes {
        // Depth-first over the bases with an explicit stack; a class is merged once all its
        // bases are. `visiting` catches cycles, which real classes cannot have but data can.
        let mut stack: Vec<(&str, bool)> = vec![(root.as_str(), false)];
        let mut visiting: Vec<&str> = vec![];
        while let Some((name, expanded)) = stack.pop() {
            if merges.contains_key(name) {
                continue;
            }
            let Some(bases) = bases_of.get(name) else { continue };
            if !expanded {
                if visiting.contains(&name) {
                    let failure = Failure::BadBase { base: name.to_owned() };
                    merges.insert(name.to_owned(), Merge { class: name.to_owned(), bases: (*bases).clone(), steps: vec![], result: Err(failure) });
                    continue;
                }
                visiting.push(name);
                stack.push((name, true));
                for base in bases.iter().rev() {
                    if !merges.contains_key(base.as_str()) && bases_of.contains_key(base.as_str()) {
                        stack.push((base.as_str(), false));
                    }
                }
                continue;
            }
            visiting.retain(|v| *v != name);
            let merge = merge_with_known(name, bases, &merges, &bases_of);
            merges.insert(name.to_owned(), merge);
        }
    }
    merges
}

/// One class's merge with every step, its bases' MROs taken from the whole graph.
pub fn explain(class: &str, classes: &[(String, Vec<String>)]) -> Option<Merge> {
    let (_, bases) = classes.iter().find(|(name, _)| name == class)?;
    let merges = linearize_all(classes);
    let mut inputs = vec![];
    for base in bases {
        match merges.get(base).map(|m| &m.result) {
            Some(Ok(mro)) => inputs.push((base.clone(), mro.clone())),
            _ => return merges.get(class).cloned(),
        }
    }
    Some(merge(class, &inputs))
}

fn merge_with_known(
    name: &str,
    bases: &[String],
    merges: &HashMap<String, Merge>,
    bases_of: &HashMap<&str, &Vec<String>>,
) -> Merge {
    let fail = |failure| Merge { class: name.to_owned(), bases: bases.to_vec(), steps: vec![], result: Err(failure) };
    let mut inputs = vec![];
    for base in bases {
        if !bases_of.contains_key(base.as_str()) {
            return fail(Failure::UnknownBase { base: base.clone() });
        }
        match merges.get(base).map(|m| &m.result) {
            Some(Ok(mro)) => inputs.push((base.clone(), mro.clone())),
            _ => return fail(Failure::BadBase { base: base.clone() }),
        }
    }
    merge_inner(name, &inputs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(spec: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        spec.iter().map(|(n, b)| (n.to_string(), b.iter().map(|s| s.to_string()).collect())).collect()
    }

    #[test]
    fn diamond_records_why_a_head_waits() {
        let g = graph(&[("object", &[]), ("A", &["object"]), ("B", &["A"]), ("C", &["A"]), ("D", &["B", "C"])]);
        let d = &explain("D", &g).unwrap();
        assert_eq!(linearize_all(&g)["D"].result, d.result);
        assert_eq!(d.result, Ok(vec!["D".into(), "B".into(), "C".into(), "A".into(), "object".into()]));
        // Step 2 (after B): A heads L[B] but sits in L[C]'s tail, so C is picked instead.
        let second = &d.steps[1];
        assert_eq!(second.picked.as_deref(), Some("C"));
        assert_eq!(second.rejected, vec![Rejection { head: "A".into(), in_tail_of: "L[C]".into(), must_follow: "C".into() }]);
    }

    #[test]
    fn crossed_orders_fail_with_the_blocking_constraints() {
        let g = graph(&[("object", &[]), ("A", &["object"]), ("B", &["object"]), ("X", &["A", "B"]), ("Y", &["B", "A"]), ("Z", &["X", "Y"])]);
        let z = &explain("Z", &g).unwrap();
        let Err(Failure::Inconsistent { heads, rejected }) = &z.result else { panic!("{:?}", z.result) };
        assert_eq!(heads, &vec!["A".to_string(), "B".to_string()]);
        assert_eq!(rejected[0], Rejection { head: "A".into(), in_tail_of: "L[Y]".into(), must_follow: "B".into() });
        assert_eq!(rejected[1], Rejection { head: "B".into(), in_tail_of: "L[X]".into(), must_follow: "A".into() });
        assert!(z.result.as_ref().unwrap_err().explain().contains("A cannot come next: it appears in the tail of L[Y], after B"));
    }

    #[test]
    fn duplicates_unknowns_and_cycles_are_reported() {
        let g = graph(&[("object", &[]), ("A", &["object"]), ("X", &["A", "A"]), ("U", &["Nope"]), ("P", &["Q"]), ("Q", &["P"]), ("W", &["X"])]);
        let m = linearize_all(&g);
        assert_eq!(m["X"].result, Err(Failure::DuplicateBase { base: "A".into() }));
        assert_eq!(m["U"].result, Err(Failure::UnknownBase { base: "Nope".into() }));
        assert!(m["P"].result.is_err() && m["Q"].result.is_err());
        assert_eq!(m["W"].result, Err(Failure::BadBase { base: "X".into() }));
    }

    #[test]
    fn a_deep_chain_does_not_overflow_and_a_huge_one_is_refused() {
        let mut g = graph(&[("object", &[])]);
        for i in 0..1500 {
            g.push((format!("C{i}"), vec![if i == 0 { "object".into() } else { format!("C{}", i - 1) }]));
        }
        let m = linearize_all(&g);
        assert_eq!(m["C1499"].result.as_ref().unwrap().len(), 1501);
        for i in 1500..10_000 {
            g.push((format!("C{i}"), vec![format!("C{}", i - 1)]));
        }
        let m = linearize_all(&g);
        assert_eq!(m["C9999"].result, Err(Failure::TooLarge { limit: MAX_CLASSES }));
    }
}
