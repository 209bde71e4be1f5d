//! The step-by-step C3 merge computed in Rust (src/inspect/c3.rs) gives exactly the `__mro__`
//! the VM builds, and fails exactly where Python raises TypeError, for a corpus of hierarchies
//! run as real Python through the project's Runner.

use dunder::inspect::c3;
use dunder::runner::{Ending, Program, Runner, output::Stream};
use serde::Deserialize;
use std::collections::HashMap;

/// Each hierarchy is class statements in order, `Name(Base, ...)` (no bases = plain `class Name:`),
/// separated by `;`. Bases may be builtins. Names marked `!` must fail to be created.
const CORPUS: &[&str] = &[
    // single inheritance and chains
    "A",
    "A; B(A)",
    "A; B(A); C(B); D(C); E(D)",
    "A(object); B(A, object)",
    // diamonds
    "A; B(A); C(A); D(B, C)",
    "A; B(A); C(A); D(C, B)",
    "A; B(A); C(A); D(B, C); E(D, C)",
    "A; B(A); C(A); D(A); E(B, C, D)",
    "A; B(A); C(A); D(B, C); E(B); F(E, D)",
    // the classic examples from the literature (Python 2.3 MRO paper)
    "O; F(O); E(O); D(O); C(D, F); B(D, E); A(B, C)",
    "O; F(O); E(O); D(O); C(D, F); B(E, D); A(B, C)",
    "A; B(A); C(A); D(B); E(C); F(D, E)",
    // mixins
    "Base; LoggingMixin; JsonMixin; Model(LoggingMixin, JsonMixin, Base)",
    "Base; M1; M2; M3; M4; Thing(M1, M2, M3, M4, Base)",
    "Base; M1(Base); M2(Base); M3(M1); M4(M2); Thing(M3, M4)",
    "Root; Mix1(Root); Mix2(Mix1); Mix3(Mix2); Mix4(Mix3); Leaf(Mix4, Mix1)",
    "Root; A(Root); B(Root); C(Root); AB(A, B); BC(B, C); ABC(AB, BC)",
    "Root; A(Root); B(Root); C(Root); AB(A, B); BC(B, C); AC(A, C); All(AB, BC, AC)",
    // builtins as bases
    "MyInt(int)",
    "MyDict(dict); Ordered(MyDict)",
    "E1(Exception); E2(E1); E3(ValueError, E2)",
    "Mix; Err(Mix, KeyError)",
    "L(list); S(L); T(S, list)",
    "Meta(type); Meta2(Meta)",
    "A; B(A); C(B, object)",
    "A; B; C(A, B); D(B); E(C, D)",
    "A; B; C; D(A, B); E(B, C); F(D, E)",
    "A; B; C; D(A, B, C); E(C, B, A)",
    "X; Y; Z; A(X, Y); B(Y, Z); M(A, B, Z)",
    // wide and deep
    "A; B; C; D; E; F; G; H; W(A, B, C, D, E, F, G, H)",
    "A; B(A); C(B); D(C); E(D); F(E); G(F); H(G); I(H); J(I); K(J, A); !Bad(A, J)",
    "P; Q(P); R(P); S(Q, R); T(Q, R); U(S, T)",
    // ones that must fail
    "A; B; X(A, B); Y(B, A); !Z(X, Y)",
    "A; B(A); !C(A, B)",
    "!D(object, int)",
    "A; !B(A, A)",
    "A; B(A); C(B); !D(A, C)",
    "A; B; C(A, B); D(B, A); E(C); !F(E, D)",
    "O; X(O); Y(O); A(X, Y); B(Y, X); !Z(A, B)",
    "A; B(A); !C(object, A)",
    "A; B(A); C(A); D(B, C); !E(A, D)",
    "Mix; Base(Mix); !Child(Mix, Base)",
    "A; B; C; AB(A, B); BC(B, C); CA(C, A); !All(AB, BC, CA)",
    "E1(Exception); !E2(Exception, E1)",
    // a failure does not stop the classes after it
    "A; B(A); !C(A, B); D(B); E(D, A)",
];

#[derive(Deserialize, Debug)]
struct ClassInfo {
    bases: Vec<String>,
    mro: Option<Vec<String>>,
}

#[derive(Deserialize, Debug)]
struct Report {
    classes: HashMap<String, ClassInfo>,
    /// Class statements Python refused, with the TypeError's message.
    failed: HashMap<String, String>,
    /// The order the statements ran in (so the Rust side knows the graph's insertion order).
    order: Vec<String>,
}

/// The Python program for one hierarchy: runs each class statement, catching TypeError, and
/// prints every class reachable from them (builtins included) as JSON.
fn program(spec: &str) -> (String, Vec<(String, bool)>) {
    let mut source = String::from("import json\n_made, _failed, _order = [], {}, []\n");
    let mut statements = vec![];
    for statement in spec.split(';').map(str::trim) {
        let must_fail = statement.starts_with('!');
        let statement = statement.trim_start_matches('!');
        let (name, bases) = match statement.split_once('(') {
            Some((name, rest)) => (name.trim(), rest.trim_end_matches(')')),
            None => (statement, ""),
        };
        source.push_str(&format!(
            "_order.append({name:?})\ntry:\n    class {name}({bases}):\n        pass\n    _made.append({name})\nexcept TypeError as e:\n    _failed[{name:?}] = str(e)\n"
        ));
        statements.push((name.to_owned(), must_fail));
    }
    source.push_str(
        "_seen, _todo = {}, list(_made)\n\
         while _todo:\n    c = _todo.pop()\n    if c.__name__ in _seen: continue\n    \
         _seen[c.__name__] = {'bases': [b.__name__ for b in c.__bases__], 'mro': [k.__name__ for k in c.__mro__]}\n    \
         _todo.extend(c.__bases__)\n\
         print(json.dumps({'classes': _seen, 'failed': _failed, 'order': _order}))\n",
    );
    (source, statements)
}

