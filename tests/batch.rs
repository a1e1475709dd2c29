//! Many groups in one call, `--quiet` and colour, against the local fake server.

mod common;

use common::{code, stderr, stdout, FakeApi, Reply, Sandbox, TEST_SECRET_ID, TEST_SECRET_KEY};
use serde_json::Value;
use std::process::Output;

fn cmd(sandbox: &Sandbox, server: &FakeApi) -> assert_cmd::Command {
    let mut cmd = sandbox.cmd();
    cmd.env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID).env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY).args([
        "rebalance",
        "--endpoint",
        &server.endpoint(),
    ]);
    cmd
}

fn bodies(server: &FakeApi) -> Vec<String> {
    server.requests().iter().map(|r| r.body_json()["ReadOnlyGroupId"].as_str().unwrap().to_string()).collect()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

const A: &str = "pgrogrp-aaaa0001";
const B: &str = "pgrogrp-bbbb0002";
const C: &str = "pgrogrp-cccc0003";

#[test]
fn repeated_groups_go_in_order_over_one_connection() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    let out = cmd(&sandbox, &server).args(["--yes", "-g", A, "--group", B, "--group", C]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(bodies(&server), [A, B, C]);
    let requests = server.requests();
    assert!(requests.iter().all(|r| r.verdict.is_ok()));
    assert!(requests.iter().all(|r| r.connection == requests[0].connection), "one reused connection");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for (line, (group, r)) in lines.iter().zip([A, B, C].iter().zip(&requests)) {
        assert!(line.contains(group) && line.contains(r.request_id.as_deref().unwrap()), "{line}");
    }
    assert_eq!(lines[3], "Rebalanced 3 of 3 RO groups");
}

#[test]
fn groups_from_stdin_skip_blanks_and_comments_and_resolve_aliases() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    sandbox.write_config(&format!("[profiles.default.groups]\nreporting = \"{C}\"\n"));
    let input = format!("# nightly batch\n{A}\n\n  {B}   # the big one\nreporting\n{A}\n");
    let out =
        cmd(&sandbox, &server).args(["--yes", "--json", "--group", "-"]).write_stdin(input).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(bodies(&server), [A, B, C], "in order, duplicates once");
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 3, "one JSON object per group, no summary object");
    for (doc, group) in docs.iter().zip([A, B, C]) {
        assert_eq!(doc["ok"], true);
        assert_eq!(doc["group"], group);
    }
}

#[test]
fn ids_on_stdin_need_yes_when_there_is_no_terminal() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    let out =
        cmd(&sandbox, &server).args(["--group", "-"]).write_stdin(format!("{A}\n{B}\n")).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(server.request_count(), 0);
}

#[test]
fn every_id_is_validated_before_anything_is_sent() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    let out = cmd(&sandbox, &server)
        .args(["--yes", "-g", A, "-g", "postgres-12345678", "-g", "\"pgrogrp-x1\"", "-g", B])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("2 of 4 groups are invalid") && err.contains("postgres-12345678"), "{err}");
    assert_eq!(server.request_count(), 0);
    let out =
        cmd(&sandbox, &server).args(["--yes", "--group", "-"]).write_stdin("# nothing\n\n").output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no RO group on stdin"));
}

