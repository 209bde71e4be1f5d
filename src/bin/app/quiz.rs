//! Quiz questions: multiple choice, predict-the-output, and coding exercises. Every answer is
//! an attempt in the history (see attempt.rs); `mode` says whether this is a lesson, a review, a
//! mock interview or a class set. The `data-key` / `data-submit` attributes are what the
//! keyboard shortcuts of the practice pages press (see keys.rs).

use crate::attempt::{Mode, Stopwatch, read_again};
use crate::editor::CodeEditor;
use crate::inspect_panel::{InspectPanel, offers_inspect};
use crate::output_view::{OutputView, RunState};
use crate::python::{self, Finish};
use crate::storage;
use dunder::lesson::{Choice, Exercise, Predict, exercise, output_matches};
use dunder::practice::catalogue::Kind;
use dunder::practice::history::Outcome;
use dunder::runner::{Program, output::Stream};
use leptos::prelude::*;

fn outcome(right: bool) -> Outcome {
    if right { Outcome::Right } else { Outcome::Wrong }
}

/// What the reader sees once a hidden-feedback answer (mock, class) is in.
fn saved_note() -> impl IntoView {
    view! { <p class="verdict saved" role="status">"Answer saved. Explanations come at the end."</p> }
}

#[component]
pub fn ChoiceQuestion(choice: Choice, #[prop(optional)] mode: Mode) -> impl IntoView {
    let picked = RwSignal::new(None::<usize>);
    // In review/mock/class an option is selected first, then submitted (Enter).
    let selected = RwSignal::new(None::<usize>);
    let done = RwSignal::new(storage::solved(&choice.id));
    let watch = Stopwatch::new(mode.once);
    let name = format!("{}-{:?}", choice.id, mode.place);
    let id = StoredValue::new(choice.id.clone());
    let options = choice.options.clone();
    let correct_of = StoredValue::new(choice.options.iter().map(|o| o.correct).collect::<Vec<_>>());
    let feedback_options = choice.options.clone();
    let answer = move |i: usize| {
        let correct = correct_of.with_value(|c| c[i]);
        picked.set(Some(i));
        if correct {
            done.set(true);
        }
        mode.answered(&id.get_value(), Kind::Choice, outcome(correct), Some(i.to_string()), watch.lap());
    };
    let locked = move || mode.once && picked.get().is_some();
    view! {
        <fieldset class="quiz choice" class:done=move || done.get() && mode.feedback
            on:pointerenter=move |_| watch.start() on:focusin=move |_| watch.start()>
            <legend class="question" inner_html=choice.question_html.clone()></legend>
            {options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    view! {
                        <label class="option">
                            <input type="radio" name=name.clone() data-key=(i + 1).to_string() disabled=locked
                                on:change=move |_| if mode.once { selected.set(Some(i)) } else { answer(i) } />
                            {mode.once.then(|| view! { <span class="key-hint" aria-hidden="true">{(i + 1).to_string()}</span> })}
                            <span inner_html=option.html.clone()></span>
                        </label>
                    }
                })
                .collect_view()}
            {mode.once.then(|| view! {
                <div class="toolbar">
                    <button class="primary" data-submit="" disabled=move || selected.get().is_none() || locked()
                        on:click=move |_| if let Some(i) = selected.get_untracked() { answer(i) }>"Submit"</button>
                </div>
            })}
            <div class="feedback" role="status" aria-live="polite">
                {move || {
                    picked.get().map(|i| {
                        if !mode.feedback {
                            return saved_note().into_any();
                        }
                        let option = &feedback_options[i];
                        let verdict = if option.correct { "Correct." } else { "Not quite." };
                        // Outside the lesson, a miss also shows the right answer and where to read up.
                        let right = (!option.correct && mode.once).then(|| {
                            feedback_options.iter().find(|o| o.correct).map(|o| view! {
                                <p class="right-answer">"The right answer: " <span inner_html=o.html.clone()></span></p>
                                <div inner_html=o.explanation_html.clone()></div>
                            })
                        });
                        let again = (!option.correct && mode.once).then(|| read_again(&id.get_value()));
                        view! {
                            <p class=if option.correct { "verdict right" } else { "verdict wrong" }>{verdict}</p>
                            <div inner_html=option.explanation_html.clone()></div>
                            {right}
                            {again}
                        }
                        .into_any()
                    })
                }}
            </div>
        </fieldset>
    }
}

