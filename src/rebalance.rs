//! `tcpg rebalance`: the order of the steps, the confirmation, and the batch.
//!
//! Everything that can be checked locally is checked before anything is sent: the config, every
//! group ID, the credentials, then one confirmation for the whole batch. A dry run stops after
//! signing. Groups are then rebalanced one after another over one reused connection; a failure
//! does not stop the batch unless `--fail-fast`.

use crate::api::{self, Client, Request, Target};
use crate::cli::RebalanceArgs;
use crate::config::{Env, Settings};
use crate::credentials::{Credentials, Lookup};
use crate::error::{Error, Kind};
use crate::output::Output;
use crate::retry::{self, Backoff, Pacer};
use crate::{cli::GlobalArgs, group};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

/// At most this many groups in one call (and bytes read from stdin for `--group -`).
const MAX_GROUPS: usize = 10_000;
const MAX_STDIN_BYTES: u64 = 1024 * 1024;

/// Run the command. `group_out` receives the group as soon as it is known, so that a failure
/// before the first request can still name it.
pub fn run(
    global: &GlobalArgs,
    args: &RebalanceArgs,
    env: &Env,
    out: &Output,
    group_out: &mut Option<String>,
) -> Result<(), Error> {
    let settings = crate::config::resolve(global, env)?;
    out.verbose_settings(&settings);

    let (groups, ids_from_stdin) = resolve_groups(args, &settings)?;
    if let [only] = groups.as_slice() {
        *group_out = Some(only.clone());
        crate::interrupt::set_group(only);
    }

    let target = Target {
        endpoint: &settings.endpoint.value,
        region: settings.region.as_ref().map(|r| r.value.as_str()),
        language: settings.language.as_ref().map(|l| l.value),
    };

    if args.dry_run {
        let credentials = match &settings.credentials {
            Lookup::Found(creds) => Some(creds),
            Lookup::Missing { .. } => {
                out.note(
                    "no credentials configured, so the request below is unsigned; set TENCENTCLOUD_SECRET_ID and \
                     TENCENTCLOUD_SECRET_KEY, or secret_id/secret_key in a profile (see the README)",
                );
                None
            }
        };
        if credentials.is_some() {
            if let Some(warning) = &settings.permission_warning {
                out.warn(warning);
            }
        }
        for (i, group_id) in groups.iter().enumerate() {
            let request = Request::build(target, group_id, credentials, now())?;
            out.dry_run(group_id, &request, i > 0)?;
        }
        return Ok(());
    }

    let credentials = require_credentials(&settings)?;
    if let Some(warning) = &settings.permission_warning {
        out.warn(warning);
    }
    if !args.yes {
        confirm(&groups, &settings, ids_from_stdin)?;
    }

    let client = Client::new(settings.timeout.value, settings.ca_bundle.as_ref().map(|c| c.value.as_path()))?;
    let mut caller = Caller {
        client: &client,
        target,
        credentials,
        retries: settings.retries.value,
        timeout: settings.timeout.value,
        pacer: Pacer::default(),
        backoff: Backoff::from_entropy(),
        skew: None,
        out,
    };
    let batch = groups.len() > 1;
    let progress = batch && out.progress_allowed();
    let mut succeeded = 0;
    let mut failed: Vec<(String, Kind)> = Vec::new();
    for (i, group_id) in groups.iter().enumerate() {
        crate::interrupt::start_group(group_id);
        if progress {
            out.progress(i + 1, groups.len(), group_id);
        }
        let result = caller.call(group_id);
        if progress {
            out.clear_progress();
        }
        match result {
            Ok(request_id) => {
                succeeded += 1;
                if let Err(e) = out.success(group_id, &request_id) {
                    // Nobody reads the results any more: send nothing else, and keep an
                    // earlier failure's exit code.
                    return Err(match failed.first() {
                        Some((_, first)) => Error::Reported { first: *first, failed: failed.len() },
                        None => e,
                    });
                }
            }
            Err(error) => {
                out.failure(Some(group_id), &error);
                failed.push((group_id.clone(), error.kind()));
                if args.fail_fast {
                    break;
                }
            }
        }
    }
    if batch {
        let skipped = &groups[succeeded + failed.len()..];
        out.summary(succeeded, &failed, skipped)?;
    }
    match failed.first() {
        None => Ok(()),
        Some((_, first)) => Err(Error::Reported { first: *first, failed: failed.len() }),
    }
}

