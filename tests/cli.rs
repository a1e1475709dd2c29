//! `tcpg rebalance` end to end: the real binary against the fake API server, which checks every
//! signature with its own TC3 code (tests/common/tc3.rs), never the crate's signer.

mod common;

use common::{
    code, one_json, stderr, stdout, FakeApi, Reply, Sandbox, TEST_SECRET_ID, TEST_SECRET_KEY, TEST_TOKEN,
};
use serde_json::Value;
use std::process::Output;

const GROUP: &str = "pgrogrp-e0tfm161";

/// Environment credentials matching the fake server's key pair.
fn with_env_creds(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID).env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
}

/// Run `tcpg rebalance --group GROUP --yes --endpoint <server>` plus `extra` with env creds.
fn rebalance(sandbox: &Sandbox, server: &FakeApi, extra: &[&str]) -> Output {
    let mut cmd = sandbox.cmd();
    with_env_creds(&mut cmd)
        .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn success_text_names_group_and_request_id() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let out = rebalance(&sandbox, &server, &[]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].verdict, Ok(()), "{:?}", requests[0].detail);
    let request_id = requests[0].request_id.clone().unwrap();
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(GROUP) && text.contains(&request_id), "{text}");
    assert!(stderr(&out).is_empty(), "stderr: {}", stderr(&out));
}

#[test]
fn success_json_is_one_document_with_the_schema() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let out = rebalance(&sandbox, &server, &["--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let doc = one_json(&out);
    let request_id = server.requests()[0].request_id.clone().unwrap();
    assert_eq!(doc, serde_json::json!({"ok": true, "group": GROUP, "request_id": request_id}));
}

#[test]
fn the_request_carries_exactly_the_documented_headers_and_body() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success, Reply::Success]);
    let before = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;

    // Without region, language or token.
    let out = rebalance(&sandbox, &server, &[]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    // With all three.
    let mut cmd = sandbox.cmd();
    let out = with_env_creds(&mut cmd)
        .env("TENCENTCLOUD_TOKEN", TEST_TOKEN)
        .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
        .args(["--region", "ap-guangzhou", "--language", "zh-CN"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let version = format!("tcpg/{}", env!("CARGO_PKG_VERSION"));
    for r in &requests {
        assert_eq!(r.verdict, Ok(()), "{:?}", r.detail);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
        assert_eq!(r.body_str(), r#"{"ReadOnlyGroupId":"pgrogrp-e0tfm161"}"#);
        assert_eq!(r.header("Host"), Some(server.host().as_str()));
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert_eq!(r.header("X-TC-Action"), Some("RebalanceReadOnlyGroup"));
        assert_eq!(r.header("X-TC-Version"), Some("2017-03-12"));
        assert_eq!(r.header("X-TC-RequestClient"), Some(version.as_str()));
        assert_eq!(r.header("User-Agent"), Some(version.as_str()));
        let ts: i64 = r.header("X-TC-Timestamp").unwrap().parse().unwrap();
        assert!((before - 5..=before + 120).contains(&ts), "timestamp {ts} vs {before}");
        let auth = r.header("Authorization").unwrap();
        assert!(auth.starts_with(&format!("TC3-HMAC-SHA256 Credential={TEST_SECRET_ID}/")), "{auth}");
        assert!(auth.contains("/postgres/tc3_request, SignedHeaders=content-type;host"), "{auth}");
    }
    let plain = &requests[0];
    for absent in ["X-TC-Region", "X-TC-Language", "X-TC-Token"] {
        assert_eq!(plain.header(absent), None, "{absent} sent without being set");
    }
    let full = &requests[1];
    assert_eq!(full.header("X-TC-Region"), Some("ap-guangzhou"));
    assert_eq!(full.header("X-TC-Language"), Some("zh-CN"));
    assert_eq!(full.header("X-TC-Token"), Some(TEST_TOKEN));
}

/// Every exit code of the table that a real response or a real local failure produces.
#[test]
fn api_errors_map_to_their_exit_codes() {
    let cases: &[(&str, i32, &str)] = &[
        ("AuthFailure.UnauthorizedOperation", 4, "auth"),
        ("FailedOperation.CamAuthFailed", 4, "auth"),
        ("OperationDenied.CamDeniedError", 4, "auth"),
        ("IpNotInWhitelist", 4, "auth"),
        ("FailedOperation.ROGroupNotFoundError", 5, "not_found"),
        ("ResourceNotFound.InstanceNotFoundError", 5, "not_found"),
        ("InvalidParameterValue.ParameterHandleError", 6, "invalid_request"),
        ("UnsupportedRegion", 6, "invalid_request"),
        ("FailedOperation.VPCUpdateRouteError", 7, "failed"),
        ("VpcError", 7, "failed"),
        ("SomethingNobodyDocumented", 7, "failed"),
        ("RequestLimitExceeded", 8, "retry_later"),
        ("InternalError.SystemError", 8, "retry_later"),
        ("FailedOperation.DatabaseAccessError", 8, "retry_later"),
    ];
    let sandbox = Sandbox::new();
    let replies = cases.iter().map(|(c, _, _)| Reply::api_error(c, "message from the service")).collect();
    let server = FakeApi::start(replies);
    for (api_code, exit, kind) in cases {
        let out = rebalance(&sandbox, &server, &["--json", "--retries", "0"]);
        let out = if code(&out) == 2 && stderr(&out).contains("--retries") {
            // Retries arrive with the reliability work; until then, no flag.
            rebalance(&sandbox, &server, &["--json"])
        } else {
            out
        };
        assert_eq!(code(&out), *exit, "{api_code}: stderr {}", stderr(&out));
        let doc = one_json(&out);
        assert_eq!(doc["ok"], false);
        assert_eq!(doc["error"]["code"], *api_code);
        assert_eq!(doc["error"]["kind"], *kind);
        assert_eq!(doc["exit_code"], *exit);
        assert_eq!(doc["error"]["retryable"], *kind == "retry_later", "{api_code}");
        let err = stderr(&out);
        assert!(err.starts_with(&format!("tcpg: error: {api_code}: message from the service")), "{err}");
    }
    assert_eq!(server.request_count(), cases.len());
}

#[test]
fn not_found_failure_json_has_the_full_schema_and_a_hint() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::api_error(
        "FailedOperation.ROGroupNotFoundError",
        "The RO group does not exist.",
    )]);
    let out = rebalance(&sandbox, &server, &["--json"]);
    assert_eq!(code(&out), 5);
    let doc = one_json(&out);
    let request_id = server.requests()[0].request_id.clone().unwrap();
    let keys: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["ok", "group", "request_id", "error", "exit_code"]);
    assert_eq!(doc["group"], GROUP);
    assert_eq!(doc["request_id"], request_id.as_str());
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["error"]["code"], "FailedOperation.ROGroupNotFoundError");
    assert_eq!(doc["error"]["message"], "The RO group does not exist.");
    assert_eq!(doc["error"]["retryable"], false);
    assert_eq!(doc["exit_code"], 5);
    // Text mode: the code, the message, the RequestId and a hint, all on stderr.
    let out = rebalance(&sandbox, &server, &[]);
    assert_eq!(code(&out), 5);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("FailedOperation.ROGroupNotFoundError") && err.contains("RequestId"), "{err}");
    assert!(err.contains("hint:") && err.contains("region"), "{err}");
}