#[component]
pub fn PredictQuestion(predict: Predict, #[prop(optional)] mode: Mode) -> impl IntoView {
    let guess = RwSignal::new(String::new());
    let state = RunState::new();
    let RunState { log, finished, .. } = state;
    let verdict = RwSignal::new(None::<bool>);
    let running = RwSignal::new(false);
    let done = RwSignal::new(storage::solved(&predict.id));
    let watch = Stopwatch::new(mode.once);
    let code = predict.code.clone();
    let expected = predict.expected.for_rustpython().to_owned();
    let id = StoredValue::new(predict.id.clone());
    let check = move || {
        if running.get_untracked() || (mode.once && verdict.get_untracked().is_some()) {
            return;
        }
        let ms = watch.lap();
        verdict.set(None);
        running.set(true);
        let expected = expected.clone();
        let (on_output, on_finish) = state.start();
        python::run(
            Program { source: code.clone(), ..Default::default() },
            10.0,
            on_output,
            Box::new(move |finish: Finish| {
                on_finish(finish);
                let normalise = |s: &str| s.trim_end().replace("\r\n", "\n");
                let printed: String = log.with_untracked(|l| l.0.iter().filter(|(s, _)| *s != Stream::Notice).map(|(_, t)| t.clone()).collect());
                let typed = guess.get_untracked();
                let right = output_matches(&normalise(&expected), &normalise(&typed)) || normalise(&printed) == normalise(&typed);
                if right {
                    done.set(true);
                }
                running.set(false);
                verdict.set(Some(right));
                mode.answered(&id.get_value(), Kind::Predict, outcome(right), Some(typed), ms);
            }),
        );
    };
    let check = StoredValue::new(check);
    let status = Signal::derive(move || finished.get().unwrap_or_default());
    let explanation = predict.explanation_html.clone();
    // Inspect comes after the answer (the classes and MRO it shows can give the answer away).
    let inspect_offered = offers_inspect(&predict.id);
    let show_inspect = RwSignal::new(false);
    let inspect_code = RwSignal::new(predict.code.clone());
    view! {
        <div class="quiz predict" class:done=move || done.get() && mode.feedback
            on:pointerenter=move |_| watch.start() on:focusin=move |_| watch.start()>
            <p class="question">"What does this print?"</p>
            <pre class="code-display"><code>{predict.code.clone()}</code></pre>
            <label class="guess">"Your prediction"
                <textarea rows="3" spellcheck="false" prop:value=move || guess.get()
                    disabled=move || mode.once && verdict.get().is_some()
                    on:input=move |ev| guess.set(event_target_value(&ev))></textarea>
            </label>
            <div class="toolbar">
                <button class="primary" data-submit="" disabled=move || running.get() || (mode.once && verdict.get().is_some())
                    on:click=move |_| check.with_value(|c| c())>
                    {move || if running.get() { "Running…" } else if mode.feedback { "Run and compare" } else { "Submit" }}
                </button>
            </div>
            <Show when=move || verdict.get().is_some() && !mode.feedback>{saved_note()}</Show>
            <Show when=move || verdict.get().is_some() && mode.feedback>
                <OutputView log=log status=status />
                <div class="feedback" role="status">
                    <p class=move || if verdict.get() == Some(true) { "verdict right" } else { "verdict wrong" }>
                        {move || if verdict.get() == Some(true) { "You predicted it exactly." } else { "Not what it printed — compare with the output above." }}
                    </p>
                    <div inner_html=explanation.clone()></div>
                    {move || (verdict.get() == Some(false) && mode.once).then(|| read_again(&id.get_value()))}
                </div>
                {inspect_offered.then(|| view! {
                    <div class="toolbar">
                        <button aria-expanded=move || show_inspect.get().to_string()
                            on:click=move |_| show_inspect.update(|s| *s = !*s)>"Inspect"</button>
                    </div>
                    {move || show_inspect.get().then(|| view! {
                        <InspectPanel code=inspect_code stdin=Signal::stored(String::new()) />
                    })}
                })}
            </Show>
        </div>
    }
}

