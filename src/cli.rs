//! The command line: clap types only, no behaviour.
//!
//! Every flag's precedence against the environment and the config file is applied in
//! [`crate::config`]; this module only says what can be typed.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str = "Rebalance the read-only replicas of a Tencent Cloud PostgreSQL RO group";

const LONG_ABOUT: &str = "\
Rebalance the load of the read-only replicas in a Tencent Cloud PostgreSQL read-only (RO) group,
by calling the cloud API action RebalanceReadOnlyGroup (postgres, 2017-03-12).

Rebalancing briefly interrupts every connection to the group's replicas: tcpg asks for
confirmation on a terminal, and requires --yes anywhere else.";

fn after_long_help() -> String {
    let environment = crate::config::ENVIRONMENT.iter().map(|(name, what)| (name.to_string(), *what));
    let exits =
        crate::error::EXIT_CODES.iter().map(|row| (format!("{:>3}  {}", row.code, row.kind), row.when));
    format!("{}\n{}", two_columns("Environment:", environment), two_columns("Exit status:", exits))
}

/// A help table: the first column padded, the second wrapped under itself, so that clap's own
/// wrapping (at 100 columns) never breaks the alignment.
fn two_columns<'a>(title: &str, rows: impl Iterator<Item = (String, &'a str)>) -> String {
    const WIDTH: usize = 96;
    let rows: Vec<(String, &str)> = rows.collect();
    let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let indent = 2 + key_width + 2;
    let mut text = format!("{title}\n");
    for (key, what) in rows {
        let mut line = format!("  {key:<key_width$}  ");
        let mut line_len = indent;
        for word in what.split_whitespace() {
            if line_len + word.len() > WIDTH && line_len > indent {
                text.push_str(line.trim_end());
                text.push('\n');
                line = " ".repeat(indent);
                line_len = indent;
            }
            line.push_str(word);
            line.push(' ');
            line_len += word.chars().count() + 1;
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[derive(Debug, Parser)]
#[command(name = "tcpg", version, about = ABOUT, long_about = LONG_ABOUT)]
#[command(after_long_help = after_long_help(), propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rebalance the load of the read-only replicas in an RO group
    #[command(after_long_help = after_long_help())]
    Rebalance(RebalanceArgs),

    /// Locate, create or show the configuration
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print the completion script for a shell (see the README to install it)
    Completions(CompletionsArgs),

    /// Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`
    Man,

    /// List every environment variable tcpg reads (also: tcpg help environment)
    #[command(long_about = crate::completions::environment_topic(), help_template = "{about-with-newline}")]
    Environment,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)
    Path,

    /// Create or update a profile in the config file (mode 0600; the rest of the file is kept)
    #[command(long_about = INIT_LONG_ABOUT)]
    Init(InitArgs),

    /// Print every resolved setting and where it came from, secrets masked
    Show,
}

const INIT_LONG_ABOUT: &str = "\
Create or update a profile in the config file (the one `tcpg config path` prints).

On a terminal, asks for the SecretId, the SecretKey (not echoed), the region and an optional
default RO group, offering the values of the flags and TENCENTCLOUD_* variables as defaults.
Without a terminal, takes them from --secret-id, --region, --group and TENCENTCLOUD_SECRET_ID,
TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_REGION. The SecretKey is never accepted as a flag: it would
be kept in the shell history.

The profile is --profile, else $TCPG_PROFILE, else \"default\". The file is written atomically
with mode 0600; other profiles and comments are kept. An existing profile is only changed with
--force (exit 2 otherwise); then its keys, region and group are replaced and its other settings
(endpoint, language, [groups] aliases) are kept.";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// SecretId of the API key [env: TENCENTCLOUD_SECRET_ID]
    #[arg(long, value_name = "ID")]
    pub secret_id: Option<String>,

    /// Default RO group of the profile (pgrogrp-xxxxxxxx)
    #[arg(long, short = 'g', value_name = "ID")]
    pub group: Option<String>,

    /// Replace the profile's keys, region and group if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct RebalanceArgs {
    /// RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile's [groups] table; repeat
    /// for several, or `-` to read them from stdin, one per line [default: the profile's `group`]
    #[arg(long, short = 'g', value_name = "ID-OR-ALIAS", action = clap::ArgAction::Append)]
    pub group: Vec<String>,

    /// Do not ask for confirmation (required when stdin or stderr is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Build and sign the request and print it instead of sending it
    #[arg(long)]
    pub dry_run: bool,

    /// Stop at the first group that fails (the rest are not attempted)
    #[arg(long)]
    pub fail_fast: bool,
}

#[derive(Debug, Args, Default)]
pub struct GlobalArgs {
    /// Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// API host or URL; http:// only for loopback [env: TCPG_ENDPOINT]
    /// [default: postgres.tencentcloudapi.com]
    #[arg(long, global = true, value_name = "HOST-OR-URL")]
    pub endpoint: Option<String>,

    /// Language of API error messages
    #[arg(long, global = true, value_enum)]
    pub language: Option<Language>,

    /// Time limit for the whole call, retries included, in seconds [default: 30]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_timeout)]
    pub timeout: Option<f64>,

    /// Retries when the service certainly did not act (throttling, failure to connect); 0 disables
    /// [default: 3]
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: Option<u32>,

    /// Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_bundle: Option<PathBuf>,

    /// Output format [env: TCPG_OUTPUT] [default: text]
    #[arg(long, short = 'o', global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Shorthand for --output json
    #[arg(long, global = true, conflicts_with = "output")]
    pub json: bool,

    /// Print a request and response summary on stderr (secrets redacted)
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Print nothing on success (the exit code says it); failures are still reported
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Language {
    #[value(name = "en-US")]
    EnUs,
    #[value(name = "zh-CN")]
    ZhCn,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::EnUs => "en-US",
            Language::ZhCn => "zh-CN",
        }
    }

    pub fn parse(value: &str) -> Option<Language> {
        [Language::EnUs, Language::ZhCn].into_iter().find(|l| l.as_str() == value)
    }
}

fn parse_timeout(value: &str) -> Result<f64, String> {
    let secs: f64 = value.trim().parse().map_err(|_| format!("`{value}` is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= 3600.0) {
        return Err("the timeout must be more than 0 and at most 3600 seconds".into());
    }
    Ok(secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
