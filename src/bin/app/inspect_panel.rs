//! The Inspect view: the reader's program runs once more with the object-model observer on, and
//! the page shows what the VM reported: each class's inheritance graph, MRO and C3 merge, where
//! `super()` goes, where an attribute is found, how a class was created, and the exception
//! tree. Nothing here is drawn from the source text; the facts come from `dunder::inspect`.
//! Introspection runs only when the reader asks, so ordinary runs are not slower.

use crate::python::{self, Finish};
use dunder::inspect::report::{Bytecode, ClassFacts, GrowthMeasure, GrowthQuery, LookupQuery, SuperChain, SuperQuery};
use dunder::inspect::{InspectReport, InspectRequest, c3, draw, layout, task_chart, text};
use dunder::runner::{Ending, Program};
use leptos::prelude::*;

/// Inspect runs get the playground's default limit: the program ran within it once already.
const LIMIT_S: f64 = 10.0;

/// The lessons whose code offers Inspect: objects and classes, inheritance and the MRO,
/// dunder methods, descriptors and metaclasses, exceptions (the object model made visible),
/// asyncio (the task timeline), performance (Measure growth) and how CPython runs code (the
/// bytecode view).
const INSPECT_LESSONS: [&str; 8] = [
    "cpython-execution",
    "objects-and-classes",
    "inheritance-and-mro",
    "dunder-methods",
    "descriptors-and-metaclasses",
    "exceptions-and-exception-groups",
    "asyncio",
    "performance",
];

/// Whether the snippet or question `id` ("<slug>/<which>") offers Inspect.
pub fn offers_inspect(id: &str) -> bool {
    id.split_once('/').is_some_and(|(slug, _)| INSPECT_LESSONS.contains(&slug))
}

