//! Class sets, with no server: a teacher picks questions or whole sections and gets a link that
//! carries the set in its fragment (`class/#set=…`); a student who opens it does the set and
//! gets a short result code; the teacher pastes the codes into Class results for a table per
//! question and student. Encoding, checksums and the table are `dunder::practice::class`.

use crate::attempt::{Answered, Mode, Place, counts_as_right};
use crate::{keys, links, practice_item, questions};
use dunder::practice::class::{self, ClassResult, ClassSet};
use leptos::prelude::*;
use std::collections::BTreeSet;

const HONEST: &str = "The code carries the name and which answers were right, with a checksum that catches typos when it is copied. It is not tamper-proof: anyone who knows the format can write one by hand, so use it for practice, not for marks.";

/// The fragment after `set=`… is the whole fragment: the library parses it.
fn set_from(link_or_fragment: &str) -> Result<ClassSet, String> {
    let text = link_or_fragment.trim();
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    if fragment.is_empty() {
        return Err("Paste the class set link first (it ends in #set=…).".into());
    }
    class::parse_set_fragment(fragment, questions::all())
}

#[component]
pub fn Class() -> impl IntoView {
    crate::set_title("Class — Dunder");
    let fragment = links::fragment();
    if fragment.is_empty() {
        return view! { <Teacher /> }.into_any();
    }
    match set_from(&fragment) {
        Ok(set) => view! { <Student set=set /> }.into_any(),
        Err(message) => view! {
            <main class="page narrow practice">
                <h1>"Class set"</h1>
                <p class="banner" role="alert">{format!("This class link cannot be opened: {message}")}</p>
                <p>"Ask your teacher for the link again (it may have been cut off when copied), or "
                    <a href=crate::base::href("class")>"make your own set"</a>"."</p>
            </main>
        }
        .into_any(),
    }
}

/// The question picker: every lesson, its sections, their questions.
#[component]
fn Picker(chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let all = questions::all();
    crate::course::course()
        .lessons
        .iter()
        .map(|lesson| {
            let sections = lesson
                .sections
                .iter()
                .filter_map(|section| {
                    let ids: Vec<String> = all.iter().filter(|q| q.lesson == lesson.slug && q.section == section.id).map(|q| q.id.clone()).collect();
                    if ids.is_empty() {
                        return None;
                    }
                    let ids = StoredValue::new(ids.clone());
                    let whole = move || ids.with_value(|ids| ids.iter().all(|id| chosen.with(|c| c.contains(id))));
                    let items = ids
                        .get_value()
                        .into_iter()
                        .map(|id| {
                            let q = questions::find(&id).expect("from the catalogue");
                            let key = id.clone();
                            let label = format!("{} ({})", questions::kind_label(&q.kind), id.rsplit('/').next().unwrap_or(&id));
                            view! {
                                <li><label class="check">
                                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&key))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| if on { c.insert(id.clone()); } else { c.remove(&id); });
                                        } />
                                    {label}
                                </label></li>
                            }
                        })
                        .collect_view();
                    Some(view! {
                        <li>
                            <label class="check section-check">
                                <input type="checkbox" prop:checked=whole on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ids.with_value(|ids| chosen.update(|c| for id in ids { if on { c.insert(id.clone()); } else { c.remove(id); } }));
                                } />
                                {format!("{} — whole section", section.title)}
                            </label>
                            <ul class="picker-questions">{items}</ul>
                        </li>
                    })
                })
                .collect_view();
            view! {
                <details class="picker-lesson">
                    <summary>{lesson.title.clone()}</summary>
                    <ul>{sections}</ul>
                </details>
            }
        })
        .collect_view()
}

#[component]
fn Teacher() -> impl IntoView {
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let title = RwSignal::new(String::from("Class set"));
    let link = RwSignal::new(String::new());
    let set_link = RwSignal::new(String::new());
    let codes = RwSignal::new(String::new());
    let make = move |_| {
        // Reading order of the course, whatever order the boxes were ticked in.
        let picked: Vec<String> = questions::all().iter().filter(|q| chosen.with_untracked(|c| c.contains(&q.id))).map(|q| q.id.clone()).collect();
        let set = ClassSet { title: title.get_untracked().trim().to_owned(), questions: picked };
        let made = format!("{}#{}", links::absolute("class"), class::set_link_fragment(&set));
        link.set(made.clone());
        set_link.set(made);
    };
    // (Derived, not a memo: the library's table types need not be comparable.)
    let table = Signal::derive(move || {
        let link = set_link.get();
        let pasted = codes.get();
        if link.trim().is_empty() && pasted.trim().is_empty() {
            return None;
        }
        Some(set_from(&link).map(|set| (class::class_table(&set, &pasted), set)))
    });
    view! {
        <main class="page narrow practice class-page">
            <h1>"Class"</h1>
            <p class="lead">"Make a set of questions for a class: students open the link, do the set in their browser, and send you a short result code. Nothing goes to a server."</p>
            <section aria-labelledby="make-title">
                <h2 id="make-title">"Make a class set"</h2>
                <label class="field">"Title"
                    <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <p class="muted">"Pick whole sections or single questions:"</p>
                <div class="picker"><Picker chosen=chosen /></div>
                <div class="toolbar">
                    <button class="primary" disabled=move || chosen.with(BTreeSet::is_empty) on:click=make>
                        {move || format!("Make the link ({} questions)", chosen.with(BTreeSet::len))}
                    </button>
                </div>
                {move || (!link.get().is_empty()).then(|| view! {
                    <label class="share-box">"Class set link (everything is in the link)"
                        <textarea readonly rows="3" prop:value=move || link.get() on:focus=move |ev| {
                            let area: web_sys::HtmlTextAreaElement = event_target(&ev);
                            area.select();
                        }></textarea>
                    </label>
                })}
            </section>
            <section aria-labelledby="results-title">
                <h2 id="results-title">"Class results"</h2>
                <label class="field">"The class set link"
                    <textarea rows="2" spellcheck="false" prop:value=move || set_link.get() on:input=move |ev| set_link.set(event_target_value(&ev))></textarea>
                </label>
                <label class="field">"Result codes, one per line"
                    <textarea rows="6" spellcheck="false" prop:value=move || codes.get() on:input=move |ev| codes.set(event_target_value(&ev))></textarea>
                </label>
                <p class="muted">{HONEST}</p>
                {move || table.get().map(|result| match result {
                    Err(message) => view! { <p class="banner" role="alert">{message}</p> }.into_any(),
                    Ok((table, set)) => results_table(table, &set).into_any(),
                })}
            </section>
        </main>
    }
    .into_any()
}