#[test]
fn a_wrong_secret_key_is_rejected_by_the_servers_own_check() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let mut cmd = sandbox.cmd();
    let out = cmd
        .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", "not-the-right-key")
        .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert_eq!(server.requests()[0].verdict, Err("AuthFailure.SignatureFailure".to_string()));
    let err = stderr(&out);
    assert!(err.contains("AuthFailure.SignatureFailure") && err.contains("hint:"), "{err}");
}

#[test]
fn http_answers_without_an_api_body() {
    let cases: Vec<(Reply, i32, &str)> = vec![
        (Reply::raw(502, "<html>bad gateway</html>"), 8, "retry_later"),
        (Reply::raw(503, ""), 8, "retry_later"),
        (Reply::raw(500, "<html>oops</html>"), 10, "bad_response"),
        (Reply::raw(404, "nothing here"), 10, "bad_response"),
        (Reply::raw(200, "this is not json"), 10, "bad_response"),
        (Reply::raw_json(200, r#"{"Response":{}}"#), 10, "bad_response"),
        (Reply::raw_json(200, ""), 10, "bad_response"),
        // An API error body wins whatever the status.
        (
            Reply::raw_json(
                400,
                r#"{"Response":{"Error":{"Code":"InvalidParameter","Message":"m"},"RequestId":"r"}}"#,
            ),
            6,
            "invalid_request",
        ),
    ];
    let sandbox = Sandbox::new();
    let n = cases.len();
    let server = FakeApi::start(cases.iter().map(|(r, _, _)| r.clone()).collect());
    for (i, (_, exit, kind)) in cases.iter().enumerate() {
        let out = rebalance(&sandbox, &server, &["--json"]);
        assert_eq!(code(&out), *exit, "case {i}: {}", stderr(&out));
        assert_eq!(one_json(&out)["error"]["kind"], *kind, "case {i}");
    }
    assert_eq!(server.request_count(), n);
}

#[test]
fn connection_refused_is_a_network_error_and_says_nothing_was_sent() {
    let sandbox = Sandbox::new();
    // Take a free port and close it again: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut cmd = sandbox.cmd();
    let out = with_env_creds(&mut cmd)
        .args(["rebalance", "--group", GROUP, "--yes", "--json", "--retries", "0"])
        .args(["--endpoint", &format!("http://127.0.0.1:{port}")])
        .output()
        .unwrap();
    let out = if code(&out) == 2 {
        let mut cmd = sandbox.cmd();
        with_env_creds(&mut cmd)
            .args(["rebalance", "--group", GROUP, "--yes", "--json"])
            .args(["--endpoint", &format!("http://127.0.0.1:{port}")])
            .output()
            .unwrap()
    } else {
        out
    };
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["error"]["kind"], "network");
    assert_eq!(doc["error"]["may_have_applied"], false);
    assert!(stderr(&out).contains("nothing was sent"), "{}", stderr(&out));
}

#[test]
fn unwritable_stdout_is_an_internal_error() {
    let sandbox = Sandbox::new();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else { return }; // not Linux
    let server = FakeApi::start(vec![Reply::Success]);
    let out = sandbox
        .std_cmd_with_credentials()
        .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("could not write output"), "{}", stderr(&out));
}