#[test]
fn rust_c3_equals_the_vms_mro_for_the_corpus() {
    assert!(CORPUS.len() >= 40, "the corpus has {} hierarchies", CORPUS.len());
    let runner = Runner::new().unwrap();
    let mut failures = vec![];
    let (mut classes_checked, mut failures_checked) = (0, 0);
    for spec in CORPUS {
        let (source, statements) = program(spec);
        let (outcome, chunks) = runner.run_collect(&Program { source: source.clone(), ..Default::default() });
        let stdout: String = chunks.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.as_str()).collect();
        assert_eq!(outcome.ending, Ending::Completed, "{spec}: {chunks:?}");
        let report: Report = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{spec}: {e}: {stdout}"));
        assert_eq!(report.order.len(), statements.len());
        // The graph as the Rust side sees it: every class the VM knows, plus the failed
        // statements with the bases they asked for.
        let mut graph: Vec<(String, Vec<String>)> = report.classes.iter().map(|(n, c)| (n.clone(), c.bases.clone())).collect();
        for (name, _) in &statements {
            if report.failed.contains_key(name) {
                let wanted = spec.split(';').map(|s| s.trim().trim_start_matches('!')).find(|s| s.split('(').next() == Some(name)).unwrap();
                let bases = wanted.split_once('(').map(|(_, b)| b.trim_end_matches(')').split(',').map(|s| s.trim().to_owned()).collect()).unwrap_or_default();
                graph.push((name.clone(), bases));
            }
        }
        let merges = c3::linearize_all(&graph);
        for (name, must_fail) in &statements {
            let merge = &merges[name];
            match (report.failed.get(name), &merge.result) {
                (None, Ok(mro)) => {
                    let python = report.classes[name].mro.as_ref().unwrap();
                    if mro != python {
                        failures.push(format!("{spec}: {name}: Rust {mro:?} but Python {python:?}"));
                    }
                    if *must_fail {
                        failures.push(format!("{spec}: {name} was meant to fail"));
                    }
                    classes_checked += 1;
                }
                (Some(error), Err(failure)) => {
                    if !must_fail {
                        failures.push(format!("{spec}: {name} failed unexpectedly: {error}"));
                    }
                    // The step-by-step merge (what the page shows) agrees with the quick one.
                    let explained = c3::explain(name, &graph).unwrap();
                    if &explained.result != &merge.result {
                        failures.push(format!("{spec}: {name}: explain() {:?} vs {:?}", explained.result, merge.result));
                    }
                    if let c3::Failure::Inconsistent { heads, .. } = failure {
                        // Python names the same blocked heads in its message.
                        if !heads.iter().all(|h| error.contains(h.as_str())) || !error.contains("consistent method resolution") {
                            failures.push(format!("{spec}: {name}: Python says {error:?}, Rust blocks {heads:?}"));
                        }
                    }
                    failures_checked += 1;
                }
                (python, rust) => failures.push(format!("{spec}: {name}: Python {python:?}, Rust {rust:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("checked {} hierarchies: {classes_checked} classes built, {failures_checked} refused", CORPUS.len());
    assert!(failures_checked >= 12 && classes_checked >= 150, "{failures_checked} failures, {classes_checked} classes");
}

#[test]
fn every_merge_step_picks_the_first_free_head() {
    // The recorded steps replay to the result: each step's picked head is the first head not in
    // any tail, and every rejected head really is in the tail it names.
    let g: Vec<(String, Vec<String>)> = [("O", ""), ("F", "O"), ("E", "O"), ("D", "O"), ("C", "D F"), ("B", "D E"), ("A", "B C")]
        .iter()
        .map(|(n, b)| (n.to_string(), b.split_whitespace().map(str::to_owned).collect()))
        .collect();
    let merge = c3::explain("A", &g).unwrap();
    assert_eq!(merge.result.as_ref().unwrap().join(" "), "A B C D E F O");
    for step in &merge.steps {
        for r in &step.rejected {
            let list = step.lists.iter().find(|l| l.label == r.in_tail_of).unwrap();
            let at = list.items[1..].iter().position(|x| *x == r.head).unwrap() + 1;
            assert!(list.items[..at].contains(&r.must_follow), "{r:?} in {list:?}");
        }
        let picked = step.picked.as_ref().unwrap();
        assert!(step.lists.iter().all(|l| !l.items[1..].contains(picked)));
    }
    // B's L[D]... : after A, B is picked at once; after D, O waits for E and F.
    assert_eq!(merge.steps[0].picked.as_deref(), Some("B"));
    assert!(merge.steps.iter().any(|s| s.rejected.iter().any(|r| r.head == "O")));
}
