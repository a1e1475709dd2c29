//! `tcpg config path|init|show` through the real binary, in a sandbox HOME. The tests run
//! without a terminal, so `init` takes its values from flags and the environment (the prompts
//! are unit-tested in src/config_cmd.rs).

mod common;

use common::{code, one_json, stderr, stdout, Sandbox, TEST_SECRET_ID, TEST_SECRET_KEY, TEST_TOKEN};
use std::process::Output;

const GROUP: &str = "pgrogrp-e0tfm161";

fn run(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sandbox.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().unwrap()
}

const KEYS: [(&str, &str); 2] =
    [("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID), ("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)];

#[test]
fn config_path_says_where_and_why() {
    let sandbox = Sandbox::new();
    let default = sandbox.config_path();
    let out = run(&sandbox, &["config", "path"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(default.to_str().unwrap()));
    let why = lines.next().unwrap();
    assert!(why.contains("default location") && why.contains("does not exist"), "{why}");

    sandbox.write_config("");
    let doc = one_json(&run(&sandbox, &["config", "path", "--json"], &[]));
    assert_eq!(doc["path"], default.to_str().unwrap());
    assert_eq!(doc["exists"], true);
    assert_eq!(doc["origin"]["kind"], "default");

    let by_env = sandbox.home.path().join("env.toml");
    let doc =
        one_json(&run(&sandbox, &["config", "path", "--json"], &[("TCPG_CONFIG", by_env.to_str().unwrap())]));
    assert_eq!(doc["path"], by_env.to_str().unwrap());
    assert_eq!(doc["origin"]["name"], "TCPG_CONFIG");
    let out =
        run(&sandbox, &["config", "path", "--config", "/x/flag.toml"], &[("TCPG_CONFIG", "/x/env.toml")]);
    assert!(stdout(&out).starts_with("/x/flag.toml\n(set by --config;"), "{}", stdout(&out));
}

#[test]
fn config_init_without_a_terminal_writes_a_private_file_that_rebalance_uses() {
    let sandbox = Sandbox::new();
    let path = sandbox.config_path();
    assert!(!path.exists());
    let out = run(&sandbox, &["config", "init", "--region", "ap-tokyo", "--group", GROUP], &KEYS);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("Profile \"default\" created"), "{}", stdout(&out));
    assert!(!stdout(&out).contains(TEST_SECRET_KEY) && !stderr(&out).contains(TEST_SECRET_KEY));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "config mode {mode:o}");
    }
    let leftovers: Vec<_> =
        std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["config.toml"], "no temporary file left behind");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        format!(
            "[profiles.default]\nsecret_id = \"{TEST_SECRET_ID}\"\nsecret_key = \"{TEST_SECRET_KEY}\"\nregion = \"ap-tokyo\"\ngroup = \"{GROUP}\"\n"
        )
    );
    // The written profile is what rebalance then uses, with no environment at all.
    let out = run(&sandbox, &["rebalance", "--dry-run", "--json"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["group"], GROUP);
    assert_eq!(doc["request"]["headers"]["X-TC-Region"], "ap-tokyo");
    assert!(doc["request"]["headers"]["Authorization"].as_str().unwrap().contains("AKID****0000"));
    // A profile named by $TCPG_PROFILE and a config named by --config in a new directory.
    let other = sandbox.home.path().join("new/dir/tcpg.toml");
    let mut env = KEYS.to_vec();
    env.push(("TCPG_PROFILE", "ops"));
    env.push(("TENCENTCLOUD_REGION", "ap-seoul"));
    let out = run(&sandbox, &["config", "init", "--json", "--config", other.to_str().unwrap()], &env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        one_json(&out),
        serde_json::json!({"ok": true, "profile": "ops", "path": other.to_str().unwrap(), "action": "created"})
    );
    assert!(std::fs::read_to_string(&other).unwrap().contains("[profiles.ops]\n"));
}