#[test]
fn without_a_terminal_and_without_yes_nothing_is_sent() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    for json in [false, true] {
        let mut cmd = sandbox.cmd();
        with_env_creds(&mut cmd).args(["rebalance", "--group", GROUP, "--endpoint", &server.endpoint()]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.write_stdin("y\n").output().unwrap();
        assert_eq!(code(&out), 2);
        assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
        if json {
            assert_eq!(one_json(&out)["error"]["kind"], "usage");
        } else {
            assert!(stdout(&out).is_empty());
        }
    }
    assert_eq!(server.request_count(), 0, "a refused rebalance reached the server");
}

#[test]
fn malformed_group_ids_are_refused_before_any_request() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let cases = [
        ("\"pgrogrp-e0tfm161\"", "remove the quotes"),
        ("\\\"pgrogrp-e0tfm161\\\"", "remove the quotes"),
        ("postgres-6fego161", "instance ID"),
        ("pgro-6fego161", "instance ID"),
        ("PGROGRP-E0TFM161", "lowercase"),
        ("pgrogrp-", "pgrogrp-e0tfm161"),
        ("e0tfm161", "pgrogrp-e0tfm161"),
    ];
    for (bad, hint) in cases {
        let mut cmd = sandbox.cmd();
        let out = with_env_creds(&mut cmd)
            .args(["rebalance", "--yes", "--endpoint", &server.endpoint(), "--group", bad])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{bad}");
        let err = stderr(&out);
        assert!(err.contains("pgrogrp-") && err.contains(hint), "{bad}: {err}");
    }
    assert_eq!(server.request_count(), 0);
}

#[test]
fn no_group_at_all_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.cmd();
    let out = with_env_creds(&mut cmd).args(["rebalance", "--yes"]).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--group"), "{}", stderr(&out));
}