#[test]
fn a_failure_does_not_stop_the_batch_and_the_first_failure_decides_the_exit_code() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![
        Reply::Success,
        Reply::api_error("FailedOperation.ROGroupNotFoundError", "The RO group does not exist."),
        Reply::api_error("AuthFailure.UnauthorizedOperation", "no"),
        Reply::Success,
    ]);
    let d = "pgrogrp-dddd0004";
    let out = cmd(&sandbox, &server)
        .args(["--yes", "--json", "-g", A, "-g", B, "-g", C, "-g", d])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "the first failure's code: {}", stderr(&out));
    assert_eq!(bodies(&server), [A, B, C, d]);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0]["ok"], true);
    assert_eq!((docs[1]["group"].as_str(), docs[1]["error"]["kind"].as_str()), (Some(B), Some("not_found")));
    assert_eq!(docs[1]["exit_code"], 5);
    assert_eq!((docs[2]["group"].as_str(), docs[2]["error"]["kind"].as_str()), (Some(C), Some("auth")));
    assert_eq!(docs[3]["ok"], true);

    // Text: a line per group, the errors on stderr, and a summary naming every failure.
    let server = FakeApi::start(vec![
        Reply::Success,
        Reply::api_error("FailedOperation.ROGroupNotFoundError", "gone"),
        Reply::api_error("AuthFailure.UnauthorizedOperation", "no"),
    ]);
    let out = cmd(&sandbox, &server).args(["--yes", "-g", A, "-g", B, "-g", C]).output().unwrap();
    assert_eq!(code(&out), 5);
    let summary = stdout(&out).lines().last().unwrap().to_string();
    assert_eq!(summary, format!("Rebalanced 1 of 3 RO groups; 2 failed: {B} (not_found), {C} (auth)"));
    assert_eq!(stderr(&out).matches("tcpg: error:").count(), 2, "{}", stderr(&out));
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::api_error("ResourceNotFound", "gone"), Reply::Success]);
    let out =
        cmd(&sandbox, &server).args(["--yes", "--fail-fast", "-g", A, "-g", B, "-g", C]).output().unwrap();
    assert_eq!(code(&out), 5);
    assert_eq!(bodies(&server), [A], "nothing after the failure");
    let summary = stdout(&out).lines().last().unwrap().to_string();
    assert!(summary.contains(&format!("2 not attempted (--fail-fast): {B}, {C}")), "{summary}");
}

#[test]
fn quiet_prints_nothing_on_success_but_still_reports_failures() {
    let sandbox = Sandbox::new();
    let server =
        FakeApi::start(vec![Reply::Success, Reply::Success, Reply::api_error("ResourceNotFound", "gone")]);
    let out = cmd(&sandbox, &server).args(["--yes", "--quiet", "-g", A, "-g", B]).output().unwrap();
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{}{}", stdout(&out), stderr(&out));
    let out = cmd(&sandbox, &server).args(["--yes", "-q", "-g", C]).output().unwrap();
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("ResourceNotFound"));
}

#[test]
fn colour_only_on_request_and_never_with_no_color() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    let has_escape = |out: &Output| stdout(out).contains('\u{1b}') || stderr(out).contains('\u{1b}');
    // Not a terminal: plain.
    let out = cmd(&sandbox, &server).args(["--yes", "-g", A]).output().unwrap();
    assert!(!has_escape(&out));
    // CLICOLOR_FORCE: coloured even into a pipe.
    let out = cmd(&sandbox, &server).env("CLICOLOR_FORCE", "1").args(["--yes", "-g", A]).output().unwrap();
    assert!(stdout(&out).contains("\u{1b}[32maccepted\u{1b}[0m"), "{:?}", stdout(&out));
    // NO_COLOR wins.
    let out = cmd(&sandbox, &server)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["--yes", "-g", A])
        .output()
        .unwrap();
    assert!(!has_escape(&out));
    // JSON is never coloured.
    let out = cmd(&sandbox, &server)
        .env("CLICOLOR_FORCE", "1")
        .args(["--yes", "--json", "-g", A])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn dry_run_of_a_batch_prints_every_request() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![]);
    let out = cmd(&sandbox, &server).args(["--dry-run", "--json", "-g", A, "-g", B]).output().unwrap();
    assert_eq!(code(&out), 0);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["request"]["body"], format!("{{\"ReadOnlyGroupId\":\"{B}\"}}"));
    assert_eq!(server.request_count(), 0);
}

#[test]
fn when_the_reader_goes_away_the_batch_stops_and_keeps_an_earlier_failure() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::api_error("ResourceNotFound", "gone"), Reply::Success]);
    let mut child = sandbox
        .std_cmd_with_credentials()
        .args(["rebalance", "--yes", "--endpoint", &server.endpoint(), "-g", A, "-g", B, "-g", C])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| head -c0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 5, "the earlier failure's code: {}", stderr(&out));
    assert_eq!(bodies(&server), [A, B], "nothing is sent once nobody reads the results");
    assert!(!stderr(&out).contains("panicked"));
}
