/// Where the on-demand stdlib modules appear to live: their `__file__`, and the file names
/// compiled into their bytecode, which tracebacks show (Pyodide uses the same layout). Shared by
/// build.rs (which compiles them) and the runner (which imports them).
pub const INSTALL_PREFIX: &str = "/lib/python3.14/";