#[test]
fn aliases_and_the_profile_default_group() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success, Reply::Success]);
    sandbox.write_config(&format!(
        r#"
[profiles.default]
secret_id = "{TEST_SECRET_ID}"
secret_key = "{TEST_SECRET_KEY}"
endpoint = "{}"
group = "pgrogrp-default1"

[profiles.default.groups]
reporting = "pgrogrp-report01"
"#,
        server.endpoint()
    ));
    let out = sandbox.cmd().args(["rebalance", "--yes", "--group", "reporting"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("pgrogrp-report01"));
    let out = sandbox.cmd().args(["rebalance", "--yes"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bodies: Vec<String> = server.requests().iter().map(|r| r.body_str().to_string()).collect();
    assert_eq!(
        bodies,
        [r#"{"ReadOnlyGroupId":"pgrogrp-report01"}"#, r#"{"ReadOnlyGroupId":"pgrogrp-default1"}"#]
    );
}

/// A dry run prints, as JSON, the request it would send.
fn dry_run_json(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut cmd = sandbox.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(["rebalance", "--dry-run", "--json", "--group", GROUP]).args(args).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    one_json(&out)
}

fn header(doc: &Value, name: &str) -> Option<String> {
    doc["request"]["headers"].get(name).and_then(Value::as_str).map(str::to_string)
}

const TWO_PROFILES: &str = r#"
default_profile = "prod"

[profiles.prod]
secret_id = "AKIDprodprodprodPROD"
secret_key = "prod-key"
region = "ap-guangzhou"
endpoint = "postgres.intl.tencentcloudapi.com"

[profiles.stage]
secret_id = "AKIDstagestageSTAG"
secret_key = "stage-key"
region = "ap-shanghai"
"#;

#[test]
fn profile_selection_precedence() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO_PROFILES);
    let id = |doc: &Value| header(doc, "Authorization").unwrap();
    // default_profile
    let doc = dry_run_json(&sandbox, &[], &[]);
    assert!(id(&doc).contains("AKID****PROD"), "{}", id(&doc));
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-guangzhou"));
    assert_eq!(header(&doc, "Host").as_deref(), Some("postgres.intl.tencentcloudapi.com"));
    // $TCPG_PROFILE beats default_profile
    let doc = dry_run_json(&sandbox, &[], &[("TCPG_PROFILE", "stage")]);
    assert!(id(&doc).contains("AKID****STAG"));
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-shanghai"));
    assert_eq!(header(&doc, "Host").as_deref(), Some("postgres.tencentcloudapi.com"));
    // --profile beats $TCPG_PROFILE; a blank variable counts as unset
    let doc = dry_run_json(&sandbox, &["--profile", "prod"], &[("TCPG_PROFILE", "stage")]);
    assert!(id(&doc).contains("AKID****PROD"));
    let doc = dry_run_json(&sandbox, &[], &[("TCPG_PROFILE", "  ")]);
    assert!(id(&doc).contains("AKID****PROD"));
}

#[test]
fn setting_precedence_flag_env_profile_default() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO_PROFILES);
    let env =
        [("TENCENTCLOUD_REGION", "ap-beijing"), ("TCPG_ENDPOINT", "postgres.ap-beijing.tencentcloudapi.com")];
    let doc = dry_run_json(&sandbox, &[], &env);
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-beijing"));
    assert_eq!(header(&doc, "Host").as_deref(), Some("postgres.ap-beijing.tencentcloudapi.com"));
    let doc = dry_run_json(
        &sandbox,
        &["--region", "ap-tokyo", "--endpoint", "https://api.example.com:8443/"],
        &env,
    );
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-tokyo"));
    assert_eq!(header(&doc, "Host").as_deref(), Some("api.example.com:8443"));
    assert_eq!(doc["request"]["url"], "https://api.example.com:8443/");
}

#[test]
fn environment_credentials_versus_profiles() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO_PROFILES);
    let env = [("TENCENTCLOUD_SECRET_ID", "AKIDfromtheENVIRONMT"), ("TENCENTCLOUD_SECRET_KEY", "env-key")];
    let auth = |doc: &Value| header(doc, "Authorization").unwrap();
    // Profile chosen by default_profile: the environment wins.
    assert!(auth(&dry_run_json(&sandbox, &[], &env)).contains("AKID****ONMT"));
    // Profile named explicitly (flag or $TCPG_PROFILE): its keys win, as in tccli.
    assert!(auth(&dry_run_json(&sandbox, &["--profile", "stage"], &env)).contains("AKID****STAG"));
    let mut env_with_profile = env.to_vec();
    env_with_profile.push(("TCPG_PROFILE", "stage"));
    assert!(auth(&dry_run_json(&sandbox, &[], &env_with_profile)).contains("AKID****STAG"));
}

