//! Light / dark: the system's choice by default, or the reader's, remembered in localStorage.

use leptos::prelude::*;

const KEY: &str = "dunder.theme";

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn saved() -> Option<String> {
    let value = web_sys::window()?.local_storage().ok()??.get_item(KEY).ok()??;
    matches!(value.as_str(), "light" | "dark").then_some(value)
}

/// Apply a theme ("light", "dark") or follow the system (None).
pub fn apply(theme: Option<&str>) {
    if let Some(root) = root() {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// Apply the saved choice at start-up.
pub fn init() {
    apply(saved().as_deref());
}

fn system_is_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(saved().map_or_else(system_is_dark, |t| t == "dark"));
    view! {
        <button class="theme-toggle" aria-pressed=move || dark.get().to_string()
            on:click=move |_| {
                let next = !dark.get_untracked();
                dark.set(next);
                let theme = if next { "dark" } else { "light" };
                apply(Some(theme));
                if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = storage.set_item(KEY, theme);
                }
            }>
            // At phone width only the icon shows (the header must not wrap); the name stays.
            <span class="theme-icon" aria-hidden="true">"◐"</span>
            <span class="theme-label">"Dark mode"</span>
        </button>
    }
}
