//! `_dunder_host`: the few things Python needs from the host that RustPython cannot do itself
//! on wasm32 (clocks, sleep, randomness, the output pipe), plus the empty native `posix`
//! module that `os.py` requires to appear in `sys.builtin_module_names`.
//!
//! The Python side of the shims lives in `python/`; this file stays as small as it can.

pub(crate) use _dunder_host::module_def as host_module_def;
pub(crate) use posix::module_def as posix_module_def;

use std::cell::Cell;

thread_local! {
    /// Time spent in `time.sleep`, so `process_time` can leave it out as CPython's does.
    static SLEPT_NS: Cell<u64> = const { Cell::new(0) };
}

#[rustpython_vm::pymodule]
mod _dunder_host {
    use super::SLEPT_NS;
    use crate::runner::{clock, input, output};
    use rustpython_vm::{AsObject, PyObjectRef, PyResult, VirtualMachine, function::ArgBytesLike};
    use std::time::Duration;

    /// Write bytes to stream 1 (stdout) or 2 (stderr).
    #[pyfunction]
    fn write(fd: i32, data: ArgBytesLike) {
        let stream = if fd == 2 { output::Stream::Stderr } else { output::Stream::Stdout };
        data.with_ref(|bytes| output::write(stream, bytes));
    }

    #[pyfunction]
    fn monotonic_ns() -> u64 {
        clock::monotonic_ns()
    }

    #[pyfunction]
    fn monotonic() -> f64 {
        clock::monotonic_ns() as f64 / 1e9
    }

    #[pyfunction]
    fn time_ns() -> u64 {
        clock::wall_ns()
    }

    #[pyfunction]
    fn time() -> f64 {
        clock::wall_ns() as f64 / 1e9
    }

    /// A browser has no CPU clock. The worker runs one program on one thread, so CPU time is
    /// wall time minus the time spent sleeping or waiting for the reader's input.
    #[pyfunction]
    fn process_time_ns() -> u64 {
        let idle = SLEPT_NS.with(|s| s.get()) + input::total_waited_ns();
        clock::monotonic_ns().saturating_sub(idle)
    }

    #[pyfunction]
    fn process_time() -> f64 {
        process_time_ns() as f64 / 1e9
    }

    /// Same argument checks and messages as CPython's `time.sleep`.
    #[pyfunction]
    fn sleep(seconds: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
        let type_name = seconds.class().name().to_owned();
        let duration = seconds.try_into_value::<Duration>(vm).map_err(|e| {
            if e.class().is(vm.ctx.exceptions.value_error) {
                vm.new_value_error("sleep length must be non-negative")
            } else if e.class().is(vm.ctx.exceptions.type_error) {
                vm.new_type_error(format!(
                    "'{type_name}' object cannot be interpreted as an integer or float"
                ))
            } else {
                e
            }
        })?;
        output::flush();
        let start = clock::monotonic_ns();
        clock::sleep(duration);
        let slept = clock::monotonic_ns().saturating_sub(start);
        SLEPT_NS.with(|s| s.set(s.get() + slept));
        Ok(())
    }

    /// The next line the reader types for `input()` (with its newline), "" at end of input.
    /// Blocks the worker until they answer; the page stays free.
    #[pyfunction]
    fn read_line() -> String {
        input::read_line()
    }

    /// Whether this run can ask the reader for input (else stdin is only the text given in advance).
    #[pyfunction]
    fn input_is_interactive() -> bool {
        input::is_interactive()
    }

    /// An on-demand stdlib module's `(origin, is_package)`; `None` if there is no such module.
    #[pyfunction]
    fn stdlib_lookup(name: String) -> Option<(String, bool)> {
        crate::runner::lazy_stdlib::lookup(&name).map(|module| (module.origin(), module.package))
    }

    /// An on-demand stdlib module's source; `None` if it cannot be had.
    #[pyfunction]
    fn stdlib_source(name: String) -> Option<String> {
        crate::runner::lazy_stdlib::source(&name)
    }

    /// An on-demand stdlib module's code object, from the bytecode compiled at build time;
    /// `None` if there is none (the finder then compiles the source).
    #[pyfunction]
    fn stdlib_code(name: String, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
        use rustpython_compiler_core::{bytecode::BasicBag, marshal};
        let Some(bytes) = crate::runner::lazy_stdlib::bytecode(&name) else { return Ok(None) };
        let code = marshal::deserialize_code(&mut &bytes[..], BasicBag)
            .map_err(|e| vm.new_import_error(format!("bad bytecode for {name}: {e:?}"), vm.ctx.new_str(name.clone())))?;
        Ok(Some(rustpython_vm::builtins::PyCode::new_ref_from_bytecode(vm, code).into()))
    }

    /// `os.urandom`: the browser's `crypto.getRandomValues` in the worker, the OS natively.
    #[pyfunction]
    fn urandom(size: isize, vm: &VirtualMachine) -> PyResult<Vec<u8>> {
        let size = usize::try_from(size).map_err(|_| vm.new_value_error("negative argument not allowed"))?;
        let mut bytes = vec![0; size];
        getrandom::fill(&mut bytes).map_err(|e| vm.new_os_error(format!("urandom: {e}")))?;
        Ok(bytes)
    }
}

/// Filled in from `python/_dunder_posix.py` at start-up; only its presence is native.
#[rustpython_vm::pymodule(name = "posix")]
mod posix {}
