//! Generated documentation: the checked-in completion scripts must match what the binary
//! generates, and the man page and the environment topic carry the crate's tables.
//!
//! When a script is stale, regenerate all of them with:
//!
//!     TCPG_UPDATE_COMPLETIONS=1 cargo test --test completions
//!
//! and commit `completions/`.

mod common;

use common::Sandbox;
use std::path::PathBuf;

const UPDATE_VAR: &str = "TCPG_UPDATE_COMPLETIONS";

/// (argument of `tcpg completions`, file under `completions/`)
const SHELLS: &[(&str, &str)] = &[
    ("bash", "tcpg.bash"),
    ("zsh", "_tcpg"),
    ("fish", "tcpg.fish"),
    ("powershell", "_tcpg.ps1"),
    ("elvish", "tcpg.elv"),
];

fn generate(sandbox: &Sandbox, args: &[&str]) -> Vec<u8> {
    let out = sandbox.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "tcpg {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "tcpg {args:?} wrote to stderr");
    out.stdout
}

#[test]
fn checked_in_completion_scripts_are_current() {
    let sandbox = Sandbox::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let generated = generate(&sandbox, &["completions", shell]);
        assert!(
            String::from_utf8_lossy(&generated).contains("rebalance"),
            "the {shell} script does not know the rebalance command"
        );
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(checked_in) if checked_in == generated => {}
            Ok(_) => stale.push(format!("completions/{file} is stale")),
            Err(e) => stale.push(format!("completions/{file} cannot be read: {e}")),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: {UPDATE_VAR}=1 cargo test --test completions (then commit completions/)",
        stale.join("\n")
    );
}

#[test]
fn every_documented_shell_is_generated_and_others_are_usage_errors() {
    let sandbox = Sandbox::new();
    let bash = String::from_utf8(generate(&sandbox, &["completions", "bash"])).unwrap();
    for word in ["rebalance", "config", "init", "show", "path", "completions", "--dry-run", "--secret-id"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    assert!(!bash.contains("--secret-key"), "no flag for a secret exists, so none is offered");
    let out = sandbox.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_has_exit_status_and_environment_from_the_tables() {
    let sandbox = Sandbox::new();
    let page = String::from_utf8(generate(&sandbox, &["man"])).unwrap();
    assert!(page.contains(".TH tcpg 1"), "{}", &page[..200.min(page.len())]);
    let section = |name: &str| {
        let start = page.find(name).unwrap_or_else(|| panic!("no {name} section"));
        let rest = &page[start + name.len()..];
        rest[..rest.find(".SH ").unwrap_or(rest.len())].to_string()
    };
    let exit = section(".SH \"EXIT STATUS\"");
    for (code, kind) in [(0, "ok"), (2, "usage"), (3, "config"), (8, "retry_later"), (130, "interrupted")] {
        assert!(exit.contains(&format!("\\fB{code}\\fR")) && exit.contains(kind), "{code} {kind}: {exit}");
    }
    let env = section(".SH ENVIRONMENT");
    for var in [
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_TOKEN",
        "TENCENTCLOUD_REGION",
        "TCPG_PROFILE",
        "TCPG_CONFIG",
        "TCPG_ENDPOINT",
        "TCPG_OUTPUT",
        "TCCLI_PROFILE",
        "TENCENTCLOUD_CREDENTIALS_FILE",
    ] {
        assert!(env.contains(var), "{var} missing from ENVIRONMENT");
    }
    for command in ["tcpg rebalance", "tcpg config init", "tcpg completions"] {
        assert!(page.contains(&format!(".SS \"{command}\"")), "{command} missing from COMMANDS");
    }
    assert_eq!(page.matches(".ds Aq '").count(), 1, "one roff preamble");
}

#[test]
fn help_environment_lists_every_variable() {
    let sandbox = Sandbox::new();
    let topic = String::from_utf8(generate(&sandbox, &["help", "environment"])).unwrap();
    let listed = String::from_utf8(generate(&sandbox, &["environment"])).unwrap();
    assert!(listed.trim_end().len() <= topic.len() && topic.contains(listed.trim_end()), "{topic}\n{listed}");
    let json: serde_json::Value =
        serde_json::from_slice(&generate(&sandbox, &["environment", "--json"])).unwrap();
    let names: Vec<&str> = json.as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in &names {
        assert!(topic.contains(&format!("  {name}\n")), "{name} missing from the help topic:\n{topic}");
    }
    for name in ["TCCLI_PROFILE", "TENCENTCLOUD_CREDENTIALS_FILE", "TCPG_CONFIG"] {
        assert!(names.contains(&name), "{name}");
    }
    // The topic is the topic, not the global options again.
    assert!(!topic.contains("--endpoint <HOST-OR-URL>"), "{topic}");
}