#[component]
pub fn InspectPanel(
    code: RwSignal<String>,
    stdin: Signal<String>,
    /// Earlier lesson snippets this one continues: Inspect runs them with it, as one program.
    #[prop(optional)]
    prefix: Vec<String>,
    /// Play's panel has its own heading; a snippet's sits under the lesson's section heading.
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let chained = !prefix.is_empty();
    let prefix = StoredValue::new(prefix);
    let report = RwSignal::new(None::<InspectReport>);
    let message = RwSignal::new("Inspect runs your program again with an observer on, then shows what Python built.".to_owned());
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(None::<String>);
    let method = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let attribute = RwSignal::new(String::new());
    let assigned = RwSignal::new(String::new());
    let grow_function = RwSignal::new(String::new());
    let grow_input = RwSignal::new(String::new());
    let bytecode_of = RwSignal::new(String::new());
    // How many inspections have ended (shown as `data-ended`, so a test can tell a new report
    // from an identical old one).
    let ended = RwSignal::new(0u32);

    let inspect = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set("Inspecting: running the program again with the observer on…".into());
        let mut request = InspectRequest::default();
        let name = method.get_untracked().trim().to_owned();
        if let Some(class) = chosen.get_untracked().filter(|_| !name.is_empty()) {
            request.supers.push(SuperQuery { class, method: name });
        }
        let (on, attr) = (target.get_untracked().trim().to_owned(), attribute.get_untracked().trim().to_owned());
        let value = assigned.get_untracked().trim().to_owned();
        if !on.is_empty() && !attr.is_empty() {
            // With a value, `obj.name = value`: where the assignment lands.
            let assign = (!value.is_empty()).then_some(value);
            request.lookups.push(LookupQuery { target: on, name: attr, assign });
        }
        let function = grow_function.get_untracked().trim().to_owned();
        if !function.is_empty() {
            let input = Some(grow_input.get_untracked().trim().to_owned()).filter(|i| !i.is_empty());
            request.growth = Some(GrowthQuery { function, input });
        }
        let target = bytecode_of.get_untracked().trim().to_owned();
        request.bytecode = (!target.is_empty()).then_some(target);
        let source = prefix.with_value(|p| p.iter().cloned().chain([code.get_untracked()]).collect::<Vec<_>>().join("\n"));
        let program = Program { source, stdin: stdin.get_untracked(), ..Default::default() };
        let on_report = Box::new(move |result: Result<(InspectReport, f64), String>| {
            busy.set(false);
            ended.update(|n| *n += 1);
            match result {
                Ok((found, elapsed_ms)) => {
                    let classes: Vec<&ClassFacts> = found.classes.iter().filter(|c| c.made_by_program).collect();
                    // Keep the reader's class if it is still there; else the last one defined.
                    let keep = chosen.get_untracked().filter(|id| classes.iter().any(|c| c.id == *id));
                    chosen.set(keep.or_else(|| classes.last().map(|c| c.id.clone())));
                    message.set(format!("Inspected in {elapsed_ms:.0} ms: {}.", ending_words(&found.ending)));
                    report.set(Some(found));
                }
                Err(problem) => message.set(format!("The inspector could not read this program: {problem}")),
            }
        });
        let on_finish = Box::new(move |finish: Finish| {
            busy.set(false);
            ended.update(|n| *n += 1);
            message.set(match finish {
                Finish::Stopped => "Inspect stopped.".to_owned(),
                Finish::TimedOut { limit_s } => format!("Inspect stopped: the program ran for more than {limit_s:.0} s."),
                Finish::Crashed { message } => format!("Python crashed while inspecting ({message}); it has been restarted."),
                Finish::Done { .. } => "Inspect ended without a report.".to_owned(),
            });
        });
        python::inspect(program, request, LIMIT_S, on_report, on_finish);
    };

    let class_options = move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                r.classes
                    .iter()
                    .filter(|c| c.made_by_program)
                    .map(|c| (c.id.clone(), if unique_name(r, &c.name) { c.qualname.clone() } else { c.id.clone() }))
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="inspect-panel" aria-label="Inspect" data-ended=move || ended.get().to_string()>
            {heading.then(|| view! { <h2>"Inspect"</h2> })}
            {chained.then(|| view! {
                <p class="inspect-note">"This snippet continues the ones before it: Inspect runs them together as one program, so line numbers count from the first."</p>
            })}
            <form class="inspect-form" on:submit=move |ev| {
                ev.prevent_default();
                inspect();
            }>
                <label>"Class "
                    <select disabled=move || class_options().is_none_or(|o| o.is_empty())
                        on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                        {move || match class_options() {
                            None => view! { <option value="">"(inspect first)"</option> }.into_any(),
                            Some(list) if list.is_empty() => view! { <option value="">"(no classes)"</option> }.into_any(),
                            Some(list) => list.into_iter().map(|(id, label)| {
                                let selected = chosen.get_untracked().as_deref() == Some(id.as_str());
                                view! { <option value=id selected=selected>{label}</option> }
                            }).collect_view().into_any(),
                        }}
                    </select>
                </label>
                <label>"super() chain of method "
                    <input type="text" spellcheck="false" placeholder="save" size="10"
                        prop:value=move || method.get() on:input=move |ev| method.set(event_target_value(&ev)) />
                </label>
                <span class="lookup-fields">
                    <label>"Look up "
                        <input type="text" spellcheck="false" placeholder="obj" size="8" aria-label="Look up: object (an expression)"
                            prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) />
                    </label>
                    "."
                    <input type="text" spellcheck="false" placeholder="name" size="8" aria-label="Look up: attribute name"
                        prop:value=move || attribute.get() on:input=move |ev| attribute.set(event_target_value(&ev)) />
                    <label>" = "
                        <input type="text" spellcheck="false" placeholder="(read)" size="6" aria-label="Assign: a value (leave empty to read)"
                            prop:value=move || assigned.get() on:input=move |ev| assigned.set(event_target_value(&ev)) />
                    </label>
                </span>
                <span class="growth-fields">
                    <label>"Measure growth of "
                        <input type="text" spellcheck="false" placeholder="function" size="9" aria-label="Measure growth: function, called with n or with input(n)"
                            prop:value=move || grow_function.get() on:input=move |ev| grow_function.set(event_target_value(&ev)) />
                    </label>
                    <label>" on input "
                        <input type="text" spellcheck="false" placeholder="(n itself)" size="9" aria-label="Measure growth: input maker, a function of n (empty: n itself)"
                            prop:value=move || grow_input.get() on:input=move |ev| grow_input.set(event_target_value(&ev)) />
                    </label>
                </span>
                <label>"Bytecode of "
                    <input type="text" spellcheck="false" placeholder="function" size="9" aria-label="Bytecode of: a function (or method) to disassemble"
                        prop:value=move || bytecode_of.get() on:input=move |ev| bytecode_of.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Inspecting…" } else { "Inspect" }}
                </button>
            </form>
            <p class="inspect-status" role="status">{move || message.get()}</p>
            {move || report.get().map(|r| view! { <ReportView report=r chosen=chosen.into() /> })}
        </section>
    }
}

/// Lines of `dunder::inspect::text` as list items (they carry their own numbers where needed).
fn items(lines: Vec<String>) -> impl IntoView {
    lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()
}