/// The groups to rebalance, aliases resolved and every ID validated, in order, without
/// duplicates. The flag `--group -` reads them from stdin; then the second value is true.
fn resolve_groups(args: &RebalanceArgs, settings: &Settings) -> Result<(Vec<String>, bool), Error> {
    let mut inputs: Vec<String> = Vec::new();
    let mut from_stdin = false;
    for value in &args.group {
        if value.trim() == "-" {
            if from_stdin {
                return Err(Error::usage("--group - may be given only once"));
            }
            from_stdin = true;
            inputs.extend(read_stdin_groups()?);
        } else {
            inputs.push(value.clone());
        }
    }
    if args.group.is_empty() {
        if let Some(g) = &settings.group {
            inputs.push(g.value.clone());
        }
    }
    if inputs.is_empty() {
        return Err(Error::usage_hint(
            if from_stdin { "no RO group on stdin" } else { "no RO group given" },
            format!(
                "pass --group pgrogrp-xxxxxxxx (repeatable, or - to read from stdin), or set `group` in profile \"{}\"",
                settings.profile.value
            ),
        ));
    }
    if inputs.len() > MAX_GROUPS {
        return Err(Error::usage(format!("{} groups given; at most {MAX_GROUPS} in one call", inputs.len())));
    }
    let mut groups: Vec<String> = Vec::with_capacity(inputs.len());
    let mut problems: Vec<Error> = Vec::new();
    for input in &inputs {
        match group::resolve(input, &settings.aliases) {
            // Rebalancing a group twice in one call is never intended.
            Ok(id) if groups.contains(&id) => {}
            Ok(id) => groups.push(id),
            Err(e) => problems.push(e),
        }
    }
    match problems.len() {
        0 => Ok((groups, from_stdin)),
        1 => Err(problems.remove(0)),
        n => {
            let first = problems.remove(0);
            let kind_is_config = matches!(first, Error::Config { .. });
            let message = format!("{n} of {} groups are invalid; the first: {first}", inputs.len());
            let hint = first.hint();
            Err(if kind_is_config { Error::Config { message, hint } } else { Error::Usage { message, hint } })
        }
    }
}

/// IDs or aliases from stdin, one per line; blank lines and `#` comments skipped.
fn read_stdin_groups() -> Result<Vec<String>, Error> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(MAX_STDIN_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::usage(format!("could not read groups from stdin: {e}")))?;
    if text.len() as u64 > MAX_STDIN_BYTES {
        return Err(Error::usage(format!("more than {} KiB of groups on stdin", MAX_STDIN_BYTES / 1024)));
    }
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect())
}

/// Sends rebalances: the retry policy, pacing and the clock-skew correction, shared by every
/// group of a batch.
struct Caller<'a> {
    client: &'a Client,
    target: Target<'a>,
    credentials: &'a Credentials,
    retries: u32,
    timeout: Duration,
    pacer: Pacer,
    backoff: Backoff,
    /// Seconds to add to the local clock, once measured.
    skew: Option<i64>,
    out: &'a Output,
}

