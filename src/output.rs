//! What the user sees: results on stdout, diagnostics on stderr, as text or JSON.
//!
//! In JSON mode exactly one JSON document goes to stdout per run, success or failure; the
//! schema is a stable contract documented in the README. Nothing here ever receives a secret:
//! requests are shown through [`Request::display_headers`], which redacts them.

use crate::api::{Exchange, Request};
use crate::cli::OutputFormat;
use crate::config::{Env, Settings};
use crate::error::{Error, Kind};
use serde_json::json;
use std::io::{IsTerminal, Write};

/// Prints results and diagnostics in the chosen format.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub format: OutputFormat,
    pub verbose: bool,
    /// Nothing on success.
    pub quiet: bool,
    color_stdout: bool,
    color_stderr: bool,
}

/// Whether to colour a stream: never with `NO_COLOR`, always with `CLICOLOR_FORCE` (not `0`),
/// otherwise only on a terminal.
fn use_color(env: &Env, is_terminal: bool) -> bool {
    if env.get("NO_COLOR").is_some() {
        return false;
    }
    if env.get("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    is_terminal
}

fn paint(on: bool, code: &str, text: &str) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

impl Output {
    pub fn new(format: OutputFormat, verbose: bool, quiet: bool, env: &Env) -> Output {
        Output {
            format,
            verbose,
            quiet,
            color_stdout: format == OutputFormat::Text && use_color(env, std::io::stdout().is_terminal()),
            color_stderr: use_color(env, std::io::stderr().is_terminal()),
        }
    }

    /// The rebalance was accepted.
    pub fn success(&self, group: &str, request_id: &str) -> Result<(), Error> {
        if self.quiet {
            return Ok(());
        }
        match self.format {
            OutputFormat::Text => stdout_line(&format!(
                "Rebalance of RO group {group} {} (RequestId {request_id})",
                paint(self.color_stdout, "32", "accepted")
            )),
            OutputFormat::Json => {
                stdout_line(&json!({ "ok": true, "group": group, "request_id": request_id }).to_string())
            }
        }
    }

    /// The end of a batch: how many succeeded, which failed, which were not attempted.
    pub fn summary(
        &self,
        succeeded: usize,
        failed: &[(String, Kind)],
        skipped: &[String],
    ) -> Result<(), Error> {
        if self.format == OutputFormat::Json || (self.quiet && failed.is_empty()) {
            return Ok(());
        }
        let total = succeeded + failed.len() + skipped.len();
        let mut line = format!("Rebalanced {succeeded} of {total} RO groups");
        if !failed.is_empty() {
            let list: Vec<String> = failed.iter().map(|(g, kind)| format!("{g} ({kind})")).collect();
            line.push_str(&format!("; {} failed: {}", failed.len(), list.join(", ")));
        }
        if !skipped.is_empty() {
            line.push_str(&format!(
                "; {} not attempted (--fail-fast): {}",
                skipped.len(),
                skipped.join(", ")
            ));
        }
        stdout_line(&line)
    }

    /// Whether a progress line may be drawn on stderr.
    pub fn progress_allowed(&self) -> bool {
        !self.verbose && std::io::stderr().is_terminal()
    }

    /// `[3/10] rebalancing pgrogrp-…`, redrawn in place on stderr.
    pub fn progress(&self, done: usize, total: usize, group: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[K[{done}/{total}] rebalancing {group}…");
        let _ = stderr.flush();
    }

    pub fn clear_progress(&self) {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[K");
        let _ = stderr.flush();
    }

    /// A dry run: the exact request, with secrets redacted.
    /// `separate`: not the first request printed (text mode puts a blank line between).
    pub fn dry_run(&self, group: &str, request: &Request, separate: bool) -> Result<(), Error> {
        let headers = request.display_headers(true);
        match self.format {
            OutputFormat::Text => {
                let mut text = if separate { String::from("\n") } else { String::new() };
                text.push_str(&format!("POST {}\n", request.url));
                for (name, value) in &headers {
                    text.push_str(&format!("{name}: {value}\n"));
                }
                text.push('\n');
                text.push_str(&request.body);
                stdout_line(&text)
            }
            OutputFormat::Json => {
                let headers: serde_json::Map<String, serde_json::Value> =
                    headers.into_iter().map(|(k, v)| (k.to_string(), v.into())).collect();
                let doc = json!({
                    "ok": true,
                    "dry_run": true,
                    "group": group,
                    "signed": request.is_signed(),
                    "request": {
                        "method": "POST",
                        "url": request.url,
                        "headers": headers,
                        "body": request.body,
                    },
                });
                stdout_line(&doc.to_string())
            }
        }
    }

    /// Report a failure: `tcpg: error: …` and a hint on stderr; in JSON mode also the failure
    /// document on stdout. Best effort: a failure to print a failure is ignored.
    pub fn failure(&self, group: Option<&str>, error: &Error) {
        let mut line = format!("tcpg: {} {error}", paint(self.color_stderr, "1;31", "error:"));
        if let Some(id) = error.request_id() {
            line.push_str(&format!(" (RequestId {id})"));
        }
        let hint = error.hint();
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{line}");
        if let Some(hint) = &hint {
            let _ = writeln!(stderr, "{} {hint}", paint(self.color_stderr, "33", "hint:"));
        }
        drop(stderr);
        if self.format == OutputFormat::Json {
            let _ = stdout_line(&failure_document(group, error).to_string());
        }
    }

    /// A note for the user on stderr (not a result).
    pub fn note(&self, message: &str) {
        eprintln!("tcpg: {message}");
    }

    /// A warning on stderr.
    pub fn warn(&self, message: &str) {
        eprintln!("tcpg: {} {message}", paint(self.color_stderr, "33", "warning:"));
    }

    /// `-v`: a line of the run's story (retries, waits, clock corrections).
    pub fn verbose_line(&self, message: &str) {
        if self.verbose {
            eprintln!("* {message}");
        }
    }

    /// `-v`: where each setting came from.
    pub fn verbose_settings(&self, settings: &Settings) {
        if !self.verbose {
            return;
        }
        let config = match &settings.config.path {
            Some(path) => format!("{} ({})", path.display(), settings.config.origin),
            None => "none".to_string(),
        };
        eprintln!("* config: {config}");
        eprintln!("* profile: {} ({})", settings.profile.value, settings.profile.origin);
        match &settings.region {
            Some(r) => eprintln!("* region: {} ({})", r.value, r.origin),
            None => eprintln!("* region: none (X-TC-Region not sent)"),
        }
        eprintln!("* endpoint: {} ({})", settings.endpoint.value.url(), settings.endpoint.origin);
        if let crate::credentials::Lookup::Found(creds) = &settings.credentials {
            eprintln!(
                "* credentials: {} ({}){}",
                crate::credentials::mask_id(&creds.secret_id),
                creds.origin,
                if creds.token.is_some() { " with session token" } else { "" }
            );
        }
        eprintln!("* timeout: {}s", settings.timeout.value.as_secs_f64());
    }

    /// `-v`: the request about to be sent, redacted.
    pub fn verbose_request(&self, request: &Request) {
        if !self.verbose {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "> POST {}", request.url);
        for (name, value) in request.display_headers(false) {
            let _ = writeln!(stderr, "> {name}: {value}");
        }
        let _ = writeln!(stderr, "> {}", request.body);
    }

    /// `-v`: the answer and how long it took.
    pub fn verbose_response(&self, exchange: &Exchange) {
        if !self.verbose {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "< HTTP {} in {} ms, {} bytes{}",
            exchange.status,
            exchange.elapsed.as_millis(),
            exchange.body.len(),
            if exchange.truncated { " (truncated)" } else { "" }
        );
        let _ = writeln!(stderr, "< {}", crate::api::snippet(&exchange.body));
    }
}

/// The JSON failure document of the README's schema.
pub fn failure_document(group: Option<&str>, error: &Error) -> serde_json::Value {
    let kind = error.kind();
    json!({
        "ok": false,
        "group": group,
        "request_id": error.request_id(),
        "error": {
            "kind": kind.name(),
            "code": error.api_code(),
            "message": error.message(),
            "retryable": kind.retryable(),
            "may_have_applied": error.may_have_applied(),
            "hint": error.hint(),
        },
        "exit_code": kind.exit_code(),
    })
}

fn stdout_line(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").and_then(|_| stdout.flush()).map_err(Error::Output)
}