#[test]
fn unknown_profile_lists_the_ones_that_exist() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO_PROFILES);
    for (args, env) in [(vec!["--profile", "prd"], None), (vec![], Some("prd"))] {
        let mut cmd = sandbox.cmd();
        if let Some(p) = env {
            cmd.env("TCPG_PROFILE", p);
        }
        let out = cmd.args(["rebalance", "--dry-run", "--group", GROUP]).args(&args).output().unwrap();
        assert_eq!(code(&out), 3);
        let err = stderr(&out);
        assert!(err.contains("\"prd\"") && err.contains("prod, stage"), "{err}");
    }
}

#[test]
fn config_file_location_rules() {
    let sandbox = Sandbox::new();
    // Missing default file: fine, the environment supplies everything.
    let server = FakeApi::start(vec![Reply::Success]);
    let out = rebalance(&sandbox, &server, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Missing file named by --config or $TCPG_CONFIG: exit 3.
    let missing = sandbox.home.path().join("nope.toml");
    let out = sandbox
        .cmd()
        .args(["rebalance", "--dry-run", "--group", GROUP, "--config"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("nope.toml"));
    let out = sandbox
        .cmd()
        .env("TCPG_CONFIG", &missing)
        .args(["rebalance", "--dry-run", "--group", GROUP])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("TCPG_CONFIG"), "{}", stderr(&out));
    // A file named by $TCPG_CONFIG is used.
    let other = sandbox.home.path().join("other.toml");
    std::fs::write(&other, "[profiles.default]\nregion = \"ap-seoul\"\n").unwrap();
    let doc = dry_run_json(&sandbox, &[], &[("TCPG_CONFIG", other.to_str().unwrap())]);
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-seoul"));
}

#[test]
fn invalid_config_names_file_line_and_key() {
    let sandbox = Sandbox::new();
    let cases = [
        ("[profiles.default]\nsecret_id = \"AKIDx\"\nsecrte_key = \"k\"\n", "line 3", "secrte_key"),
        ("[profiles.default]\nregion = 42\n", "line 2", "region"),
        ("[profiles.default\nregion = \"x\"\n", "line 1", ""),
        ("default_profile = \"a\"\nfoo = 1\n", "line 2", "foo"),
    ];
    for (text, line, key) in cases {
        let path = sandbox.write_config(text);
        let out = sandbox.cmd().args(["rebalance", "--dry-run", "--group", GROUP]).output().unwrap();
        assert_eq!(code(&out), 3, "{text}");
        let err = stderr(&out);
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(line) && err.contains(key),
            "{text}: {err}"
        );
    }
}

#[test]
fn no_credentials_lists_every_place_looked() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().args(["rebalance", "--yes", "--group", GROUP]).output().unwrap();
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(
        err.contains("TENCENTCLOUD_SECRET_ID") && err.contains(sandbox.config_path().to_str().unwrap()),
        "{err}"
    );
    // Half-configured credentials are a config error too, not a silent fallback.
    let out = sandbox
        .cmd()
        .env("TENCENTCLOUD_SECRET_ID", "AKIDx")
        .args(["rebalance", "--yes", "--group", GROUP])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("TENCENTCLOUD_SECRET_KEY"));
}