fn results_table(table: class::ClassTable, set: &ClassSet) -> impl IntoView + use<> {
    let problems = table.problems.clone();
    let header = table
        .questions
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let title = questions::find(id).map_or_else(|| id.clone(), |q| format!("{} · {} — {}", questions::kind_label(&q.kind), q.lesson_title, q.section_title));
            view! { <th scope="col" title=title>{format!("Q{}", n + 1)}</th> }
        })
        .collect_view();
    let per_question = table.question_totals();
    let rows = table
        .students
        .iter()
        .zip(&table.cells)
        .zip(table.student_totals())
        .map(|((student, row), right)| {
            view! {
                <tr>
                    <th scope="row">{student.clone()}</th>
                    {row.iter().map(|c| match c {
                        Some(true) => view! { <td class="right" aria-label="right">"✓"</td> },
                        Some(false) => view! { <td class="wrong" aria-label="wrong">"✗"</td> },
                        None => view! { <td class="none" aria-label="no answer">"–"</td> },
                    }).collect_view()}
                    <td>{format!("{right}/{}", row.len())}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = per_question.into_iter().map(|(r, n)| view! { <td>{format!("{r}/{n}")}</td> }).collect_view();
    let legend = table
        .questions
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let text = questions::find(id).map_or_else(|| id.clone(), |q| format!("{} — {} ({})", q.lesson_title, q.section_title, questions::kind_label(&q.kind)));
            view! { <li>{format!("Q{}: {text}", n + 1)}</li> }
        })
        .collect_view();
    let has_students = !table.students.is_empty();
    view! {
        {(!problems.is_empty()).then(|| view! {
            <ul class="banner problems" role="alert">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        })}
        {has_students.then(|| view! {
            <h3>{format!("{} — {} students", set.title, table.students.len())}</h3>
            <div class="table-scroll">
                <table class="data class-results">
                    <thead><tr><th scope="col">"Student"</th>{header}<th scope="col">"Total"</th></tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row">"Right per question"</th>{totals}<td></td></tr></tfoot>
                </table>
            </div>
            <ol class="legend">{legend}</ol>
        })}
    }
}

#[component]
fn Student(set: ClassSet) -> impl IntoView {
    keys::install();
    let set = StoredValue::new(set);
    let name = RwSignal::new(String::new());
    let started = RwSignal::new(false);
    let results = RwSignal::new(Vec::<bool>::new());
    let count = set.with_value(|s| s.questions.len());
    let at = Memo::new(move |_| results.with(Vec::len));
    let on_answer = Callback::new(move |a: Answered| {
        let right = counts_as_right(&a.outcome);
        // After the answering component's own handler has finished.
        request_animation_frame(move || results.update(|r| r.push(right)));
    });
    let code = move || {
        let result = ClassResult { set_id: set.with_value(class::set_id), student: name.get_untracked().trim().to_owned(), right: results.get() };
        class::result_code(&result)
    };
    view! {
        <main class="page narrow practice">
            <p class="lesson-kicker">"Class set"</p>
            <h1>{set.with_value(|s| s.title.clone())}</h1>
            {move || if !started.get() {
                view! {
                    <p class="lead">{format!("{count} questions. Explanations come at the end, with your result code for your teacher.")}</p>
                    <label class="field">"Your name (as your teacher should see it)"
                        <input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                    </label>
                    <div class="toolbar">
                        <button class="primary" disabled=move || name.with(|n| n.trim().is_empty()) on:click=move |_| started.set(true)>"Start"</button>
                    </div>
                }
                .into_any()
            } else if at.get() < count {
                let i = at.get();
                let id = set.with_value(|s| s.questions[i].clone());
                view! {
                    <p class="counter">{format!("Question {} of {count}", i + 1)}</p>
                    {practice_item::question(&id, Mode::practice(Place::Class, false, on_answer), true)}
                }
                .into_any()
            } else {
                let right = results.with_untracked(|r| r.iter().filter(|&&x| x).count());
                let list = set.with_value(|s| s.questions.clone()).into_iter().zip(results.get_untracked()).map(|(id, ok)| view! {
                    <li class:miss=!ok>
                        <p class="miss-title">{if ok { "✓ right" } else { "✗ missed" }}</p>
                        {(!ok).then(|| practice_item::explanation(&id))}
                    </li>
                }).collect_view();
                view! {
                    <section class="class-done" aria-labelledby="class-done-title">
                        <h2 id="class-done-title">{format!("Done: {right} of {count} right")}</h2>
                        <label class="share-box">"Your result code — send it to your teacher"
                            <input type="text" class="result-code" readonly prop:value=code on:focus=move |ev| {
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                input.select();
                            } />
                        </label>
                        <p class="muted">{HONEST}</p>
                        <ol class="misses">{list}</ol>
                    </section>
                }
                .into_any()
            }}
        </main>
    }
}