/// Whether the report has exactly one class called `name`; several are told apart by their ids
/// (`C#2`) in the picker, the MRO and the graph.
fn unique_name(report: &InspectReport, name: &str) -> bool {
    report.classes.iter().filter(|c| c.name == name).count() == 1
}

fn ending_words(ending: &Ending) -> String {
    match ending {
        Ending::Completed => "the program finished".into(),
        Ending::Exited { code } => format!("the program exited with status {code}"),
        Ending::Failed { line } => match line {
            Some(line) => format!("the program raised an exception (line {line})"),
            None => "the program raised an exception".into(),
        },
    }
}

#[component]
fn ReportView(report: InspectReport, chosen: Signal<Option<String>>) -> impl IntoView {
    let report = StoredValue::new(report);
    let notes = report.with_value(|r| r.notes.clone());
    let failed = report.with_value(|r| r.failed_classes.clone());
    let supers = report.with_value(|r| r.supers.clone());
    let lookups = report.with_value(|r| r.lookups.clone());
    let exception = report.with_value(|r| r.exception.clone());
    let splits = report.with_value(|r| r.splits.clone());
    let growth = report.with_value(|r| r.growth.clone());
    let tasks = report.with_value(|r| r.tasks.clone());
    let bytecode = report.with_value(|r| r.bytecode.clone());
    // An asyncio program's story is its tasks; "no classes" would only be noise there.
    let no_classes = tasks.is_empty() && report.with_value(|r| !r.classes.iter().any(|c| c.made_by_program) && r.failed_classes.is_empty());
    view! {
        {(!notes.is_empty()).then(|| view! {
            <ul class="inspect-notes">{items(notes)}</ul>
        })}
        {no_classes.then(|| view! { <p>"The program defines no classes."</p> })}
        {move || chosen.get().map(|id| report.with_value(|r| class_view(r, &id)))}
        {failed.into_iter().map(|f| {
            let graph = report.with_value(|r| r.graph());
            let steps = c3::explain(&f.name, &graph).map(|m| text::merge_lines(&m)).unwrap_or_default();
            let title = match f.line {
                Some(line) => format!("class {} (line {line}) was not created", f.name),
                None => format!("class {} was not created", f.name),
            };
            view! {
                <section class="inspect-section failed-class">
                    <h3>{title}</h3>
                    <p class="python-error">{f.error}</p>
                    {(!steps.is_empty()).then(|| view! {
                        <p>"The C3 merge, step by step, shows the constraint that fails:"</p>
                        <ol class="c3-steps">{items(steps)}</ol>
                    })}
                </section>
            }
        }).collect_view()}
        {(!supers.is_empty()).then(|| view! {
            <section class="inspect-section">
                <h3>"Where super() goes"</h3>
                {supers.into_iter().map(super_view).collect_view()}
            </section>
        })}
        {(!lookups.is_empty()).then(|| view! {
            <section class="inspect-section">
                <h3>"Attribute lookup"</h3>
                {lookups.iter().map(|t| view! {
                    <ol class="lookup-steps">{items(text::lookup_lines(t))}</ol>
                }).collect_view()}
            </section>
        })}
        {growth.map(growth_view)}
        {bytecode.map(bytecode_view)}
        {(!tasks.is_empty()).then(move || tasks_view(tasks))}
        {(!splits.is_empty()).then(|| view! {
            <section class="inspect-section">
                <h3>"How except* split the group"</h3>
                <p class="inspect-figure-text">"Read from the VM while each handler ran: the group each clause received."</p>
                {splits.iter().map(|split| view! {
                    <div class="inspect-drawing" inner_html=draw::except_star_split(split)></div>
                    <ul class="split-lines">{items(text::split_lines(split))}</ul>
                }).collect_view()}
            </section>
        })}
        {exception.map(|root| {
            let lines = text::exception_lines(&root);
            let svg = draw::exception_tree(&root);
            view! {
                <section class="inspect-section">
                    <h3>"The exception, as a tree"</h3>
                    <div class="inspect-drawing" inner_html=svg></div>
                    <p class="inspect-figure-text">"In full, with notes and the line of each traceback:"</p>
                    <ul class="exception-tree">
                        {lines.into_iter().map(|line| {
                            let depth = line.len() - line.trim_start().len();
                            view! { <li style=format!("padding-left: {}ch", depth)>{line.trim_start().to_owned()}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// When each asyncio task ran: the lanes, then each task in words (folded: there can be fifty).
fn tasks_view(tasks: Vec<dunder::inspect::tasks::AsyncTask>) -> impl IntoView {
    let svg = task_chart::task_timeline(&tasks);
    let lines = task_chart::task_lines(&tasks);
    let unfold = tasks.len() <= 4;
    view! {
        <section class="inspect-section tasks">
            <h3>"When each asyncio task ran"</h3>
            <p class="inspect-figure-text">"Recorded by the event loop as the program ran, in loop time: a bar while a task's code runs, a dashed line while it waits (hover or focus for what it awaited), a triangle where something asked it to cancel, and ✓ finished, ✕ failed, ⊘ cancelled. Times include Inspect's own recording."</p>
            {svg.map(|svg| view! { <div class="inspect-drawing" inner_html=svg></div> })}
            <details class="task-steps" open=unfold>
                <summary>"Each task, step by step"</summary>
                {lines.into_iter().map(|task| {
                    let mut task = task.into_iter();
                    let head = task.next().unwrap_or_default();
                    view! {
                        <p class="task-head">{head}</p>
                        <ul class="task-lines">{items(task.collect())}</ul>
                    }
                }).collect_view()}
            </details>
        </section>
    }
}

/// `dis` of the function asked for, labelled as RustPython's, with where to read about CPython's.
fn bytecode_view(code: Bytecode) -> impl IntoView {
    let body = match &code.error {
        Some(problem) => view! { <p class="python-error">{format!("No bytecode: {problem}.")}</p> }.into_any(),
        None => view! {
            <table class="bytecode">
                <caption>{format!("{}: {} instructions{}", code.name, code.instructions.len(), if code.truncated { " (the first ones)" } else { "" })}</caption>
                <thead><tr><th scope="col">"Line"</th><th scope="col">"Offset"</th><th scope="col">"Instruction"</th><th scope="col">"Argument"</th></tr></thead>
                <tbody>
                    {code.instructions.iter().map(|i| view! {
                        <tr class:starts-line=i.line.is_some()>
                            <td>{i.line.map(|l| l.to_string()).unwrap_or_default()}</td>
                            <td>{i.label.clone().map(|l| format!("{l}: {}", i.offset)).unwrap_or_else(|| i.offset.to_string())}</td>
                            <td>{i.opname.clone()}</td>
                            <td>{i.argrepr.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    };
    view! {
        <section class="inspect-section bytecode-view">
            <h3>{format!("Bytecode of {} (RustPython's)", code.target)}</h3>
            <p class="inspect-figure-text">
                "This is the bytecode of RustPython, the Python running in this page, not CPython's. RustPython's compiler follows CPython 3.14's instruction set; for small functions like the lessons' the instructions are the same (a test compares them), but arguments, larger constructs and specialisation can differ. "
                <a href=format!("{}#dis", crate::base::href("lesson/cpython-execution"))>"Reading CPython's bytecode with dis"</a>
                " explains the instructions; "
                <a href=format!("{}#specialisation", crate::base::href("lesson/cpython-execution"))>"the specialising interpreter"</a>
                " shows where RustPython's adaptive choices differ from CPython's."
            </p>
            {body}
        </section>
    }
}

/// Steps against n: the plot, the fit in words, the sizes measured.
fn growth_view(measure: GrowthMeasure) -> impl IntoView {
    let body = match &measure.error {
        Some(problem) => view! { <p class="python-error">{format!("Could not measure: {problem}.")}</p> }.into_any(),
        None => {
            let svg = draw::growth_plot(&measure);
            let mut lines = text::growth_lines(&measure);
            let sizes = lines.split_off(1);
            view! {
                {svg.map(|svg| view! { <div class="inspect-drawing" inner_html=svg></div> })}
                <ul class="growth-lines">{items(lines)}</ul>
                // Up to 28 sizes: folded, so the plot and the fit stay on the first screen.
                <details class="growth-sizes">
                    <summary>"Steps at each size"</summary>
                    <ul class="growth-lines">{items(sizes)}</ul>
                </details>
            }
            .into_any()
        }
    };
    view! {
        <section class="inspect-section growth">
            <h3>"Growth: steps against n"</h3>
            <p class="inspect-figure-text">"A step is one line of Python starting to run (counted by sys.settrace; the same on every run). Work inside built-ins counts only through the Python code they call, such as an element's __eq__."</p>
            {body}
        </section>
    }
}

/// One class: its inheritance graph, `__mro__`, the C3 merge and its creation timeline.
fn class_view(report: &InspectReport, id: &str) -> AnyView {
    let Some(facts) = report.classes.iter().find(|c| c.id == id) else {
        return ().into_any();
    };
    let graph = report.graph();
    let name_of = |id: &str| match report.classes.iter().find(|c| c.id == id) {
        Some(c) if unique_name(report, &c.name) => c.name.clone(),
        _ => id.to_owned(),
    };
    let drawing = match layout::layout(&graph, id, &facts.mro) {
        Ok(l) => {
            let svg = draw::inheritance_graph(&l, &facts.mro, name_of, id);
            view! { <div class="inspect-drawing" inner_html=svg></div> }.into_any()
        }
        Err(why) => view! { <p class="inspect-drawing-missing">{format!("No drawing: {why}.")}</p> }.into_any(),
    };
    let bases: Vec<String> = graph
        .iter()
        .filter(|(c, _)| facts.mro.contains(c))
        .map(|(c, b)| if b.is_empty() { format!("{} (no bases)", name_of(c)) } else { format!("{}({})", name_of(c), b.iter().map(|b| name_of(b)).collect::<Vec<_>>().join(", ")) })
        .collect();
    let mro_text = facts.mro.iter().map(|m| name_of(m)).collect::<Vec<_>>().join(", ");
    let merge = c3::explain(id, &graph);
    let agrees = merge.as_ref().and_then(|m| m.result.as_ref().ok()).is_some_and(|mro| *mro == facts.mro);
    let steps = merge.map(|m| text::merge_lines(&m)).unwrap_or_default();
    let creation = creation_of(report, facts);
    view! {
        <section class="inspect-section">
            <h3>{format!("class {}", facts.qualname)}</h3>
            <p class="mro">"__mro__: " <code>{format!("({mro_text})")}</code></p>
            {facts.custom_mro.then(|| view! {
                <p class="inspect-note">{format!("Its metaclass {} overrides mro(), so C3 is not what built __mro__.", facts.metaclass)}</p>
            })}
            <figure class="inspect-figure">
                <figcaption>"Inheritance graph: each class points to its bases; numbers are places in the MRO."</figcaption>
                {drawing}
                <details><summary>"As text"</summary>
                    <ul>{items(bases)}</ul>
                </details>
            </figure>
            <h4>"The C3 merge, step by step"</h4>
            <ol class="c3-steps">{items(steps)}</ol>
            {(!agrees && !facts.custom_mro).then(|| view! {
                <p class="inspect-note">"The merge above differs from the __mro__ the VM reports: please report this program."</p>
            })}
            {creation.map(|c| {
                let svg = draw::creation_timeline(&c);
                let lines = text::timeline_lines(&c);
                view! {
                    <figure class="inspect-figure">
                        <figcaption>"How the class statement ran, in order"</figcaption>
                        <div class="inspect-drawing" inner_html=svg></div>
                        <details><summary>"As text"</summary>
                            <ol class="timeline-lines">{items(lines.into_iter().skip(1).collect())}</ol>
                        </details>
                    </figure>
                }
            })}
        </section>
    }
    .into_any()
}

/// The timeline of the class statement that made `facts` (ids of repeated names end in `#n`:
/// the n-th statement of that name).
fn creation_of(report: &InspectReport, facts: &ClassFacts) -> Option<dunder::inspect::report::ClassCreation> {
    let nth = facts.id.rsplit_once('#').and_then(|(_, n)| n.parse::<usize>().ok()).unwrap_or(1);
    report.timeline.iter().filter(|c| c.class == facts.name).nth(nth - 1).cloned()
}

fn super_view(chain: SuperChain) -> impl IntoView {
    let start = format!("{}().{}()", chain.class, chain.method);
    let mut lines = vec![];
    if let Some(first) = chain.chain.first() {
        lines.push(format!("{start} runs {}.{}", first.class, chain.method));
    }
    for link in &chain.chain {
        match (&link.reaches, link.calls_super) {
            (Some(next), true) => lines.push(format!("super().{}() inside {} reaches {next}.{}", chain.method, link.class, chain.method)),
            (None, true) => lines.push(format!("super().{}() inside {} finds no further {} (AttributeError)", chain.method, link.class, chain.method)),
            (_, false) => lines.push(format!("{}.{} does not call super(): the chain stops", link.class, chain.method)),
        }
    }
    let resolutions: Vec<String> = chain
        .resolutions
        .iter()
        .map(|r| match &r.reaches {
            Some(next) => format!("inside {}: super().{} reaches {next}", r.inside, chain.method),
            None => format!("inside {}: nothing after it defines {}", r.inside, chain.method),
        })
        .collect();
    view! {
        <div class="super-chain">
            {chain.error.map(|e| view! { <p class="python-error">{e}</p> })}
            <ol>{items(lines)}</ol>
            <details><summary>{format!("From every class on {}'s MRO", chain.class)}</summary>
                <ul>{items(resolutions)}</ul>
            </details>
        </div>
    }
}