impl Caller<'_> {
    /// Rebalance one group, with the retry policy of [`crate::retry`] and one clock-skew
    /// correction, all within `--timeout`. Returns the RequestId of the one accepted attempt.
    fn call(&mut self, group_id: &str) -> Result<String, Error> {
        let deadline = Instant::now() + self.timeout;
        let mut retry = 0;
        let mut corrected = false;
        loop {
            self.pacer.wait();
            // A fresh timestamp, and so a fresh signature, for every attempt.
            let timestamp = now() + self.skew.unwrap_or(0);
            let request = Request::build(self.target, group_id, Some(self.credentials), timestamp)?;
            self.out.verbose_request(&request);
            crate::interrupt::mark_sending();
            let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
            let sent = self.client.send(&request, left);
            // The rate window counts from the end of the attempt (see `Pacer`).
            self.pacer.finished();
            let (error, server_time) = match sent {
                Ok(exchange) => {
                    self.out.verbose_response(&exchange);
                    match api::interpret(&exchange, &request.host) {
                        Ok(request_id) => return Ok(request_id),
                        Err(error) => (error, exchange.date.as_deref().and_then(api::parse_http_date)),
                    }
                }
                Err(error) => (error, None),
            };
            if error.api_code() == Some("AuthFailure.SignatureExpire") {
                match server_time {
                    // The service does not act on an expired signature: re-sign once with its time.
                    Some(server) if !corrected => {
                        let measured = server - now();
                        self.out.warn(&format!(
                            "the local clock is off by {measured} seconds from the API server's; re-signed with \
                             the server's time (fix the clock, e.g. with NTP)"
                        ));
                        self.skew = Some(measured);
                        corrected = true;
                        continue;
                    }
                    _ => {
                        return Err(match self.skew {
                            Some(measured) => error.with_note(&format!(
                            "still rejected after correcting for a measured clock skew of {measured} seconds"
                        )),
                            None => {
                                error.with_note("the answer had no Date header to measure the clock skew")
                            }
                        })
                    }
                }
            }
            if !retry::is_safe_to_retry(&error) {
                return Err(error);
            }
            if retry == self.retries {
                return Err(if retry == 0 {
                    error
                } else {
                    error.with_note(&format!("after {retry} retries"))
                });
            }
            let wait = self.backoff.delay(retry + 1);
            if Instant::now() + wait >= deadline {
                return Err(error.with_note(&format!(
                    "no time left within --timeout for retry {} of {}",
                    retry + 1,
                    self.retries
                )));
            }
            retry += 1;
            self.out.verbose_line(&format!(
                "{error}; the service did not act: retry {retry} of {} in {} ms",
                self.retries,
                wait.as_millis()
            ));
            std::thread::sleep(wait);
        }
    }
}

fn require_credentials(settings: &Settings) -> Result<&Credentials, Error> {
    match &settings.credentials {
        Lookup::Found(creds) => Ok(creds),
        Lookup::Missing { looked } => Err(Error::config_hint(
            format!("no credentials found; looked in: {}", looked.join("; ")),
            "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or add secret_id and secret_key to a profile \
             in the config file (see the README); --dry-run works without them",
        )),
    }
}

/// Ask once for the whole batch; refuse when there is no terminal to ask on. When stdin carried
/// the group IDs, the answer is read from the terminal itself (`/dev/tty`).
fn confirm(groups: &[String], settings: &Settings, ids_from_stdin: bool) -> Result<(), Error> {
    let refuse = |why: &str| {
        Error::usage_hint(
            format!("refusing to rebalance without confirmation: {why}"),
            "pass --yes to confirm (rebalancing briefly interrupts every connection to the group's replicas)",
        )
    };
    if !std::io::stderr().is_terminal() {
        return Err(refuse("no terminal to ask on"));
    }
    let mut answer_source: Box<dyn BufRead> = if ids_from_stdin {
        match std::fs::File::open("/dev/tty") {
            Ok(tty) => Box::new(std::io::BufReader::new(tty)),
            Err(_) => return Err(refuse("the group IDs came from stdin and there is no terminal to ask on")),
        }
    } else if std::io::stdin().is_terminal() {
        Box::new(std::io::stdin().lock())
    } else {
        return Err(refuse("no terminal to ask on"));
    };

    let region = settings.region.as_ref().map(|r| r.value.as_str()).unwrap_or("not set");
    let what = match groups {
        [only] => only.clone(),
        many => format!("these {} RO groups", many.len()),
    };
    let mut text = format!("Rebalancing interrupts every connection to the read-only replicas of {what}.\n");
    if groups.len() > 1 {
        for g in groups.iter().take(20) {
            text.push_str(&format!("  {g}\n"));
        }
        if groups.len() > 20 {
            text.push_str(&format!("  … and {} more\n", groups.len() - 20));
        }
    }
    text.push_str(&format!(
        "Profile: {}   Region: {region}   Endpoint: {}\nRebalance {what} now? [y/N] ",
        settings.profile.value, settings.endpoint.value.authority
    ));
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
    drop(stderr);
    let mut answer = String::new();
    answer_source
        .read_line(&mut answer)
        .map_err(|e| Error::usage(format!("could not read the answer: {e}")))?;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(Error::usage("not confirmed; nothing was sent")),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
