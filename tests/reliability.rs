//! Faults, retries, clock skew, interruption and transport security, each against the local
//! fake server (tests/common), which verifies every signature with its own TC3 code.
//! The README's "Reliability" section lists these faults with their exit codes.

mod common;

use common::{code, one_json, stderr, FakeApi, Reply, Sandbox, TEST_SECRET_ID, TEST_SECRET_KEY};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const GROUP: &str = "pgrogrp-e0tfm161";

/// `tcpg rebalance --yes --json` against `endpoint` with env credentials, plus `extra`.
fn run(sandbox: &Sandbox, endpoint: &str, extra: &[&str]) -> Output {
    sandbox
        .cmd()
        .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
        .args(["rebalance", "--group", GROUP, "--yes", "--json", "--endpoint", endpoint])
        .args(extra)
        .output()
        .unwrap()
}

/// The same as a plain std Command, for spawning and signals.
fn std_cmd(sandbox: &Sandbox, endpoint: &str, extra: &[&str]) -> Command {
    let mut cmd = sandbox.std_cmd_with_credentials();
    cmd.args(["rebalance", "--group", GROUP, "--yes", "--endpoint", endpoint]).args(extra);
    cmd
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

// ---------------------------------------------------------------------------
// Answers that are not what the API sends

#[test]
fn non_json_200_is_bad_response() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::raw(200, "<html>hello</html>")]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["error"]["kind"], "bad_response");
    assert_eq!(doc["error"]["may_have_applied"], true);
    assert_eq!(server.request_count(), 1, "never retried");
}

#[test]
fn html_502_from_a_proxy_is_retry_later_and_not_retried() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::raw(502, "<html><body>502 Bad Gateway</body></html>")]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["error"]["kind"], "retry_later");
    assert_eq!(doc["error"]["may_have_applied"], true);
    assert!(doc["error"]["message"].as_str().unwrap().contains("502"));
    assert!(stderr(&out).contains("may have been applied"), "{}", stderr(&out));
    assert_eq!(server.request_count(), 1, "a gateway error must not be retried");
}

#[test]
fn body_cut_short_is_bad_response() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Raw {
        status: 200,
        headers: vec![
            ("Content-Length".into(), "1000".into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: br#"{"Response":{"Requ"#.to_vec(),
    }]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    assert_eq!(one_json(&out)["error"]["may_have_applied"], true);
    assert_eq!(server.request_count(), 1);
}

#[test]
fn empty_200_is_bad_response() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::raw_json(200, "")]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    assert!(one_json(&out)["error"]["message"].as_str().unwrap().contains("empty"));
}

#[test]
fn json_without_request_id_is_bad_response() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::raw_json(200, r#"{"Response":{"Status":"ok"}}"#)]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    assert!(one_json(&out)["error"]["message"].as_str().unwrap().contains("RequestId"));
}

/// Peak RSS of the largest child this test process has waited for, in KiB (Linux: KiB).
fn children_max_rss_kib() -> i64 {
    // SAFETY: getrusage writes into the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

#[test]
fn a_50_mb_body_is_refused_without_reading_it() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Huge { size: 50 * 1024 * 1024 }]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    let doc = one_json(&out);
    assert!(doc["error"]["message"].as_str().unwrap().contains("larger than 1024 KiB"), "{doc}");
    // Every tcpg this test binary ran stayed far below the 50 MB it was offered.
    let peak = children_max_rss_kib();
    assert!(peak < 40 * 1024, "a tcpg child peaked at {peak} KiB");
    eprintln!("peak child RSS: {peak} KiB");
}

// ---------------------------------------------------------------------------
// Transport failures

#[test]
fn a_server_that_never_answers_is_bounded_by_timeout() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Hang]);
    let started = Instant::now();
    let out = run(&sandbox, &server.endpoint(), &["--timeout", "1"]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["error"]["kind"], "network");
    assert_eq!(doc["error"]["may_have_applied"], true);
    assert!(stderr(&out).contains("may have been applied"), "{}", stderr(&out));
    assert_eq!(server.request_count(), 1, "a read timeout must not be retried");
    // Not a speed assertion: only that --timeout, not the server, ended the call.
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_connection_reset_is_a_network_error_that_may_have_applied() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Reset]);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    assert_eq!(one_json(&out)["error"]["may_have_applied"], true);
    assert_eq!(server.request_count(), 1, "a reset after sending must not be retried");
}

