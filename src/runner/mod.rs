//! The Python runner: one RustPython interpreter, set up to behave like CPython, that runs a
//! program and streams its output. The browser worker and the native tests use this same code,
//! so a test that passes here describes what a reader sees.

pub mod clock;
mod host;
pub mod input;
pub mod lazy_stdlib;
pub mod output;

use output::Stream;
use rustpython_vm::{Interpreter, PyObjectRef, Settings, builtins::PyModuleDef};

pub use output::DEFAULT_OUTPUT_LIMIT;

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Ending {
    /// The program ran to its end.
    Completed,
    /// `sys.exit(code)` (or `raise SystemExit`).
    Exited { code: i32 },
    /// An uncaught exception; `line` is the line of the user's file to mark, when known.
    Failed { line: Option<u32> },
}

/// What one run produced besides its streamed output.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunOutcome {
    pub ending: Ending,
    /// The output cap cut the output short.
    pub truncated: bool,
    /// The steps the run took, when the program asked for them (`Program::count_steps`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<StepCount>,
}

/// Executed line events of one run (`python/_dunder_steps.py`): the same count on every run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StepCount {
    pub lines: u64,
    /// False when the program replaced the tracer (`sys.settrace`) part-way, so steps after
    /// that were not counted.
    pub complete: bool,
}

impl StepCount {
    /// "1,204 steps", or "at least ..." when the program replaced the tracer.
    pub fn describe(&self) -> String {
        let digits = self.lines.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let unit = if self.lines == 1 { "step" } else { "steps" };
        if self.complete {
            format!("{grouped} {unit}")
        } else {
            format!("at least {grouped} {unit} (the program replaced the tracer, so later lines were not counted)")
        }
    }
}

/// One program to run.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Program {
    pub source: String,
    /// What `input()` reads, line by line; at its end `input()` raises EOFError.
    #[serde(default)]
    pub stdin: String,
    /// Keep the previous run's globals (lesson snippets that build on each other).
    #[serde(default)]
    pub keep_globals: bool,
    /// Once `stdin` has run out, `input()` asks the reader (where the page can answer; see
    /// `input`). Off for checked runs (exercises, predictions), whose input is fixed.
    #[serde(default)]
    pub interactive: bool,
    /// Count the run's steps (line events). Opt-in: tracing makes a run many times slower.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub count_steps: bool,
}

/// The file name tracebacks show for the user's code.
pub const MAIN_FILENAME: &str = "main.py";

/// Modules compiled into RustPython that we replace or leave out, on both targets alike:
/// `_socket` (the wasm build's is a different stub from native; ours is `python/_socket.py`)
/// and `_datetime` (its `now()` panics on wasm32; `datetime` falls back to `_pydatetime`).
const LEFT_OUT: &[&str] = &["_socket", "_datetime"];

fn native_modules(ctx: &rustpython_vm::Context) -> Vec<&'static PyModuleDef> {
    let mut defs: Vec<_> = rustpython_stdlib::stdlib_module_defs(ctx)
        .into_iter()
        .filter(|def| !LEFT_OUT.contains(&def.name.as_str()))
        .collect();
    defs.push(host::host_module_def(ctx));
    defs.push(host::posix_module_def(ctx));
    defs
}

/// A ready interpreter. Create it once; each `run` starts from a clean `__main__`.
pub struct Runner {
    interpreter: Interpreter,
    run_function: PyObjectRef,
    /// `_dunder_inspect.inspect`, imported the first time the reader opens Inspect: ordinary
    /// runs never load it.
    inspect_function: std::cell::OnceCell<PyObjectRef>,
    output_limit: usize,
}

impl Runner {
    /// Start the interpreter and apply the browser shims (`python/_dunder_boot.py`).
    pub fn new() -> Result<Self, String> {
        let mut settings = Settings::default();
        settings.allow_external_library = false;
        settings.user_site_directory = false;
        settings.import_site = false;
        settings.argv = vec![MAIN_FILENAME.to_owned()];
        let mut builder = Interpreter::builder(settings);
        let modules = native_modules(&builder.ctx);
        builder = builder
            .add_native_modules(&modules)
            // Only the boot modules: the rest of the stdlib is imported on demand (lazy_stdlib).
            .add_frozen_modules(include!(concat!(env!("OUT_DIR"), "/freeze_boot.rs")))
            .add_frozen_modules(rustpython_vm::py_freeze!(dir = "python"));
        let interpreter = builder.build();
        let run_function = interpreter.enter(|vm| {
            let boot = vm.import("_dunder_boot", 0).map_err(|e| describe(vm, &e))?;
            boot.get_attr("run", vm).map_err(|e| describe(vm, &e))
        })?;
        Ok(Runner { interpreter, run_function, inspect_function: Default::default(), output_limit: DEFAULT_OUTPUT_LIMIT })
    }

    /// Change the output cap (bytes of UTF-8).
    pub fn set_output_limit(&mut self, bytes: usize) {
        self.output_limit = bytes;
    }

    /// Run `program`, sending its output to `sink` as it is written.
    pub fn run(&self, program: &Program, sink: impl FnMut(Stream, &str) + 'static) -> RunOutcome {
        self.run_with_input(program, sink, None)
    }

