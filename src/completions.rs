//! Generated documentation: shell completions, the man page and the environment help topic.
//!
//! Everything here is derived from the one clap definition ([`crate::cli::Cli`]) and the tables
//! [`crate::config::ENVIRONMENT`] and [`crate::error::EXIT_CODES`]; nothing restates them. The
//! scripts checked in under `completions/` are compared with these generators by
//! `tests/completions.rs` (`TCPG_UPDATE_COMPLETIONS=1 cargo test --test completions` rewrites
//! them). Output is deterministic: no dates, no paths of this machine.

use crate::cli::Cli;
use crate::config::ENVIRONMENT;
use crate::error::{Error, EXIT_CODES};
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{bold, italic, roman, Roff};
use std::io::Write;

/// The program name the scripts complete.
pub const BIN: &str = "tcpg";

/// Every supported shell and the name of its checked-in script under `completions/`.
pub const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "tcpg.bash"),
    (Shell::Zsh, "_tcpg"),
    (Shell::Fish, "tcpg.fish"),
    (Shell::PowerShell, "_tcpg.ps1"),
    (Shell::Elvish, "tcpg.elv"),
];

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut out);
    out
}

/// The environment help topic: `tcpg help environment` and `tcpg environment`.
pub fn environment_topic() -> String {
    let mut text = String::from(
        "Every environment variable tcpg reads. Blank values count as unset; a flag beats its variable,\n\
         and a variable beats the config file.\n\n",
    );
    for (name, what) in ENVIRONMENT {
        text.push_str(&format!("  {name}\n      {what}\n"));
    }
    text.push_str(
        "\nThe default config directory follows the platform (XDG_CONFIG_HOME or ~/.config on Linux),\n\
         and tccli's and the SDKs' files are looked for under HOME.",
    );
    text
}

/// The man page, in roff: the usual sections from the clap definition, then COMMANDS, EXIT
/// STATUS, ENVIRONMENT and FILES from the crate's tables.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands() {
        command_entry(&mut roff, sub, BIN);
    }

    roff.control("SH", ["EXIT STATUS"]);
    for row in EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(row.code.to_string()), roman(" "), italic(row.kind)]);
        roff.text([roman(row.when)]);
    }

    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }

    roff.control("SH", ["FILES"]);
    for (path, what) in [
        (
            "<config dir>/tcpg/config.toml",
            "tcpg's config file (see tcpg config path); written by tcpg config init with mode 0600",
        ),
        (
            "~/.tccli/<profile>.credential, ~/.tccli/<profile>.configure",
            "tccli's profile, read when tcpg's own sources hold no credentials",
        ),
        ("~/.tencentcloud/credentials", "the SDKs' credentials file, read last"),
    ] {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(what)]);
    }
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(dedupe_preamble(&out))
}

/// Each `render_*` call of clap_mangen repeats roff's two-line apostrophe preamble; keep the
/// first.
fn dedupe_preamble(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match text.split_once(preamble) {
        Some((head, rest)) => format!("{head}{preamble}{}", rest.replace(preamble, "")).into_bytes(),
        None => page.to_vec(),
    }
}

/// One `.SS` entry per subcommand (nested ones too), with its own options; global options are
/// in OPTIONS already.
fn command_entry(roff: &mut Roff, cmd: &clap::Command, parent: &str) {
    if cmd.is_hide_set() {
        return;
    }
    let name = format!("{parent} {}", cmd.get_name());
    roff.control("SS", [name.as_str()]);
    // The environment topic has its own section below.
    let long_about = cmd.get_long_about().filter(|_| cmd.get_name() != "environment");
    if let Some(about) = long_about.or(cmd.get_about()) {
        for paragraph in about.to_string().split("\n\n") {
            roff.control("PP", []);
            roff.text([roman(paragraph.replace('\n', " "))]);
        }
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_global_set() && !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let mut flag = match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => format!("-{s}, --{l}"),
            (None, Some(l)) => format!("--{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, None) => String::new(),
        };
        let value = arg
            .get_value_names()
            .map(|names| names.iter().map(|n| format!("<{n}>")).collect::<Vec<_>>().join(" "))
            .or_else(|| {
                let values: Vec<String> =
                    arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
                (!values.is_empty()).then(|| values.join("|"))
            })
            .unwrap_or_else(|| format!("<{}>", id.to_uppercase()));
        if arg.get_action().takes_values() {
            flag = if flag.is_empty() { value } else { format!("{flag} {value}") };
        }
        roff.control("TP", []);
        roff.text([bold(flag)]);
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            roff.text([roman(help.to_string().replace('\n', " "))]);
        }
    }
    for sub in cmd.get_subcommands() {
        command_entry(roff, sub, &name);
    }
}

/// Write generated bytes to stdout.
pub fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes).and_then(|_| stdout.flush()).map_err(Error::Output)
}

/// `tcpg environment`: the topic as text, or the table as a JSON array.
pub fn print_environment(format: crate::cli::OutputFormat) -> Result<(), Error> {
    let text = match format {
        crate::cli::OutputFormat::Text => environment_topic(),
        crate::cli::OutputFormat::Json => serde_json::Value::Array(
            ENVIRONMENT
                .iter()
                .map(|(name, what)| serde_json::json!({"name": name, "description": what}))
                .collect(),
        )
        .to_string(),
    };
    print(format!("{text}\n").as_bytes())
}