#[test]
fn dry_run_without_credentials_prints_an_unsigned_request_and_a_hint() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().args(["rebalance", "--group", GROUP, "--dry-run"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("POST https://postgres.tencentcloudapi.com/\n"), "{text}");
    assert!(text.contains("Authorization: <unsigned"), "{text}");
    assert!(text.trim_end().ends_with(r#"{"ReadOnlyGroupId":"pgrogrp-e0tfm161"}"#), "{text}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("TENCENTCLOUD_SECRET_ID"), "{err}");
    let doc = dry_run_json(&sandbox, &[], &[]);
    assert_eq!(doc["signed"], false);
}

#[test]
fn dry_run_signs_like_the_real_request_but_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let doc = dry_run_json(
        &sandbox,
        &["--endpoint", &server.endpoint(), "--region", "ap-guangzhou"],
        &[
            ("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID),
            ("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY),
            ("TENCENTCLOUD_TOKEN", TEST_TOKEN),
        ],
    );
    assert_eq!(server.request_count(), 0);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["signed"], true);
    assert_eq!(doc["request"]["method"], "POST");
    assert_eq!(doc["request"]["body"], r#"{"ReadOnlyGroupId":"pgrogrp-e0tfm161"}"#);
    assert_eq!(header(&doc, "X-TC-Token").as_deref(), Some("<redacted>"));
    let auth = header(&doc, "Authorization").unwrap();
    assert!(auth.contains("Signature=") && !auth.contains("<redacted>"), "the signature is shown: {auth}");
    assert!(!auth.contains(TEST_SECRET_ID), "the whole Authorization header is never printed: {auth}");
    // The shown signature is the one the server would accept: replay the printed request with
    // the real SecretId put back, and the server's own verifier says yes.
    let mut headers: Vec<(String, String)> = doc["request"]["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    for (name, value) in headers.iter_mut() {
        if name == "Authorization" {
            *value = value.replace(&tcpg::credentials::mask_id(TEST_SECRET_ID), TEST_SECRET_ID);
        }
        if name == "X-TC-Token" {
            *value = TEST_TOKEN.to_string();
        }
    }
    let body = doc["request"]["body"].as_str().unwrap();
    headers.push(("Content-Length".to_string(), body.len().to_string()));
    let refs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let request = common::raw_request("POST", "/", &refs, body.as_bytes());
    let response = common::send_raw(server.addr(), &request);
    assert_eq!(response.error_code(), None, "{:?}", server.requests()[0].detail);
    assert_eq!(server.requests()[0].verdict, Ok(()));
}

#[test]
fn http_endpoints_only_on_loopback() {
    let sandbox = Sandbox::new();
    for endpoint in ["http://postgres.tencentcloudapi.com", "http://192.168.1.10:8080", "ftp://x"] {
        let out = sandbox
            .cmd()
            .args(["rebalance", "--dry-run", "--group", GROUP, "--endpoint", endpoint])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{endpoint}");
        assert!(stderr(&out).contains("endpoint"), "{}", stderr(&out));
    }
    // The same from the environment or a profile is a config error.
    let out = sandbox
        .cmd()
        .env("TCPG_ENDPOINT", "http://example.com")
        .args(["rebalance", "--dry-run", "--group", GROUP])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    for ok in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"] {
        let out = sandbox
            .cmd()
            .args(["rebalance", "--dry-run", "--group", GROUP, "--endpoint", ok])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{ok}: {}", stderr(&out));
    }
}

#[test]
fn bad_flag_values_are_usage_errors_even_in_json() {
    let sandbox = Sandbox::new();
    for args in [
        vec!["rebalance", "--bogus"],
        vec!["rebalance", "--language", "fr-FR"],
        vec!["rebalance", "--timeout", "0"],
        vec!["rebalance", "--timeout", "soon"],
        vec!["rebalance", "--region", "Not A Region", "--group", GROUP, "--dry-run"],
    ] {
        let out = sandbox.cmd().args(&args).arg("--json").output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}");
        let doc = one_json(&out);
        assert_eq!(doc["error"]["kind"], "usage");
        assert!(!stderr(&out).is_empty());
    }
    let out = sandbox
        .cmd()
        .env("TCPG_OUTPUT", "yaml")
        .args(["rebalance", "--dry-run", "--group", GROUP])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let out = sandbox
        .cmd()
        .env("TCPG_OUTPUT", "json")
        .args(["rebalance", "--dry-run", "--group", GROUP])
        .output()
        .unwrap();
    assert_eq!(one_json(&out)["dry_run"], true);
}

#[test]
fn help_documents_exit_codes_and_environment() {
    let sandbox = Sandbox::new();
    for args in [vec!["--help"], vec!["rebalance", "--help"]] {
        let out = sandbox.cmd().args(&args).output().unwrap();
        assert_eq!(code(&out), 0);
        let text = stdout(&out);
        for needle in [
            "Exit status",
            "retry_later",
            "130",
            "TENCENTCLOUD_SECRET_ID",
            "TCPG_OUTPUT",
            "TENCENTCLOUD_TOKEN",
        ] {
            assert!(text.contains(needle), "{args:?} lacks {needle}");
        }
    }
    let out = sandbox.cmd().arg("--version").output().unwrap();
    assert_eq!(stdout(&out).trim(), format!("tcpg {}", env!("CARGO_PKG_VERSION")));
}

/// Runs every mode with a known fake key and token and greps all output for them.
#[test]
fn no_secret_in_any_output() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![
        Reply::Success,
        Reply::Success,
        Reply::api_error("AuthFailure.SignatureFailure", "bad"),
        Reply::api_error("AuthFailure.SignatureFailure", "bad"),
        Reply::raw(502, "<html>bad gateway</html>"),
    ]);
    let modes: Vec<Vec<&str>> = vec![
        vec!["-v"],
        vec!["-v", "--json"],
        vec!["-v"],
        vec!["--json", "-vv"],
        vec!["-v", "--json"],
        vec!["--dry-run", "-v"],
        vec!["--dry-run", "--json", "-v"],
    ];
    let mut outputs = String::new();
    let mut dry_outputs = String::new();
    for mode in &modes {
        let mut cmd = sandbox.cmd();
        let out = with_env_creds(&mut cmd)
            .env("TENCENTCLOUD_TOKEN", TEST_TOKEN)
            .args(["rebalance", "--group", GROUP, "--yes", "--endpoint", &server.endpoint()])
            .args(mode)
            .output()
            .unwrap();
        // A dry run shows its own signature by design, and one made in the same second as a
        // sent request has the same signature: keep those outputs apart.
        let sink = if mode.contains(&"--dry-run") { &mut dry_outputs } else { &mut outputs };
        sink.push_str(&stdout(&out));
        sink.push_str(&stderr(&out));
    }
    // Secrets from a config file, and config errors.
    sandbox.write_config(&format!(
        "[profiles.default]\nsecret_id = \"{TEST_SECRET_ID}\"\nsecret_key = \"{TEST_SECRET_KEY}\"\ntoken = \"{TEST_TOKEN}\"\n"
    ));
    for args in [vec!["--dry-run", "-v"], vec!["-v", "--region", "bad region"]] {
        let out = sandbox.cmd().args(["rebalance", "--group", GROUP]).args(&args).output().unwrap();
        outputs.push_str(&stdout(&out));
        outputs.push_str(&stderr(&out));
    }
    sandbox.write_config(&format!("[profiles.default]\nsecret_key = {}\n", "1234567890123"));
    let out = sandbox.cmd().args(["rebalance", "--group", GROUP, "-v"]).output().unwrap();
    assert_eq!(code(&out), 3);
    outputs.push_str(&stderr(&out));

    assert!(server.request_count() >= 5);
    let mut secrets = vec![TEST_SECRET_KEY.to_string(), TEST_TOKEN.to_string(), "1234567890123".to_string()];
    for r in server.requests() {
        secrets.push(r.header("Authorization").unwrap().to_string());
        let signature = r.header("Authorization").unwrap().rsplit("Signature=").next().unwrap().to_string();
        if r.verdict.is_err() || r.request_id.is_none() {
            continue;
        }
        // Signatures of requests actually sent are replayable for five minutes: never shown.
        secrets.push(signature);
    }
    for secret in &secrets {
        assert!(!outputs.contains(secret.as_str()), "leaked {secret}");
    }
    for secret in [TEST_SECRET_KEY, TEST_TOKEN, TEST_SECRET_ID] {
        assert!(!dry_outputs.contains(secret), "dry run leaked {secret}");
    }
    assert!(dry_outputs.contains("Signature="), "the dry run shows the signature");
    assert!(outputs.contains("<redacted>"), "the redaction is visible");
}

