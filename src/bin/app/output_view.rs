//! The Output region: streamed program output, stderr and runner notices shown apart.

use dunder::runner::output::Stream;
use leptos::prelude::*;

/// The chunks of one run's output, consecutive chunks of a stream merged.
#[derive(Clone, Default)]
pub struct OutputLog(pub Vec<(Stream, String)>);

impl OutputLog {
    pub fn push(&mut self, stream: Stream, text: &str) {
        match self.0.last_mut() {
            Some((last, buffer)) if *last == stream => buffer.push_str(text),
            _ => self.0.push((stream, text.to_owned())),
        }
    }
}

#[component]
pub fn OutputView(log: RwSignal<OutputLog>, status: Signal<String>) -> impl IntoView {
    view! {
        <section class="output-panel" aria-label="Output panel">
            <pre class="output" role="log" aria-live="polite" aria-label="Output" tabindex="0">
                {move || {
                    log.with(|log| {
                        log.0
                            .iter()
                            .map(|(stream, text)| {
                                let class = match stream {
                                    Stream::Stdout => "stdout",
                                    Stream::Stderr => "stderr",
                                    Stream::Notice => "notice",
                                };
                                view! { <span class=class>{text.clone()}</span> }
                            })
                            .collect_view()
                    })
                }}
            </pre>
            <p class="run-status" role="status">{move || status.get()}</p>
        </section>
    }
}