#[test]
fn connection_refused_is_retried_then_network() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    let out = run(&sandbox, &endpoint, &["--retries", "2", "-v"]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["error"]["may_have_applied"], false);
    assert!(doc["error"]["message"].as_str().unwrap().contains("after 2 retries"), "{doc}");
    let err = stderr(&out);
    assert!(err.contains("retry 1 of 2") && err.contains("retry 2 of 2"), "{err}");
    assert!(!err.contains("retry 3"), "{err}");
}

// ---------------------------------------------------------------------------
// Retries

#[test]
fn timeout_bounds_the_whole_call_retries_included() {
    let sandbox = Sandbox::new();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    let out = run(&sandbox, &endpoint, &["--retries", "10", "--timeout", "0.3"]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    let message = one_json(&out)["error"]["message"].as_str().unwrap().to_string();
    assert!(message.contains("no time left within --timeout"), "{message}");
}

#[test]
fn throttled_twice_then_success_sends_exactly_three_requests() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![
        Reply::api_error("RequestLimitExceeded", "slow down"),
        Reply::api_error("RequestLimitExceeded.UinLimitExceeded", "slow down"),
        Reply::Success,
        Reply::Success,
    ]);
    let out = run(&sandbox, &server.endpoint(), &["-v"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "the loop must stop at the first success");
    assert_eq!(one_json(&out)["request_id"], requests[2].request_id.clone().unwrap().as_str());
    for r in &requests {
        assert_eq!(r.verdict, Ok(()), "every attempt is correctly signed: {:?}", r.detail);
    }
    assert!(stderr(&out).contains("retry 2 of 3"), "{}", stderr(&out));
}

#[test]
fn throttled_forever_is_retry_later_after_the_retries() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::api_error("RequestLimitExceeded", "slow down")]);
    let out = run(&sandbox, &server.endpoint(), &["--retries", "3"]);
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    assert_eq!(server.request_count(), 4, "one attempt and three retries");
    let doc = one_json(&out);
    assert_eq!(doc["error"]["code"], "RequestLimitExceeded");
    assert!(doc["error"]["message"].as_str().unwrap().contains("after 3 retries"));
    // --retries 0 disables them.
    let server = FakeApi::start(vec![Reply::api_error("RequestLimitExceeded", "slow down")]);
    let out = run(&sandbox, &server.endpoint(), &["--retries", "0"]);
    assert_eq!(code(&out), 8);
    assert_eq!(server.request_count(), 1);
}

#[test]
fn answers_after_which_the_service_may_have_acted_are_never_retried() {
    let sandbox = Sandbox::new();
    for (reply, exit) in [
        (Reply::api_error("InternalError.SystemError", "x"), 8),
        (Reply::api_error("ServiceUnavailable", "x"), 8),
        (Reply::api_error("ResourceInUse", "x"), 8),
        (Reply::api_error("FailedOperation.FailedOperationError", "x"), 8),
        (Reply::raw(503, ""), 8),
        (Reply::raw(504, "gateway timeout"), 8),
    ] {
        let server = FakeApi::start(vec![reply.clone()]);
        let out = run(&sandbox, &server.endpoint(), &["--retries", "5"]);
        assert_eq!(code(&out), exit, "{reply:?}: {}", stderr(&out));
        assert_eq!(server.request_count(), 1, "{reply:?} was retried");
    }
}

// ---------------------------------------------------------------------------
// Clock skew

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn clock_skew_is_corrected_once_with_a_warning() {
    let sandbox = Sandbox::new();
    // The server's clock is an hour ahead: the first signature is "expired".
    let server = FakeApi::start(vec![Reply::Success]).with_server_time(now() + 3600);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].verdict, Err("AuthFailure.SignatureExpire".to_string()));
    assert_eq!(requests[1].verdict, Ok(()));
    let err = stderr(&out);
    let warning = err.lines().find(|l| l.contains("clock is off by")).unwrap_or_else(|| panic!("{err}"));
    let skew: i64 = warning.split("off by ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((3595..=3605).contains(&skew), "{warning}");
    assert_eq!(one_json(&out)["ok"], true);
}

#[test]
fn clock_skew_that_persists_is_auth_with_the_measured_skew() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::api_error("AuthFailure.SignatureExpire", "expired")])
        .with_server_time(now() - 1800);
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert_eq!(server.request_count(), 2, "one correction, no more");
    let doc = one_json(&out);
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(message.contains("clock skew of -180"), "{message}");
}

// ---------------------------------------------------------------------------
// Interruption and closed pipes

