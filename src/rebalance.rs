//! `tcpg rebalance`: the order of the steps, and the confirmation.
//!
//! Everything that can be checked locally is checked before anything is sent: the config, the
//! group ID, the credentials, then the confirmation. A dry run stops after signing.

use crate::api::{self, Client, Request, Target};
use crate::cli::RebalanceArgs;
use crate::config::{Env, Settings};
use crate::credentials::{Credentials, Lookup};
use crate::error::Error;
use crate::output::Output;
use crate::retry::{self, Backoff, Pacer};
use crate::{cli::GlobalArgs, group};
use std::io::{BufRead, IsTerminal, Write};
use std::time::{Duration, Instant};

/// Run the command. `group_out` receives the resolved group as soon as it is known, so that a
/// later failure can still name it.
pub fn run(
    global: &GlobalArgs,
    args: &RebalanceArgs,
    env: &Env,
    out: &Output,
    group_out: &mut Option<String>,
) -> Result<(), Error> {
    let settings = crate::config::resolve(global, env)?;
    out.verbose_settings(&settings);

    let group_input = match (&args.group, &settings.group) {
        (Some(g), _) => g.clone(),
        (None, Some(g)) => g.value.clone(),
        (None, None) => {
            return Err(Error::usage_hint(
                "no RO group given",
                format!(
                    "pass --group pgrogrp-xxxxxxxx, or set `group` in profile \"{}\"",
                    settings.profile.value
                ),
            ))
        }
    };
    let group_id = group::resolve(&group_input, &settings.aliases)?;
    *group_out = Some(group_id.clone());
    crate::interrupt::set_group(&group_id);

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
        let request = Request::build(target, &group_id, credentials, now())?;
        return out.dry_run(&group_id, &request);
    }

    let credentials = require_credentials(&settings)?;
    if let Some(warning) = &settings.permission_warning {
        out.warn(warning);
    }
    if !args.yes {
        confirm(&group_id, &settings)?;
    }

    let client = Client::new(settings.timeout, settings.ca_bundle.as_ref().map(|c| c.value.as_path()))?;
    let deadline = Instant::now() + settings.timeout;
    let request_id = call(&client, target, &group_id, credentials, settings.retries, deadline, out)?;
    out.success(&group_id, &request_id)
}

/// Send the rebalance with the retry policy of [`crate::retry`] and one clock-skew correction,
/// all within `deadline` (`--timeout` bounds the whole call). Returns the RequestId of the one
/// accepted attempt.
fn call(
    client: &Client,
    target: Target<'_>,
    group_id: &str,
    credentials: &Credentials,
    retries: u32,
    deadline: Instant,
    out: &Output,
) -> Result<String, Error> {
    let mut pacer = Pacer::default();
    let mut backoff = Backoff::from_entropy();
    let mut retry = 0;
    let mut skew: Option<i64> = None;
    loop {
        pacer.wait();
        // A fresh timestamp, and so a fresh signature, for every attempt.
        let request = Request::build(target, group_id, Some(credentials), now() + skew.unwrap_or(0))?;
        out.verbose_request(&request);
        crate::interrupt::mark_sending();
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        let (error, server_time) = match client.send(&request, left) {
            Ok(exchange) => {
                out.verbose_response(&exchange);
                match api::interpret(&exchange, &request.host) {
                    Ok(request_id) => return Ok(request_id),
                    Err(error) => (error, exchange.date.as_deref().and_then(api::parse_http_date)),
                }
            }
            Err(error) => (error, None),
        };
        if error.api_code() == Some("AuthFailure.SignatureExpire") {
            match (skew, server_time) {
                // The service does not act on an expired signature: re-sign once with its time.
                (None, Some(server)) => {
                    let measured = server - now();
                    out.warn(&format!(
                        "the local clock is off by {measured} seconds from the API server's; re-signed with the \
                         server's time (fix the clock, e.g. with NTP)"
                    ));
                    skew = Some(measured);
                    continue;
                }
                (Some(measured), _) => {
                    return Err(error.with_note(&format!(
                        "still rejected after correcting for a measured clock skew of {measured} seconds"
                    )))
                }
                (None, None) => {
                    return Err(error.with_note("the answer had no Date header to measure the clock skew"))
                }
            }
        }
        if !retry::is_safe_to_retry(&error) {
            return Err(error);
        }
        if retry == retries {
            return Err(if retry == 0 { error } else { error.with_note(&format!("after {retry} retries")) });
        }
        let wait = backoff.delay(retry + 1);
        if Instant::now() + wait >= deadline {
            return Err(error
                .with_note(&format!("no time left within --timeout for retry {} of {retries}", retry + 1)));
        }
        retry += 1;
        out.verbose_line(&format!(
            "{error}; the service did not act: retry {retry} of {retries} in {} ms",
            wait.as_millis()
        ));
        std::thread::sleep(wait);
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

/// Ask on the terminal; refuse when there is none.
fn confirm(group_id: &str, settings: &Settings) -> Result<(), Error> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::usage_hint(
            "refusing to rebalance without confirmation: no terminal to ask on",
            "pass --yes to confirm (rebalancing briefly interrupts every connection to the group's replicas)",
        ));
    }
    let region = settings.region.as_ref().map(|r| r.value.as_str()).unwrap_or("not set");
    let mut stderr = std::io::stderr().lock();
    let _ = write!(
        stderr,
        "Rebalancing interrupts every connection to the read-only replicas of {group_id}.\n\
         Profile: {}   Region: {region}   Endpoint: {}\n\
         Rebalance {group_id} now? [y/N] ",
        settings.profile.value, settings.endpoint.value.authority
    );
    let _ = stderr.flush();
    drop(stderr);
    let mut answer = String::new();
    std::io::stdin()
        .lock()
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