    /// `run`, where `source` answers the program's reads once `program.stdin` has run out
    /// (when `program.interactive`; otherwise it is not asked).
    pub fn run_with_input(
        &self,
        program: &Program,
        sink: impl FnMut(Stream, &str) + 'static,
        source: Option<input::InputSource>,
    ) -> RunOutcome {
        let source = source.filter(|_| program.interactive);
        let ((ending, steps), truncated) = input::with_source(source, || output::capture(self.output_limit, Box::new(sink), || {
            self.interpreter.enter(|vm| {
                let args = (
                    program.source.clone(),
                    program.stdin.clone(),
                    MAIN_FILENAME.to_owned(),
                    program.keep_globals,
                    vm.ctx.none(),
                    program.count_steps,
                );
                match self.run_function.call(args, vm) {
                    Ok(result) => decode_result(vm, &result),
                    Err(error) => {
                        // Only a broken runner gets here (user errors are caught in Python).
                        let text = describe(vm, &error);
                        output::write(Stream::Notice, format!("internal error: {text}\n").as_bytes());
                        (Ending::Failed { line: None }, None)
                    }
                }
            })
        }));
        RunOutcome { ending, truncated, steps }
    }

    /// Run `program` afresh with the Inspect observer on, then read the facts `request` asks
    /// for from the VM (see `crate::inspect`). Its output goes to `sink` as in `run`. An `Err`
    /// is a broken inspector, never the program's own error (that is in the report).
    pub fn inspect(
        &self,
        program: &Program,
        request: &crate::inspect::InspectRequest,
        sink: impl FnMut(Stream, &str) + 'static,
    ) -> Result<crate::inspect::InspectReport, String> {
        let request = serde_json::to_string(request).map_err(|e| e.to_string())?;
        let (json, _) = output::capture(self.output_limit, Box::new(sink), || {
            self.interpreter.enter(|vm| -> Result<String, String> {
                let function = match self.inspect_function.get() {
                    Some(f) => f.clone(),
                    None => {
                        let module = vm.import("_dunder_inspect", 0).map_err(|e| describe(vm, &e))?;
                        let f = module.get_attr("inspect", vm).map_err(|e| describe(vm, &e))?;
                        self.inspect_function.get_or_init(|| f).clone()
                    }
                };
                let args = (program.source.clone(), program.stdin.clone(), request.clone());
                let result = function.call(args, vm).map_err(|e| describe(vm, &e))?;
                result.str(vm).map(|s| s.to_string()).map_err(|e| describe(vm, &e))
            })
        });
        let json = json?;
        serde_json::from_str(&json).map_err(|e| format!("the inspector's report does not parse: {e}"))
    }

    /// `inspect`, collecting the output as (stream, text) chunks.
    pub fn inspect_collect(
        &self,
        program: &Program,
        request: &crate::inspect::InspectRequest,
    ) -> (Result<crate::inspect::InspectReport, String>, Vec<(Stream, String)>) {
        use std::{cell::RefCell, rc::Rc};
        let transcript = Rc::new(RefCell::new(output::Transcript::default()));
        let collected = Rc::clone(&transcript);
        let report = self.inspect(program, request, move |stream, text| collected.borrow_mut().push(stream, text));
        let chunks = transcript.take().0;
        (report, chunks)
    }

    /// Run and collect the output as (stream, text) chunks, for tests and tools.
    pub fn run_collect(&self, program: &Program) -> (RunOutcome, Vec<(Stream, String)>) {
        self.run_collect_with_input(program, None)
    }

    /// `run_collect` with an input source (see `run_with_input`).
    pub fn run_collect_with_input(
        &self,
        program: &Program,
        source: Option<input::InputSource>,
    ) -> (RunOutcome, Vec<(Stream, String)>) {
        use std::{cell::RefCell, rc::Rc};
        let transcript = Rc::new(RefCell::new(output::Transcript::default()));
        let collected = Rc::clone(&transcript);
        let outcome = self.run_with_input(program, move |stream, text| collected.borrow_mut().push(stream, text), source);
        let chunks = transcript.take().0;
        (outcome, chunks)
    }
}

/// `_dunder_boot.run`'s (status, exit code, error line, steps or None, steps complete).
fn decode_result(vm: &rustpython_vm::VirtualMachine, result: &PyObjectRef) -> (Ending, Option<StepCount>) {
    let decoded = (|| -> rustpython_vm::PyResult<(Ending, Option<StepCount>)> {
        let tuple = result.clone().downcast::<rustpython_vm::builtins::PyTuple>().map_err(|_| vm.new_type_error("run() must return a tuple"))?;
        let [status, code, line, steps, complete] = tuple.as_slice() else {
            return Err(vm.new_type_error("run() must return 5 items"));
        };
        let steps = if vm.is_none(steps) {
            None
        } else {
            Some(StepCount { lines: steps.clone().try_into_value(vm)?, complete: complete.clone().try_into_value(vm)? })
        };
        let status: String = status.str(vm)?.to_string();
        let code: i32 = code.clone().try_into_value(vm)?;
        let line: Option<u32> = if vm.is_none(line) { None } else { Some(line.clone().try_into_value(vm)?) };
        let ending = match status.as_str() {
            "ok" => Ending::Completed,
            "exit" => Ending::Exited { code },
            _ => Ending::Failed { line },
        };
        Ok((ending, steps))
    })();
    decoded.unwrap_or((Ending::Failed { line: None }, None))
}

fn describe(vm: &rustpython_vm::VirtualMachine, error: &rustpython_vm::builtins::PyBaseExceptionRef) -> String {
    let mut text = String::new();
    let _ = vm.write_exception(&mut text, error);
    text
}