/// Run tcpg on a pseudo-terminal, typing `answer` at the prompt. None where that is impossible.
fn on_a_terminal(sandbox: &Sandbox, server: &FakeApi, answer: &str) -> Option<(i32, String)> {
    let args = format!("rebalance --group {GROUP} --region ap-guangzhou --endpoint {}", server.endpoint());
    let mut child = common::on_a_pty(sandbox, &args)?.spawn().ok()?;
    use std::io::Write;
    child.stdin.as_mut().unwrap().write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some((code(&out), String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[test]
fn on_a_terminal_tcpg_asks_and_proceeds_only_on_yes() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success]);
    let Some((exit, screen)) = on_a_terminal(&sandbox, &server, "n\n") else { return };
    assert_eq!(exit, 2, "{screen}");
    assert!(screen.contains("[y/N]") && screen.contains(GROUP), "{screen}");
    assert!(screen.contains("Profile: default") && screen.contains("Region: ap-guangzhou"), "{screen}");
    assert!(screen.contains("not confirmed"), "{screen}");
    assert_eq!(server.request_count(), 0, "a declined prompt sent something");

    let (exit, screen) = on_a_terminal(&sandbox, &server, "yes\n").unwrap();
    assert_eq!(exit, 0, "{screen}");
    assert!(screen.contains("accepted"), "{screen}");
    assert_eq!(server.request_count(), 1);
}
