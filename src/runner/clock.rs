//! The clocks and the sleep the Python `time` module gets.
//!
//! RustPython's own clocks panic on wasm32-unknown-unknown ("time not implemented on this
//! platform"), so both targets go through here: the browser's `performance.now()` and
//! `Date.now()` in the worker, `std::time` natively. Keeping one interface means the native
//! tests exercise the same Python-side code as the browser.

use std::time::Duration;

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

    fn origin() -> Instant {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        *ORIGIN.get_or_init(Instant::now)
    }

    pub fn monotonic_ns() -> u64 {
        origin().elapsed().as_nanos() as u64
    }

    pub fn wall_ns() -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    }

    pub fn sleep(duration: Duration) {
        std::thread::sleep(duration);
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::time::Duration;
    use wasm_bindgen::JsCast;

    fn performance() -> web_sys::Performance {
        // Works in a worker and on the page: both globals have `performance`.
        js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .expect("performance exists in every browser global")
            .unchecked_into()
    }

    pub fn monotonic_ns() -> u64 {
        (performance().now() * 1_000_000.0) as u64
    }

    pub fn wall_ns() -> u64 {
        (js_sys::Date::now() * 1_000_000.0) as u64
    }

    /// Block the worker for `duration`.
    ///
    /// `Atomics.wait` on a shared `WebAssembly.Memory` really sleeps (no CPU) and, unlike
    /// `new SharedArrayBuffer`, needs no cross-origin isolation. Where it is refused (the
    /// main thread, or an engine without shared memory) we fall back to a busy wait, which
    /// still waits the right time.
    pub fn sleep(duration: Duration) {
        let deadline = monotonic_ns() as f64 / 1e6 + duration.as_secs_f64() * 1e3;
        if let Some(cell) = wait_cell() {
            loop {
                let left = deadline - monotonic_ns() as f64 / 1e6;
                if left <= 0.0 {
                    return;
                }
                if js_sys::Atomics::wait_with_timeout(&cell, 0, 0, left).is_err() {
                    break;
                }
            }
        }
        while (monotonic_ns() as f64 / 1e6) < deadline {}
    }

    fn wait_cell() -> Option<js_sys::Int32Array> {
        thread_local! {
            static CELL: Option<js_sys::Int32Array> = make_wait_cell();
        }
        CELL.with(Clone::clone)
    }

    fn make_wait_cell() -> Option<js_sys::Int32Array> {
        let descriptor = js_sys::Object::new();
        for (key, value) in [("initial", 1.into()), ("maximum", 1.into()), ("shared", true.into())] {
            js_sys::Reflect::set(&descriptor, &key.into(), &value).ok()?;
        }
        let memory = js_sys::WebAssembly::Memory::new(&descriptor).ok()?;
        Some(js_sys::Int32Array::new(&memory.buffer()))
    }
}

/// Nanoseconds since an arbitrary origin; never goes backwards.
pub fn monotonic_ns() -> u64 {
    imp::monotonic_ns()
}

/// Nanoseconds since the Unix epoch.
pub fn wall_ns() -> u64 {
    imp::wall_ns()
}

/// Really wait: `time.sleep(0.2)` in a lesson must take 0.2 s.
pub fn sleep(duration: Duration) {
    imp::sleep(duration)
}
