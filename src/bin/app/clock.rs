//! The time, for the practice room: the library never reads a clock, the UI passes it in.

/// Milliseconds since the Unix epoch.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A fine clock for time taken (not affected by the system clock changing meanwhile).
pub fn performance_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// "1:05" for 65 000 ms; "12:00" for 720 000.
pub fn minutes_seconds(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// "Dec 3" for a time (local time zone).
pub fn day_label(ms: i64) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{} {}", MONTHS[date.get_month() as usize % 12], date.get_date())
}

/// "Dec 3, 14:05" for a time (local time zone).
pub fn date_label(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{}, {:02}:{:02}", day_label(ms), date.get_hours(), date.get_minutes())
}
