//! Where a running program's output goes, and the cap that keeps a flood from drowning the page.

use super::clock;
use std::cell::RefCell;

/// Which stream a piece of output belongs to. `Notice` is the runner speaking, not the program
/// (for example the "output truncated" line), so the UI can show it apart. `Input` is what the
/// reader typed for an interactive `input()`, echoed in place as a terminal shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
    Notice,
    Input,
}

/// A run's output as chunks, consecutive writes to the same stream merged (what the Output
/// panel shows, and what tests compare).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transcript(pub Vec<(Stream, String)>);

impl Transcript {
    pub fn push(&mut self, stream: Stream, text: &str) {
        match self.0.last_mut() {
            Some((last, buffer)) if *last == stream => buffer.push_str(text),
            _ => self.0.push((stream, text.to_owned())),
        }
    }
}

/// The default cap: enough for any lesson, small enough that the page stays fast.
pub const DEFAULT_OUTPUT_LIMIT: usize = 1 << 20;

struct Capture {
    sink: Box<dyn FnMut(Stream, &str)>,
    limit: usize,
    written: usize,
    truncated: bool,
    /// Output not yet handed to the sink: batching keeps a print loop from sending thousands
    /// of tiny messages to the page, while a program that prints and then waits still shows
    /// its output at once (see `flush`).
    pending: Option<(Stream, String)>,
    last_emit_ns: u64,
}

/// Hand pending output over at least this often while a program runs.
const BATCH_NS: u64 = 25_000_000;
/// ... or once this much has piled up.
const BATCH_BYTES: usize = 16 * 1024;

impl Capture {
    fn emit(&mut self) {
        if let Some((stream, text)) = self.pending.take() {
            (self.sink)(stream, &text);
        }
        self.last_emit_ns = clock::monotonic_ns();
    }

    fn push(&mut self, stream: Stream, text: &str) {
        match &mut self.pending {
            Some((pending_stream, buffer)) if *pending_stream == stream => buffer.push_str(text),
            _ => {
                self.emit();
                self.pending = Some((stream, text.to_owned()));
            }
        }
        let size = self.pending.as_ref().map_or(0, |(_, b)| b.len());
        if size >= BATCH_BYTES || clock::monotonic_ns().saturating_sub(self.last_emit_ns) >= BATCH_NS {
            self.emit();
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Route output to `sink` while `body` runs; returns whether the cap cut anything off.
pub(crate) fn capture<R>(
    limit: usize,
    sink: Box<dyn FnMut(Stream, &str)>,
    body: impl FnOnce() -> R,
) -> (R, bool) {
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Capture {
            sink,
            limit,
            written: 0,
            truncated: false,
            pending: None,
            last_emit_ns: clock::monotonic_ns(),
        })
    });
    let result = body();
    let truncated = CURRENT.with(|c| {
        c.borrow_mut().take().is_some_and(|mut cap| {
            cap.emit();
            cap.truncated
        })
    });
    (result, truncated)
}

/// Hand over everything written so far: called before the program blocks (sleep), so what
/// it printed is on screen while it waits.
pub(crate) fn flush() {
    CURRENT.with(|c| {
        if let Some(cap) = c.borrow_mut().as_mut() {
            cap.emit();
        }
    });
}

/// Called by Python's `sys.stdout`/`sys.stderr` (through `_dunder_host.write`).
/// Past the cap the program keeps running, but its output is dropped after one notice.
pub(crate) fn write(stream: Stream, bytes: &[u8]) {
    CURRENT.with(|c| {
        let mut guard = c.borrow_mut();
        let Some(cap) = guard.as_mut() else { return };
        if cap.truncated {
            return;
        }
        let room = cap.limit.saturating_sub(cap.written);
        let take = floor_char_boundary(bytes, room.min(bytes.len()));
        if take > 0 {
            cap.push(stream, &String::from_utf8_lossy(&bytes[..take]));
            cap.written += take;
        }
        if take < bytes.len() {
            cap.truncated = true;
            let notice = format!(
                "\n[output truncated: the program printed more than {} KB; the rest is not shown]\n",
                cap.limit / 1024
            );
            cap.push(Stream::Notice, &notice);
            cap.emit();
        }
    });
}

/// Largest `n <= at` that does not split a UTF-8 character of `bytes`.
fn floor_char_boundary(bytes: &[u8], at: usize) -> usize {
    let mut n = at;
    while n > 0 && n < bytes.len() && (bytes[n] & 0b1100_0000) == 0b1000_0000 {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_character_boundary() {
        let text = "aé".as_bytes(); // 'é' is two bytes
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(floor_char_boundary(text, 3), 3);
    }
}