#[test]
fn config_init_adds_or_replaces_one_profile_and_keeps_the_rest() {
    let sandbox = Sandbox::new();
    let original = "# tcpg settings, by hand\ndefault_profile = \"prod\" # the usual one\n\n[profiles.prod]\n# production keys\nsecret_id = \"AKIDprodprodprodPROD\"\nsecret_key = \"prod-key\"\ntoken = \"old-token\"\nregion = \"ap-guangzhou\"\nendpoint = \"postgres.intl.tencentcloudapi.com\"\n\n[profiles.prod.groups]\nmain = \"pgrogrp-main0001\" # primary\n";
    let path = sandbox.write_config(original);
    let env = [KEYS[0], KEYS[1], ("TENCENTCLOUD_REGION", "ap-tokyo")];

    let out = run(&sandbox, &["config", "init", "--profile", "stage"], &env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let added = std::fs::read_to_string(&path).unwrap();
    assert!(added.starts_with(original), "the existing text is kept byte for byte:\n{added}");
    assert!(added.ends_with("[profiles.stage]\nsecret_id = \"AKIDtcpgTESTID000000000000000000\"\nsecret_key = \"tcpgTESTsecretKEYdoNotLEAK0123456789\"\nregion = \"ap-tokyo\"\n"), "{added}");

    // An existing profile is not touched without --force: exit 2, file unchanged.
    let out = run(&sandbox, &["config", "init", "--profile", "prod"], &env);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists") && stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), added);
    let out =
        run(&sandbox, &["config", "init", "--json"], &[env[0], env[1], env[2], ("TCPG_PROFILE", "prod")]);
    assert_eq!(code(&out), 2);
    assert_eq!(one_json(&out)["error"]["kind"], "usage");

    // With --force: the keys and region change, the token goes, comments and aliases stay.
    let out = run(&sandbox, &["config", "init", "--profile", "prod", "--force"], &env);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("replaced"), "{}", stdout(&out));
    let replaced = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "# tcpg settings, by hand\ndefault_profile = \"prod\" # the usual one\n",
        "# production keys\nsecret_id = \"AKIDtcpgTESTID000000000000000000\"",
        "endpoint = \"postgres.intl.tencentcloudapi.com\"",
        "[profiles.prod.groups]\nmain = \"pgrogrp-main0001\" # primary\n",
        "[profiles.stage]\n",
    ] {
        assert!(replaced.contains(kept), "lost {kept:?}:\n{replaced}");
    }
    assert!(!replaced.contains("prod-key") && !replaced.contains("old-token"), "{replaced}");
    assert!(replaced.contains("region = \"ap-tokyo\""), "{replaced}");
}

#[test]
fn config_init_takes_the_secret_key_only_from_the_environment_or_the_terminal() {
    let sandbox = Sandbox::new();
    let out = run(
        &sandbox,
        &[
            "config",
            "init",
            "--secret-id",
            TEST_SECRET_ID,
            "--secret-key",
            "typed-secret",
            "--region",
            "ap-tokyo",
        ],
        &[],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("--secret-key is not accepted") && err.contains("TENCENTCLOUD_SECRET_KEY"), "{err}");
    assert!(!err.contains("typed-secret"));
    assert!(!sandbox.config_path().exists());
    // Any spelling, with `=`, in JSON mode, on any command: refused without echoing the value.
    for args in [
        vec!["config", "init", "--secret-key=typed-secret"],
        vec!["config", "init", "--json", "--secretKey", "typed-secret"],
        vec!["rebalance", "--dry-run", "--group", GROUP, "--token=typed-secret"],
    ] {
        let out = run(&sandbox, &args, &[]);
        assert_eq!(code(&out), 2, "{args:?}");
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains("is not accepted") && !all.contains("typed-secret"), "{args:?}: {all}");
        if args.contains(&"--json") {
            assert_eq!(one_json(&out)["error"]["kind"], "usage");
        }
    }

    // Without a terminal and without values: a usage error naming each missing source.
    let out = run(&sandbox, &["config", "init", "--secret-id", TEST_SECRET_ID], &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("TENCENTCLOUD_SECRET_KEY") && err.contains("--region"), "{err}");
    assert!(!err.contains("a SecretId"), "the SecretId was given: {err}");
    assert!(!sandbox.config_path().exists());

    // Bad values are refused before anything is written.
    for (args, needle) in [
        (vec!["--region", "Tokyo"], "Tokyo"),
        (vec!["--region", "ap-tokyo", "--group", "postgres-abc"], "pgrogrp-"),
    ] {
        let out = run(&sandbox, &[&["config", "init"][..], &args].concat(), &KEYS);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
        assert!(!sandbox.config_path().exists());
    }
    // An invalid existing file is not rewritten.
    let path = sandbox.write_config("[profiles.p]\nsecrt_key = \"x\"\n");
    let out = run(&sandbox, &["config", "init", "--region", "ap-tokyo"], &KEYS);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("secrt_key"));
    assert_eq!(std::fs::read_to_string(path).unwrap(), "[profiles.p]\nsecrt_key = \"x\"\n");
}

