//! Quiz questions: multiple choice, predict-the-output, and coding exercises.

use crate::editor::CodeEditor;
use crate::output_view::{OutputView, RunState};
use crate::python::{self, Finish};
use crate::storage;
use dunder::lesson::{Choice, Exercise, Predict, exercise, output_matches};
use dunder::runner::{Program, output::Stream};
use leptos::prelude::*;

#[component]
pub fn ChoiceQuestion(choice: Choice) -> impl IntoView {
    let picked = RwSignal::new(None::<usize>);
    let done = RwSignal::new(storage::answer(&choice.id) == Some(true));
    let name = choice.id.clone();
    let id = choice.id.clone();
    let options = choice.options.clone();
    let feedback_options = choice.options.clone();
    view! {
        <fieldset class="quiz choice" class:done=move || done.get()>
            <legend class="question" inner_html=choice.question_html.clone()></legend>
            {options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let id = id.clone();
                    let correct = option.correct;
                    view! {
                        <label class="option">
                            <input type="radio" name=name.clone() on:change=move |_| {
                                picked.set(Some(i));
                                storage::record_answer(&id, correct);
                                if correct {
                                    done.set(true);
                                }
                            } />
                            <span inner_html=option.html.clone()></span>
                        </label>
                    }
                })
                .collect_view()}
            <div class="feedback" role="status" aria-live="polite">
                {move || {
                    picked.get().map(|i| {
                        let option = &feedback_options[i];
                        let verdict = if option.correct { "Correct." } else { "Not quite." };
                        view! {
                            <p class=if option.correct { "verdict right" } else { "verdict wrong" }>{verdict}</p>
                            <div inner_html=option.explanation_html.clone()></div>
                        }
                    })
                }}
            </div>
        </fieldset>
    }
}

#[component]
pub fn PredictQuestion(predict: Predict) -> impl IntoView {
    let guess = RwSignal::new(String::new());
    let state = RunState::new();
    let RunState { log, finished, .. } = state;
    let verdict = RwSignal::new(None::<bool>);
    let done = RwSignal::new(storage::answer(&predict.id) == Some(true));
    let code = predict.code.clone();
    let expected = predict.expected.for_rustpython().to_owned();
    let id = predict.id.clone();
    let check = move |_| {
        verdict.set(None);
        let expected = expected.clone();
        let id = id.clone();
        let (on_output, on_finish) = state.start();
        python::run(
            Program { source: code.clone(), ..Default::default() },
            10.0,
            on_output,
            Box::new(move |finish: Finish| {
                on_finish(finish);
                let normalise = |s: &str| s.trim_end().replace("\r\n", "\n");
                let printed: String = log.with_untracked(|l| l.0.iter().filter(|(s, _)| *s != Stream::Notice).map(|(_, t)| t.clone()).collect());
                let right = output_matches(&normalise(&expected), &normalise(&guess.get_untracked()))
                    || normalise(&printed) == normalise(&guess.get_untracked());
                storage::record_answer(&id, right);
                if right {
                    done.set(true);
                }
                verdict.set(Some(right));
            }),
        );
    };
    let status = Signal::derive(move || finished.get().unwrap_or_default());
    let explanation = predict.explanation_html.clone();
    view! {
        <div class="quiz predict" class:done=move || done.get()>
            <p class="question">"What does this print?"</p>
            <pre class="code-display"><code>{predict.code.clone()}</code></pre>
            <label class="guess">"Your prediction"
                <textarea rows="3" spellcheck="false" prop:value=move || guess.get()
                    on:input=move |ev| guess.set(event_target_value(&ev))></textarea>
            </label>
            <div class="toolbar">
                <button class="primary" on:click=check>"Run and compare"</button>
            </div>
            <Show when=move || verdict.get().is_some()>
                <OutputView log=log status=status />
                <div class="feedback" role="status">
                    <p class=move || if verdict.get() == Some(true) { "verdict right" } else { "verdict wrong" }>
                        {move || if verdict.get() == Some(true) { "You predicted it exactly." } else { "Not what it printed — compare with the output above." }}
                    </p>
                    <div inner_html=explanation.clone()></div>
                </div>
            </Show>
        </div>
    }
}

#[component]
pub fn ExerciseTask(exercise: Exercise) -> impl IntoView {
    let code = RwSignal::new(storage::load_code(&exercise.id).unwrap_or_else(|| exercise.starter.clone()));
    let state = RunState::new();
    let RunState { log, finished, error_line } = state;
    let results = RwSignal::new(None::<Vec<exercise::CheckResult>>);
    let show_solution = RwSignal::new(false);
    let done = RwSignal::new(storage::answer(&exercise.id) == Some(true));
    let id = exercise.id.clone();
    let save_id = exercise.id.clone();
    Effect::new(move |first: Option<()>| {
        let current = code.get();
        if first.is_some() {
            storage::save_code(&save_id, &current);
        }
    });
    let checks = exercise.checks.clone();
    let run = Callback::new(move |()| {
        results.set(None);
        let id = id.clone();
        let source = exercise::program(&code.get_untracked(), &checks);
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
                storage::record_answer(&id, passed);
                if passed {
                    done.set(true);
                }
                results.set(Some(found.unwrap_or_default()));
            }),
        );
    });
    let status = Signal::derive(move || finished.get().unwrap_or_default());
    let starter = exercise.starter.clone();
    let reset_id = exercise.id.clone();
    let solution = exercise.solution.clone();
    view! {
        <div class="quiz exercise" class:done=move || done.get()>
            <p class="question">"Exercise: make every check pass."</p>
            <CodeEditor code=code error_line=error_line.into() on_run=run label="Exercise code" />
            <div class="toolbar">
                <button class="primary" on:click=move |_| run.run(())>"Run checks"</button>
                <button on:click=move |_| {
                    code.set(starter.clone());
                    storage::forget_code(&reset_id);
                }>"Reset"</button>
                <button on:click=move |_| show_solution.update(|s| *s = !*s)>
                    {move || if show_solution.get() { "Hide solution" } else { "Show solution" }}
                </button>
            </div>
            <Show when=move || results.get().is_some()>
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
            </Show>
            <Show when=move || show_solution.get()>
                <pre class="code-display solution"><code>{solution.clone()}</code></pre>
            </Show>
        </div>
    }
}
