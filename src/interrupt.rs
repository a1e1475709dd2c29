//! Ctrl-C: exit 130 and say whether the request had been sent.
//!
//! The handler runs on its own thread while the main thread may be blocked in a prompt or an
//! HTTP exchange. It reads two pieces of shared state: how to report (the output format and
//! the group, once known) and whether a request has been handed to the network yet.

use crate::error::Error;
use crate::output::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static SENT: AtomicBool = AtomicBool::new(false);
static REPORT: Mutex<Option<(Output, Option<String>)>> = Mutex::new(None);

/// Install the handler. Failure to install (no signal support) is not fatal.
pub fn install(out: Output) {
    set_output(out);
    let _ = ctrlc::set_handler(|| {
        let error = Error::Interrupted { sent: SENT.load(Ordering::SeqCst) };
        let guard = REPORT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((out, group)) = guard.as_ref() {
            out.failure(group.as_deref(), &error);
        }
        std::process::exit(i32::from(error.exit_code()));
    });
}

fn set_output(out: Output) {
    let mut guard = REPORT.lock().unwrap_or_else(|e| e.into_inner());
    let group = guard.take().and_then(|(_, g)| g);
    *guard = Some((out, group));
}

/// Record the group, so that an interruption report can name it.
pub fn set_group(group: &str) {
    let mut guard = REPORT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, g)) = guard.as_mut() {
        *g = Some(group.to_string());
    }
}

/// A new group of a batch starts: nothing is sent for it yet.
pub fn start_group(group: &str) {
    SENT.store(false, Ordering::SeqCst);
    set_group(group);
}

/// From now on the request may have reached the service.
pub fn mark_sending() {
    SENT.store(true, Ordering::SeqCst);
}