#[test]
fn config_show_names_the_origin_of_every_setting_and_masks_secrets() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_config(&format!(
        "default_profile = \"prod\"\n\n[profiles.prod]\nsecret_id = \"{TEST_SECRET_ID}\"\nsecret_key = \"{TEST_SECRET_KEY}\"\ntoken = \"{TEST_TOKEN}\"\nregion = \"ap-guangzhou\"\ngroup = \"{GROUP}\"\n\n[profiles.prod.groups]\nreports = \"pgrogrp-report01\"\n"
    ));
    let file = path.to_str().unwrap();
    let out = run(
        &sandbox,
        &["config", "show", "--endpoint", "postgres.ap-beijing.tencentcloudapi.com"],
        &[("TCPG_OUTPUT", "text")],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name}: {text}"))
            .to_string()
    };
    assert!(line("profile").contains(&format!("prod  (from profile \"prod\" in {file}, line 1)")), "{text}");
    assert!(
        line("secret_id").contains(&format!("AKID****0000  (from profile \"prod\" in {file}, line 4)")),
        "{text}"
    );
    assert!(
        line("secret_key").contains(&format!("set  (from profile \"prod\" in {file}, line 5)")),
        "{text}"
    );
    assert!(line("token").contains("line 6"), "{text}");
    assert!(line("region").contains("ap-guangzhou") && line("region").contains("line 7"), "{text}");
    assert!(line("group").contains(GROUP) && line("group").contains("line 8"), "{text}");
    assert!(
        line("alias").contains("reports = pgrogrp-report01") && line("alias").contains("line 11"),
        "{text}"
    );
    assert!(line("endpoint").contains("(from --endpoint)"), "{text}");
    assert!(line("timeout").contains("(default)"), "{text}");
    assert!(line("output").contains("(from $TCPG_OUTPUT)"), "{text}");
    assert!(!text.contains(TEST_SECRET_KEY) && !text.contains(TEST_TOKEN) && !text.contains(TEST_SECRET_ID));

    // The environment: each variable named; JSON carries the same.
    let env = [KEYS[0], KEYS[1], ("TENCENTCLOUD_REGION", "ap-seoul"), ("TCPG_PROFILE", "prod")];
    let out = run(&sandbox, &["config", "show", "--json", "--timeout", "5"], &env[2..]);
    let doc = one_json(&out);
    assert_eq!(doc["region"]["value"], "ap-seoul");
    assert_eq!(doc["region"]["origin"]["name"], "TENCENTCLOUD_REGION");
    assert_eq!(doc["profile"]["origin"]["kind"], "env");
    assert_eq!(doc["timeout"]["origin"]["name"], "--timeout");
    assert_eq!(doc["credentials"]["secret_id"]["origin"]["line"], 4);
    assert_eq!(
        doc["credentials"]["secret_key"],
        serde_json::json!({"set": true, "origin": doc["credentials"]["secret_key"]["origin"].clone()})
    );
    sandbox.write_config("[profiles.default]\nregion = \"ap-guangzhou\"\n");
    let out = run(&sandbox, &["config", "show", "--json"], &env[..3]);
    let doc = one_json(&out);
    assert_eq!(doc["credentials"]["secret_id"]["value"], "AKID****0000");
    assert_eq!(doc["credentials"]["secret_id"]["origin"]["name"], "TENCENTCLOUD_SECRET_ID");
    assert_eq!(doc["credentials"]["secret_key"]["origin"]["name"], "TENCENTCLOUD_SECRET_KEY");
    assert_eq!(doc["credentials"]["token"]["set"], false);
    assert!(!stdout(&out).contains(TEST_SECRET_KEY));
}