#[component]
pub fn ExerciseTask(exercise: Exercise, #[prop(optional)] mode: Mode) -> impl IntoView {
    let code = RwSignal::new(storage::load_code(&exercise.id).unwrap_or_else(|| exercise.starter.clone()));
    let state = RunState::new();
    let RunState { log, finished, error_line, .. } = state;
    let results = RwSignal::new(None::<Vec<exercise::CheckResult>>);
    let show_solution = RwSignal::new(false);
    let running = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let done = RwSignal::new(storage::solved(&exercise.id));
    let watch = Stopwatch::new(mode.once);
    let id = StoredValue::new(exercise.id.clone());
    let save_id = exercise.id.clone();
    Effect::new(move |first: Option<()>| {
        let current = code.get();
        if first.is_some() {
            storage::save_code(&save_id, &current);
        }
    });
    let checks = exercise.checks.clone();
    let run = Callback::new(move |()| {
        if running.get_untracked() || (mode.once && submitted.get_untracked()) {
            return;
        }
        let ms = watch.lap();
        results.set(None);
        running.set(true);
        let typed = code.get_untracked();
        let source = exercise::program(&typed, &checks);
        let (on_output, on_finish) = state.start();
        python::run(
            Program { source, ..Default::default() },
            10.0,
            on_output,
            Box::new(move |finish| {
                on_finish(finish);
                // Move the results line out of what the reader sees.
                let (printed, found) = log.with_untracked(|l| {
                    let stdout: String = l.0.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.clone()).collect();
                    exercise::split_results(&stdout)
                });
                if found.is_some() {
                    log.update(|l| {
                        let others: Vec<_> = l.0.iter().filter(|(s, _)| *s != Stream::Stdout).cloned().collect();
                        l.0.clear();
                        if !printed.is_empty() {
                            l.push(Stream::Stdout, &printed);
                        }
                        for (s, t) in others {
                            l.push(s, &t);
                        }
                    });
                }
                let passed = found.as_ref().is_some_and(|r| !r.is_empty() && r.iter().all(|c| c.passed));
                if passed {
                    done.set(true);
                }
                running.set(false);
                submitted.set(true);
                results.set(Some(found.unwrap_or_default()));
                mode.answered(&id.get_value(), Kind::Exercise, outcome(passed), Some(typed), ms);
            }),
        );
    });
    let status = Signal::derive(move || finished.get().unwrap_or_default());
    let starter = exercise.starter.clone();
    let reset_id = exercise.id.clone();
    let solution = exercise.solution.clone();
    let failed = move || results.get().is_some_and(|r| r.is_empty() || r.iter().any(|c| !c.passed));
    view! {
        <div class="quiz exercise" class:done=move || done.get() && mode.feedback
            on:pointerenter=move |_| watch.start() on:focusin=move |_| watch.start()>
            <p class="question">"Exercise: make every check pass."</p>
            <CodeEditor code=code error_line=error_line.into() on_run=run label="Exercise code" />
            <div class="toolbar">
                <button class="primary" data-submit="" disabled=move || running.get() || (mode.once && submitted.get())
                    on:click=move |_| run.run(())>
                    {move || if running.get() { "Running…" } else if mode.feedback { "Run checks" } else { "Submit" }}
                </button>
                <button on:click=move |_| {
                    code.set(starter.clone());
                    storage::forget_code(&reset_id);
                }>"Reset"</button>
                {mode.feedback.then(|| view! {
                    <button on:click=move |_| show_solution.update(|s| *s = !*s)>
                        {move || if show_solution.get() { "Hide solution" } else { "Show solution" }}
                    </button>
                })}
            </div>
            <Show when=move || submitted.get() && !mode.feedback>{saved_note()}</Show>
            <Show when=move || results.get().is_some() && mode.feedback>
                <ul class="checks" aria-label="Check results">
                    {move || {
                        let list = results.get().unwrap_or_default();
                        if list.is_empty() {
                            view! { <li class="fail">"The checks did not run: your code raised an error (see the output)."</li> }.into_any()
                        } else {
                            list.into_iter()
                                .map(|c| {
                                    let label = exercise::check_label(&c.name);
                                    view! {
                                        <li class=if c.passed { "pass" } else { "fail" }>
                                            {if c.passed { "✓ " } else { "✗ " }}{label}
                                            {(!c.message.is_empty()).then(|| format!(" — {}", c.message))}
                                        </li>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </ul>
                <OutputView log=log status=status />
                {move || (failed() && mode.once).then(|| read_again(&id.get_value()))}
            </Show>
            <Show when=move || show_solution.get()>
                <pre class="code-display solution"><code>{solution.clone()}</code></pre>
            </Show>
        </div>
    }
}