#[test]
fn ctrl_c_while_waiting_exits_130_and_says_the_request_was_sent() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Hang]);
    for json in [false, true] {
        let mut cmd = std_cmd(&sandbox, &server.endpoint(), &["--timeout", "60"]);
        if json {
            cmd.arg("--json");
        }
        let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let expected = if json { 2 } else { 1 };
        assert!(server.wait_for_requests(expected, Duration::from_secs(30)), "the request never arrived");
        // SAFETY: sending SIGINT to our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 130, "{}", stderr(&out));
        assert!(stderr(&out).contains("after the request was sent"), "{}", stderr(&out));
        if json {
            let doc = one_json(&out);
            assert_eq!(doc["error"]["kind"], "interrupted");
            assert_eq!(doc["error"]["may_have_applied"], true);
            assert_eq!(doc["exit_code"], 130);
        }
    }
}

#[test]
fn a_closed_stdout_pipe_does_not_panic() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    for extra in [vec![], vec!["--json"], vec!["--dry-run"]] {
        let mut child = std_cmd(&sandbox, &server.endpoint(), &extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // like `| head -c0`
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(code(&out), 0, "{extra:?}: {err}");
    }
}

// ---------------------------------------------------------------------------
// Transport security

fn write_ca(sandbox: &Sandbox, pem: &str) -> String {
    let path = sandbox.home.path().join("corp-ca.pem");
    std::fs::write(&path, pem).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn https_with_an_extra_ca_bundle() {
    let sandbox = Sandbox::new();
    let (server, ca) = FakeApi::start_tls(vec![Reply::Success]);
    let ca_path = write_ca(&sandbox, &ca);

    // Not trusted by default: a TLS failure, nothing sent.
    let out = run(&sandbox, &server.endpoint(), &["--retries", "0"]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    assert_eq!(one_json(&out)["error"]["may_have_applied"], false);
    assert!(stderr(&out).to_lowercase().contains("certificate"), "{}", stderr(&out));
    assert_eq!(server.request_count(), 0);

    // --ca-bundle
    let out = run(&sandbox, &server.endpoint(), &["--ca-bundle", &ca_path]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(server.requests()[0].verdict, Ok(()));
    assert_eq!(
        server.requests()[0].header("Host"),
        Some(format!("localhost:{}", server.addr().port()).as_str())
    );

    // SSL_CERT_FILE
    let out = sandbox
        .cmd()
        .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
        .env("SSL_CERT_FILE", &ca_path)
        .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // ca_bundle in the profile
    sandbox.write_config(&format!("[profiles.default]\nca_bundle = \"{ca_path}\"\n"));
    let out = run(&sandbox, &server.endpoint(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(server.request_count(), 3);

    // A bundle that is not PEM is a config error.
    let bad = write_ca(&sandbox, "not a certificate");
    let out = run(&sandbox, &server.endpoint(), &["--ca-bundle", &bad]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

/// A minimal HTTP CONNECT proxy on 127.0.0.1 that records the targets it was asked for.
fn start_connect_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen_in = Arc::clone(&seen);
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            let seen = Arc::clone(&seen_in);
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if client.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                seen.lock().unwrap().push(head.lines().next().unwrap_or("").to_string());
                // Only loopback targets: this proxy never reaches beyond the machine.
                let host = target.rsplit_once(':').map(|(h, _)| h).unwrap_or("");
                if !head.starts_with("CONNECT ") || !(host == "localhost" || host == "127.0.0.1") {
                    let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n");
                    return;
                }
                let Ok(upstream) = TcpStream::connect(target.replace("localhost", "127.0.0.1")) else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
                    return;
                };
                let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                let (mut c2, mut u2) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
                let mut upstream = upstream;
                let t = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut u2, &mut c2);
                    let _ = c2.shutdown(std::net::Shutdown::Write);
                });
                let _ = std::io::copy(&mut client, &mut upstream);
                let _ = upstream.shutdown(std::net::Shutdown::Write);
                let _ = t.join();
            });
        }
    });
    (port, seen)
}

