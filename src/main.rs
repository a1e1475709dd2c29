//! The `tcpg` binary: parse the command line, run it, turn the outcome into an exit code.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use tcpg::cli::{Cli, Command, OutputFormat};
use tcpg::config::{self, Env};
use tcpg::error::Error;
use tcpg::output::Output;

fn main() -> ExitCode {
    let env = Env::from_process();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(refused) = tcpg::config_cmd::refused_secret_flag(&e) {
                let format = if json_requested(&env) { OutputFormat::Json } else { OutputFormat::Text };
                Output::new(format, false, false, &env).failure(None, &refused);
                return ExitCode::from(refused.exit_code());
            }
            return clap_failure(e, &env);
        }
    };
    let format = match config::output_format(&cli.global, &env) {
        Ok(format) => format.value,
        Err(e) => {
            Output::new(OutputFormat::Text, false, false, &env).failure(None, &e);
            return ExitCode::from(e.exit_code());
        }
    };
    let out = Output::new(format, cli.global.verbose > 0, cli.global.quiet, &env);
    let mut group = None;
    let result = match &cli.command {
        Command::Rebalance(args) => {
            // Only the rebalance has something to say about Ctrl-C; elsewhere the default
            // (the terminal restores itself, e.g. after the unechoed key prompt) is right.
            tcpg::interrupt::install(out);
            tcpg::rebalance::run(&cli.global, args, &env, &out, &mut group)
        }
        Command::Config(command) => tcpg::config_cmd::run(&cli.global, command, &env, out.format),
        Command::Completions(args) => {
            tcpg::completions::print(&tcpg::completions::completion_script(args.shell))
        }
        Command::Man => tcpg::completions::man_page()
            .map_err(|e| Error::Internal(format!("could not render the man page: {e}")))
            .and_then(|page| tcpg::completions::print(&page)),
        Command::Environment => tcpg::completions::print_environment(out.format),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`tcpg … | head -c0`) is not a failure worth a message.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // Each failed group was reported as it happened.
        Err(e @ Error::Reported { .. }) => ExitCode::from(e.exit_code()),
        Err(e) => {
            out.failure(group.as_deref(), &e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap's own errors exit 2 (usage); help and version exit 0. In JSON mode a usage error still
/// prints one JSON document.
fn clap_failure(e: clap::Error, env: &Env) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(e.exit_code() as u8);
    }
    if json_requested(env) {
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or("invalid arguments");
        let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
        let _ = e.print();
        let error = Error::usage_hint(message, "run tcpg --help");
        // A closed stdout is not worth a panic.
        let _ = writeln!(std::io::stdout(), "{}", tcpg::output::failure_document(None, &error));
        return ExitCode::from(error.exit_code());
    }
    let _ = e.print();
    ExitCode::from(2)
}

/// Whether the raw arguments or the environment ask for JSON, when clap could not parse them.
fn json_requested(env: &Env) -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let by_flag = args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || a == "--output=json"
            || a == "-ojson"
            || ((a == "--output" || a == "-o") && args.get(i + 1).map(String::as_str) == Some("json"))
    });
    by_flag || env.get(config::ENV_OUTPUT).is_some_and(|v| v.eq_ignore_ascii_case("json"))
}
