//! Zero setup: credentials from tccli's and the SDKs' files, as fixtures in the sandbox's HOME,
//! checked by a real signed request to the fake server or by a dry run.

mod common;

use common::{code, stderr, stdout, FakeApi, Reply, Sandbox, TEST_SECRET_ID, TEST_SECRET_KEY, TEST_TOKEN};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

const GROUP: &str = "pgrogrp-e0tfm161";

/// Write `<home>/<rel>` creating parents.
fn write(sandbox: &Sandbox, rel: &str, text: &str) -> PathBuf {
    let path = sandbox.home.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn tccli_credential(sandbox: &Sandbox, profile: &str, id: &str, key: &str, extra: &str) -> PathBuf {
    write(
        sandbox,
        &format!(".tccli/{profile}.credential"),
        &format!(
            "{{\n    \"role-arn\": \"\",\n    \"role-session-name\": \"\",\n    \"secretId\": \"{id}\",\n    \"secretKey\": \"{key}\"{extra}\n}}\n"
        ),
    )
}

fn tccli_configure(sandbox: &Sandbox, profile: &str, region: &str) -> PathBuf {
    write(
        sandbox,
        &format!(".tccli/{profile}.configure"),
        &format!(
            "{{\n    \"_sys_param\": {{\n        \"arrayCount\": 10,\n        \"output\": \"json\",\n        \"region\": \"{region}\",\n        \"warning\": \"off\"\n    }},\n    \"postgres\": {{\n        \"endpoint\": \"postgres.intl.tencentcloudapi.com\",\n        \"version\": \"2017-03-12\"\n    }}\n}}\n"
        ),
    )
}

fn sdk_file(sandbox: &Sandbox, rel: &str, id: &str, key: &str) -> PathBuf {
    write(
        sandbox,
        rel,
        &format!("# written by hand\n[other]\nsecret_id = AKIDnotThisOneAtAll\n\n[default]\nsecret_id = {id}\nsecret_key = {key}\n"),
    )
}

/// `tcpg rebalance --dry-run --json` with extra args and environment.
fn dry_run(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sandbox.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(["rebalance", "--dry-run", "--json", "--group", GROUP]).args(args).output().unwrap()
}

fn dry_run_ok(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Value {
    let out = dry_run(sandbox, args, env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).unwrap()
}

fn header(doc: &Value, name: &str) -> Option<String> {
    doc["request"]["headers"].get(name).and_then(Value::as_str).map(str::to_string)
}

fn auth(doc: &Value) -> String {
    header(doc, "Authorization").unwrap()
}

#[test]
fn tccli_profile_files_are_used_with_no_setup() {
    let sandbox = Sandbox::new();
    tccli_credential(
        &sandbox,
        "default",
        TEST_SECRET_ID,
        TEST_SECRET_KEY,
        &format!(",\n    \"token\": \"{TEST_TOKEN}\""),
    );
    tccli_configure(&sandbox, "default", "ap-chengdu");
    let server = FakeApi::start(vec![Reply::Success]);
    let out = sandbox
        .cmd()
        .args(["rebalance", "--yes", "--group", GROUP, "--endpoint", &server.endpoint(), "-v"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let request = server.last_request().unwrap();
    assert_eq!(request.verdict, Ok(()), "{:?}", request.detail);
    assert_eq!(request.header("X-TC-Region"), Some("ap-chengdu"));
    assert_eq!(request.header("X-TC-Token"), Some(TEST_TOKEN));
    let err = stderr(&out);
    assert!(err.contains("tccli file") && err.contains(".tccli/default.credential"), "{err}");
    assert!(err.contains(".tccli/default.configure"), "the region's origin: {err}");
    assert!(!err.contains(TEST_SECRET_KEY) && !err.contains(TEST_TOKEN));
}

#[test]
fn tccli_profile_name_comes_from_profile_flag_tcpg_profile_then_tccli_profile() {
    let sandbox = Sandbox::new();
    tccli_credential(&sandbox, "default", "AKIDdefaultDEFAULTDEF1", "k0", "");
    tccli_credential(&sandbox, "ops", "AKIDopsOPSopsOPSopsOPS2", "k1", "");
    tccli_credential(&sandbox, "dev", "AKIDdevDEVdevDEVdevDEV3", "k2", "");
    tccli_configure(&sandbox, "ops", "ap-singapore");
    assert!(auth(&dry_run_ok(&sandbox, &[], &[])).contains("AKID****DEF1"));
    let doc = dry_run_ok(&sandbox, &[], &[("TCCLI_PROFILE", "ops")]);
    assert!(auth(&doc).contains("AKID****OPS2"));
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-singapore"));
    // No tcpg config file at all: the name may be a tccli-only profile.
    let env = [("TCCLI_PROFILE", "ops"), ("TCPG_PROFILE", "dev")];
    assert!(auth(&dry_run_ok(&sandbox, &[], &env)).contains("AKID****DEV3"));
    assert!(auth(&dry_run_ok(&sandbox, &["--profile", "default"], &env)).contains("AKID****DEF1"));
    // A name that is neither a tcpg nor a tccli profile is still a config error.
    let out = dry_run(&sandbox, &["--profile", "nosuch"], &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains(".tccli/nosuch.credential"), "{}", stderr(&out));
}

#[test]
fn tccli_only_profile_is_allowed_next_to_a_tcpg_config_that_lacks_it() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.prod]\nregion = \"ap-guangzhou\"\n");
    tccli_credential(&sandbox, "legacy", "AKIDlegacyLEGACYlegcy4", "k", "");
    assert!(auth(&dry_run_ok(&sandbox, &["--profile", "legacy"], &[])).contains("AKID****gcy4"));
    // A typo of a tcpg profile still fails, listing both.
    let out = dry_run(&sandbox, &["--profile", "prd"], &[]);
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    assert!(err.contains("\"prd\"") && err.contains("prod") && err.contains("prd.credential"), "{err}");
}

#[test]
fn tccli_dynamic_credential_types_are_refused_naming_the_file() {
    let sandbox = Sandbox::new();
    for kind in ["cvm-role", "oauth", "sso"] {
        let path = write(
            &sandbox,
            ".tccli/default.credential",
            &format!(
                r#"{{"type": "{kind}", "expiresAt": 1700000000, "{kind}": {{}}, "secretId": "", "secretKey": ""}}"#
            ),
        );
        for json in [false, true] {
            let mut args = vec!["rebalance", "--yes", "--group", GROUP];
            if json {
                args.push("--json");
            }
            let out = sandbox.cmd().args(&args).output().unwrap();
            assert_eq!(code(&out), 3, "{kind}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains(path.to_str().unwrap()), "{kind}: {err}");
            assert!(err.contains(&format!("\"{kind}\"")) && err.contains("not support"), "{kind}: {err}");
            if json {
                let doc: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
                assert_eq!(doc["error"]["kind"], "config");
            }
        }
    }
    // tcpg's own sources come first: the unsupported file is never read then.
    let out = dry_run(
        &sandbox,
        &[],
        &[("TENCENTCLOUD_SECRET_ID", "AKIDfromENVfromENVfrm5"), ("TENCENTCLOUD_SECRET_KEY", "k")],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn sdk_credentials_file_default_and_named_by_env() {
    let sandbox = Sandbox::new();
    let server = FakeApi::start(vec![Reply::Success, Reply::Success]);
    sdk_file(&sandbox, ".tencentcloud/credentials", TEST_SECRET_ID, TEST_SECRET_KEY);
    let out = sandbox
        .cmd()
        .args(["rebalance", "--yes", "--group", GROUP, "--endpoint", &server.endpoint(), "-v"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(server.last_request().unwrap().verdict, Ok(()));
    assert_eq!(server.last_request().unwrap().header("X-TC-Token"), None);
    assert!(stderr(&out).contains(".tencentcloud/credentials"), "{}", stderr(&out));

    // $TENCENTCLOUD_CREDENTIALS_FILE replaces the default path.
    let other = sdk_file(&sandbox, "elsewhere/creds.ini", "AKIDelsewhereELSEWHRE6", "k");
    let doc = dry_run_ok(&sandbox, &[], &[("TENCENTCLOUD_CREDENTIALS_FILE", other.to_str().unwrap())]);
    assert!(auth(&doc).contains("AKID****HRE6"));
    // A file the user named must exist.
    let missing = sandbox.home.path().join("missing.ini");
    let out = dry_run(&sandbox, &[], &[("TENCENTCLOUD_CREDENTIALS_FILE", missing.to_str().unwrap())]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("missing.ini") && stderr(&out).contains("TENCENTCLOUD_CREDENTIALS_FILE"));
}

#[test]
fn precedence_tcpg_sources_then_tccli_then_sdk() {
    let sandbox = Sandbox::new();
    sdk_file(&sandbox, ".tencentcloud/credentials", "AKIDsdkSDKsdkSDKsdkSDK1", "k");
    assert!(auth(&dry_run_ok(&sandbox, &[], &[])).contains("AKID****SDK1"));
    // tccli beats the SDK file.
    tccli_credential(&sandbox, "default", "AKIDtccliTCCLItccliTCL2", "k", "");
    tccli_configure(&sandbox, "default", "ap-chengdu");
    let doc = dry_run_ok(&sandbox, &[], &[]);
    assert!(auth(&doc).contains("AKID****TCL2"));
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-chengdu"));
    // A tcpg profile with keys beats tccli, and then tccli's region is not used either.
    sandbox
        .write_config("[profiles.default]\nsecret_id = \"AKIDtcpgTCPGtcpgTCPGTPG3\"\nsecret_key = \"k\"\n");
    let doc = dry_run_ok(&sandbox, &[], &[]);
    assert!(auth(&doc).contains("AKID****TPG3"));
    assert_eq!(header(&doc, "X-TC-Region"), None, "tccli's region goes only with tccli's keys");
    // The environment beats the profile (not named explicitly).
    let env = [("TENCENTCLOUD_SECRET_ID", "AKIDenvENVenvENVenvENV4"), ("TENCENTCLOUD_SECRET_KEY", "k")];
    assert!(auth(&dry_run_ok(&sandbox, &[], &env)).contains("AKID****ENV4"));
    // A tcpg profile without keys: the environment, else tccli; tcpg's region still wins.
    sandbox.write_config("[profiles.default]\nregion = \"ap-beijing\"\n");
    assert!(auth(&dry_run_ok(&sandbox, &[], &env)).contains("AKID****ENV4"));
    let doc = dry_run_ok(&sandbox, &[], &[]);
    assert!(auth(&doc).contains("AKID****TCL2"));
    assert_eq!(header(&doc, "X-TC-Region").as_deref(), Some("ap-beijing"));
    // An explicitly named profile wins over the environment, wherever it is defined (tccli's rule).
    tccli_credential(&sandbox, "ops", "AKIDopsOPSopsOPSopsOPS5", "k", "");
    assert!(auth(&dry_run_ok(&sandbox, &["--profile", "ops"], &env)).contains("AKID****OPS5"));
    // $TCCLI_PROFILE does not make it explicit: the environment still wins.
    let env_and_tccli = [env[0], env[1], ("TCCLI_PROFILE", "ops")];
    assert!(auth(&dry_run_ok(&sandbox, &[], &env_and_tccli)).contains("AKID****ENV4"));
    assert!(auth(&dry_run_ok(&sandbox, &[], &[("TCCLI_PROFILE", "ops")])).contains("AKID****OPS5"));
}

#[test]
fn no_credentials_names_the_other_tools_files() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().args(["rebalance", "--yes", "--group", GROUP]).output().unwrap();
    assert_eq!(code(&out), 3);
    let err = stderr(&out);
    let home = sandbox.home.path().to_str().unwrap().to_string();
    assert!(err.contains(&format!("{home}/.tccli/default.credential")), "{err}");
    assert!(err.contains(&format!("{home}/.tencentcloud/credentials")), "{err}");
}