#[test]
fn https_proxy_and_no_proxy_are_honoured() {
    let sandbox = Sandbox::new();
    let (server, ca) = FakeApi::start_tls(vec![Reply::Success]);
    let ca_path = write_ca(&sandbox, &ca);
    let (proxy_port, seen) = start_connect_proxy();
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let base = |cmd: &mut assert_cmd::Command| {
        cmd.env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
            .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
            .args(["rebalance", "--group", GROUP, "--yes", "--ca-bundle", &ca_path])
            .args(["--endpoint", &server.endpoint()]);
    };

    let mut cmd = sandbox.cmd();
    base(&mut cmd);
    let out = cmd.env("HTTPS_PROXY", &proxy).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let connects = seen.lock().unwrap().clone();
    assert_eq!(connects, [format!("CONNECT localhost:{} HTTP/1.1", server.addr().port())]);

    let mut cmd = sandbox.cmd();
    base(&mut cmd);
    let out = cmd.env("HTTPS_PROXY", &proxy).env("NO_PROXY", "localhost").output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(seen.lock().unwrap().len(), 1, "NO_PROXY bypasses the proxy");
    assert_eq!(server.request_count(), 2);
}

// ---------------------------------------------------------------------------
// Config files

#[cfg(unix)]
#[test]
fn a_world_readable_config_with_a_secret_warns_once_when_used() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let path = sandbox.write_config(&format!(
        "[profiles.default]\nsecret_id = \"{TEST_SECRET_ID}\"\nsecret_key = \"{TEST_SECRET_KEY}\"\nendpoint = \"{}\"\n",
        server.endpoint()
    ));
    let set_mode = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    let warnings = |out: &Output| stderr(out).matches("readable by others").count();
    let rebalance = || sandbox.cmd().args(["rebalance", "--group", GROUP, "--yes"]).output().unwrap();

    set_mode(0o644);
    let out = rebalance();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(warnings(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("chmod 600"));
    let out = sandbox.cmd().args(["rebalance", "--group", GROUP, "--dry-run"]).output().unwrap();
    assert_eq!(warnings(&out), 1);
    // Never for help or version.
    for args in [vec!["--help"], vec!["--version"], vec!["rebalance", "--help"]] {
        assert_eq!(warnings(&sandbox.cmd().args(&args).output().unwrap()), 0);
    }
    // Not when the secret in the file is not the one used.
    let out = sandbox
        .cmd()
        .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
        .args(["rebalance", "--group", GROUP, "--yes"])
        .output()
        .unwrap();
    assert_eq!(warnings(&out), 0);
    // Not once the file is private.
    set_mode(0o600);
    assert_eq!(warnings(&rebalance()), 0);
    // And a setting silences it.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("check_permissions = false\n{text}")).unwrap();
    set_mode(0o644);
    let out = rebalance();
    assert_eq!(code(&out), 0);
    assert_eq!(warnings(&out), 0);
}

#[test]
fn unusable_config_files_are_config_errors_not_panics() {
    let sandbox = Sandbox::new();
    let path = sandbox.config_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let check = |what: &str, needle: &str| {
        let out = sandbox.cmd().args(["rebalance", "--group", GROUP, "--dry-run"]).output().unwrap();
        assert_eq!(code(&out), 3, "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{what}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    };
    std::fs::write(&path, b"[profiles.default]\nregion = \"\xff\xfe\"\n").unwrap();
    check("not UTF-8", "UTF-8");
    std::fs::write(&path, "# padding\n".repeat(200_000)).unwrap();
    check("huge", "refusing");
    std::fs::write(&path, "[profiles.default]\nsecret_key = [\"AKIDsecretInAList\"]\n").unwrap();
    check("secret of the wrong type", "secret_key");
    let out = sandbox.cmd().args(["rebalance", "--group", GROUP, "--dry-run"]).output().unwrap();
    assert!(!stderr(&out).contains("AKIDsecretInAList"), "{}", stderr(&out));
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    check("a directory", "directory");
}

#[test]
fn ctrl_c_at_the_prompt_exits_130_and_says_nothing_was_sent() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let args = format!("rebalance --group {GROUP} --endpoint {}", server.endpoint());
    let Some(mut pty) = common::on_a_pty(&sandbox, &args) else { return };
    let mut child = pty.spawn().unwrap();
    // Read the screen until the prompt is there, then type Ctrl-C on the terminal.
    let mut screen_out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = screen_out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = String::new();
    while !screen.contains("[y/N]") {
        let chunk = rx.recv_timeout(Duration::from_secs(30)).expect("the prompt never appeared");
        screen.push_str(&String::from_utf8_lossy(&chunk));
    }
    child.stdin.as_mut().unwrap().write_all(b"\x03").unwrap();
    let status = child.wait().unwrap();
    drop(child.stdin.take());
    let _ = reader.join();
    while let Ok(chunk) = rx.try_recv() {
        screen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert_eq!(status.code(), Some(130), "{screen}");
    assert!(screen.contains("before the request was sent"), "{screen}");
    assert_eq!(server.request_count(), 0);
}