#[test]
fn config_show_names_the_other_tools_file_or_every_place_looked() {
    let sandbox = Sandbox::new();
    let out = run(&sandbox, &["config", "show"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("secret_id   not found"), "{text}");
    assert!(text.contains(".tccli/default.credential (no such file)"), "{text}");
    assert!(text.contains(".tencentcloud/credentials (no such file)"), "{text}");

    let dir = sandbox.home.path().join(".tccli");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("default.credential"),
        format!(r#"{{"secretId": "{TEST_SECRET_ID}", "secretKey": "{TEST_SECRET_KEY}"}}"#),
    )
    .unwrap();
    std::fs::write(dir.join("default.configure"), r#"{"_sys_param": {"region": "ap-chengdu"}}"#).unwrap();
    let doc = one_json(&run(&sandbox, &["config", "show", "--json"], &[]));
    let origin = &doc["credentials"]["secret_id"]["origin"];
    assert_eq!(origin["kind"], "other_tool");
    assert_eq!(origin["tool"], "tccli");
    assert_eq!(origin["path"], dir.join("default.credential").to_str().unwrap());
    assert_eq!(doc["region"]["value"], "ap-chengdu");
    assert_eq!(doc["region"]["origin"]["path"], dir.join("default.configure").to_str().unwrap());
    assert!(!doc.to_string().contains(TEST_SECRET_KEY));
}

#[test]
fn config_show_includes_the_network_settings_and_the_permission_warning() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_config(&format!(
        "[profiles.default]\nsecret_id = \"{TEST_SECRET_ID}\"\nsecret_key = \"{TEST_SECRET_KEY}\"\nca_bundle = \"/corp/ca.pem\"\n"
    ));
    let out = sandbox
        .cmd()
        .args(["config", "show", "--json", "--retries", "5", "--timeout", "7"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = one_json(&out);
    assert_eq!(doc["retries"]["value"], "5");
    assert_eq!(doc["retries"]["origin"]["kind"], "flag");
    assert_eq!(doc["timeout"]["value"], "7s");
    assert_eq!(doc["ca_bundle"]["value"], "/corp/ca.pem");
    assert_eq!(doc["ca_bundle"]["origin"]["line"], 4);
    let out =
        sandbox.cmd().env("SSL_CERT_FILE", "/other.pem").args(["config", "show", "--json"]).output().unwrap();
    let doc = one_json(&out);
    assert_eq!(doc["ca_bundle"]["origin"]["kind"], "env");
    assert_eq!(doc["retries"]["origin"]["kind"], "default");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let doc = one_json(&sandbox.cmd().args(["config", "show", "--json"]).output().unwrap());
        assert!(doc["warnings"][0].as_str().unwrap().contains("readable by others"), "{doc}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let doc = one_json(&sandbox.cmd().args(["config", "show", "--json"]).output().unwrap());
        assert_eq!(doc["warnings"], serde_json::json!([]));
    }
}
