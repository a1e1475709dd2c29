//! `tcpg config path|init|show`: find, write and explain the configuration.
//!
//! `path` and `show` only read, through [`crate::config`], so they report exactly what
//! `tcpg rebalance` would use. `init` is the one place tcpg writes a file: it edits a single
//! profile with a format-preserving editor (toml_edit), keeps every other byte of the file,
//! checks that the result still parses as a tcpg config, and replaces the file atomically (a
//! temporary file in the same directory, created with mode 0600, then renamed over it).
//! Secrets are never printed: SecretIds are masked, keys and tokens are "set" or "not set". The
//! SecretKey is never accepted as a flag value; it comes from the environment or the terminal.

use crate::cli::{ConfigCommand, GlobalArgs, InitArgs, OutputFormat};
use crate::config::{self, ConfigLocation, Env, Origin, Settings, ENV_CONFIG, ENV_PROFILE};
use crate::credentials::{mask_id, Lookup, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_TOKEN};
use crate::error::Error;
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Existing config files larger than this are not edited.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Run a `tcpg config` subcommand.
pub fn run(
    global: &GlobalArgs,
    command: &ConfigCommand,
    env: &Env,
    format: OutputFormat,
) -> Result<(), Error> {
    match command {
        ConfigCommand::Path => path(global, env, format),
        ConfigCommand::Init(args) => init(global, args, env, format),
        ConfigCommand::Show => show(global, env, format),
    }
}

// ---------------------------------------------------------------------------------------------
// config path

fn path(global: &GlobalArgs, env: &Env, format: OutputFormat) -> Result<(), Error> {
    let location = config::locate(global, env);
    let path = require_path(&location)?;
    let exists = path.exists();
    match format {
        OutputFormat::Text => {
            let state = if exists { "the file exists" } else { "the file does not exist yet" };
            stdout_line(&format!("{}\n({}; {state})", path.display(), location_why(&location.origin)))
        }
        OutputFormat::Json => stdout_line(
            &json!({
                "path": path.display().to_string(),
                "exists": exists,
                "origin": origin_json(&location.origin, None),
            })
            .to_string(),
        ),
    }
}

fn require_path(location: &ConfigLocation) -> Result<&Path, Error> {
    location.path.as_deref().ok_or_else(|| {
        Error::config_hint(
            "no config file location: the system has no config directory",
            format!("pass --config PATH or set {ENV_CONFIG}"),
        )
    })
}

fn location_why(origin: &Origin) -> String {
    match origin {
        Origin::Flag(flag) => format!("set by {flag}"),
        Origin::Env(var) => format!("set by ${var}"),
        _ => format!(
            "the default location, <config dir>/tcpg/config.toml; --config or ${ENV_CONFIG} change it"
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// config show

/// One displayed setting.
struct Row {
    name: &'static str,
    /// `None`: not set.
    value: Option<String>,
    origin: Option<Origin>,
    line: Option<usize>,
    /// Said when the value is not set.
    unset: &'static str,
}

fn show(global: &GlobalArgs, env: &Env, format: OutputFormat) -> Result<(), Error> {
    let settings = config::resolve(global, env)?;
    let lines = FileLines::load(&settings.config);
    let pname = settings.profile.value.as_str();
    let line_of = |origin: &Origin, key: &str| match origin {
        Origin::File { .. } => lines.profile_key(pname, key),
        _ => None,
    };
    let mut rows = Vec::new();

    let profile_line = match &settings.profile.origin {
        Origin::File { .. } => lines.top_key("default_profile"),
        _ => None,
    };
    rows.push(Row {
        name: "profile",
        value: Some(settings.profile.value.clone()),
        origin: Some(settings.profile.origin.clone()),
        line: profile_line,
        unset: "",
    });
    // `name` is also the key in the profile table, for the line number.
    let sourced = |name: &'static str, value: Option<(String, &Origin)>, unset| Row {
        name,
        line: value.as_ref().and_then(|(_, o)| line_of(o, name)),
        origin: value.as_ref().map(|(_, o)| (*o).clone()),
        value: value.map(|(v, _)| v),
        unset,
    };
    rows.push(sourced(
        "region",
        settings.region.as_ref().map(|r| (r.value.clone(), &r.origin)),
        "not set (no X-TC-Region header is sent)",
    ));
    rows.push(sourced("endpoint", Some((settings.endpoint.value.url(), &settings.endpoint.origin)), ""));
    rows.push(sourced(
        "language",
        settings.language.as_ref().map(|l| (l.value.as_str().to_string(), &l.origin)),
        "not set (the service's default)",
    ));
    rows.push(sourced(
        "group",
        settings.group.as_ref().map(|g| (g.value.clone(), &g.origin)),
        "not set (pass --group)",
    ));
    rows.push(sourced(
        "timeout",
        Some((format!("{}s", settings.timeout.value.as_secs_f64()), &settings.timeout.origin)),
        "",
    ));
    rows.push(sourced("retries", Some((settings.retries.value.to_string(), &settings.retries.origin)), ""));
    rows.push(sourced(
        "ca_bundle",
        settings.ca_bundle.as_ref().map(|c| (c.value.display().to_string(), &c.origin)),
        "not set (the bundled Mozilla roots only)",
    ));
    let output = config::output_format(global, env)?;
    let output_value = match output.value {
        OutputFormat::Text => "text",
        OutputFormat::Json => "json",
    };
    rows.push(sourced("output", Some((output_value.to_string(), &output.origin)), ""));

    let aliases: Vec<(String, String, Option<usize>)> = settings
        .aliases
        .iter()
        .map(|(name, id)| (name.clone(), id.clone(), lines.alias(pname, name)))
        .collect();
    let alias_origin =
        Origin::File { path: settings.config.path.clone().unwrap_or_default(), profile: pname.to_string() };

    let credential_rows = credential_rows(&settings, &lines);

    match format {
        OutputFormat::Text => {
            let mut text = String::new();
            let config_value = match &settings.config.path {
                Some(path) => format!(
                    "{}  ({}; {})",
                    path.display(),
                    location_why(&settings.config.origin),
                    if path.exists() { "exists" } else { "does not exist" }
                ),
                None => "none (the system has no config directory)".to_string(),
            };
            text.push_str(&format!("{:<12}{config_value}\n", "config file"));
            for row in rows.iter().chain(&credential_rows) {
                text.push_str(&format!("{:<12}{}\n", row.name, row_text(row)));
            }
            for (name, id, line) in &aliases {
                text.push_str(&format!(
                    "{:<12}{name} = {id}  (from {})\n",
                    "alias",
                    origin_text(&alias_origin, *line)
                ));
            }
            if let Some(warning) = &settings.permission_warning {
                text.push_str(&format!("warning: {warning}\n"));
            }
            if let Lookup::Missing { looked } = &settings.credentials {
                text.push_str("no credentials found; looked in:\n");
                for place in looked {
                    text.push_str(&format!("  - {place}\n"));
                }
            }
            stdout_line(text.trim_end())
        }
        OutputFormat::Json => {
            let mut doc = serde_json::Map::new();
            doc.insert(
                "config_file".into(),
                json!({
                    "path": settings.config.path.as_ref().map(|p| p.display().to_string()),
                    "exists": settings.config.path.as_ref().is_some_and(|p| p.exists()),
                    "origin": origin_json(&settings.config.origin, None),
                }),
            );
            for row in &rows {
                doc.insert(row.name.into(), row_json(row));
            }
            doc.insert(
                "aliases".into(),
                aliases
                    .iter()
                    .map(|(name, id, line)| {
                        json!({"name": name, "id": id, "origin": origin_json(&alias_origin, *line)})
                    })
                    .collect(),
            );
            doc.insert("warnings".into(), settings.permission_warning.iter().cloned().collect());
            let mut creds = serde_json::Map::new();
            creds.insert("found".into(), matches!(settings.credentials, Lookup::Found(_)).into());
            for row in &credential_rows {
                let entry = if row.name == "secret_id" {
                    row_json(row)
                } else {
                    json!({
                        "set": row.value.is_some(),
                        "origin": row.origin.as_ref().map(|o| origin_json(o, row.line)),
                    })
                };
                creds.insert(row.name.into(), entry);
            }
            if let Lookup::Missing { looked } = &settings.credentials {
                creds.insert("looked".into(), looked.clone().into());
            }
            doc.insert("credentials".into(), Value::Object(creds));
            stdout_line(&Value::Object(doc).to_string())
        }
    }
}

/// secret_id (masked), secret_key and token ("set"), each with its own origin.
fn credential_rows(settings: &Settings, lines: &FileLines) -> Vec<Row> {
    let pname = settings.profile.value.as_str();
    let creds = match &settings.credentials {
        Lookup::Found(creds) => creds,
        Lookup::Missing { .. } => {
            return ["secret_id", "secret_key", "token"]
                .into_iter()
                .map(|name| Row { name, value: None, origin: None, line: None, unset: "not found" })
                .collect()
        }
    };
    let field = |name: &'static str, var: &'static str, key: &str, value: Option<String>| {
        let origin = match &creds.origin {
            Origin::Env(_) => Origin::Env(var),
            other => other.clone(),
        };
        let line = match &origin {
            Origin::File { .. } => lines.profile_key(pname, key),
            _ => None,
        };
        let present = value.is_some();
        Row { name, value, origin: present.then_some(origin), line, unset: "not set" }
    };
    vec![
        field("secret_id", ENV_SECRET_ID, "secret_id", Some(mask_id(&creds.secret_id))),
        field("secret_key", ENV_SECRET_KEY, "secret_key", Some("set".to_string())),
        field("token", ENV_TOKEN, "token", creds.token.as_ref().map(|_| "set".to_string())),
    ]
}

fn row_text(row: &Row) -> String {
    match (&row.value, &row.origin) {
        (Some(value), Some(Origin::Default)) => format!("{value}  (default)"),
        (Some(value), Some(origin)) => format!("{value}  (from {})", origin_text(origin, row.line)),
        (Some(value), None) => value.clone(),
        (None, _) => row.unset.to_string(),
    }
}

fn row_json(row: &Row) -> Value {
    match &row.value {
        Some(value) => json!({
            "value": value,
            "origin": row.origin.as_ref().map(|o| origin_json(o, row.line)),
        }),
        None => Value::Null,
    }
}

fn origin_text(origin: &Origin, line: Option<usize>) -> String {
    match (origin, line) {
        (Origin::Default, _) => "default".to_string(),
        (Origin::File { .. }, Some(line)) => format!("{origin}, line {line}"),
        _ => origin.to_string(),
    }
}

fn origin_json(origin: &Origin, line: Option<usize>) -> Value {
    let text = origin_text(origin, line);
    match origin {
        Origin::Flag(flag) => json!({"kind": "flag", "name": flag, "text": text}),
        Origin::Env(var) => json!({"kind": "env", "name": var, "text": text}),
        Origin::File { path, profile } => json!({
            "kind": "file", "path": path.display().to_string(), "profile": profile, "line": line, "text": text,
        }),
        Origin::Foreign { tool, path } => json!({
            "kind": "other_tool", "tool": tool, "path": path.display().to_string(), "text": text,
        }),
        Origin::Default => json!({"kind": "default", "text": text}),
    }
}

/// Line numbers of keys in the config file, for "file and line" origins. Best effort: the file
/// was already parsed by [`config::resolve`], so a failure here only loses the line numbers.
struct FileLines {
    text: String,
    doc: Option<toml_edit::Document<String>>,
}

impl FileLines {
    fn load(location: &ConfigLocation) -> FileLines {
        let text = location.path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
        let doc = toml_edit::Document::parse(text.clone()).ok();
        FileLines { text, doc }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())].matches('\n').count() + 1
    }

    fn key_line(&self, table: &dyn toml_edit::TableLike, key: &str) -> Option<usize> {
        let span = table.key(key).and_then(|k| k.span()).or_else(|| table.get(key).and_then(|i| i.span()))?;
        Some(self.line_at(span.start))
    }

    fn profile(&self, name: &str) -> Option<&dyn toml_edit::TableLike> {
        self.doc.as_ref()?.get("profiles")?.as_table_like()?.get(name)?.as_table_like()
    }

    fn top_key(&self, key: &str) -> Option<usize> {
        self.key_line(self.doc.as_ref()?.as_table(), key)
    }

    fn profile_key(&self, profile: &str, key: &str) -> Option<usize> {
        self.key_line(self.profile(profile)?, key)
    }

    fn alias(&self, profile: &str, alias: &str) -> Option<usize> {
        self.key_line(self.profile(profile)?.get("groups")?.as_table_like()?, alias)
    }
}

// ---------------------------------------------------------------------------------------------
// config init

/// What `init` writes into the profile.
#[derive(Debug, PartialEq, Eq)]
struct NewProfile {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    region: String,
    group: Option<String>,
}

/// Defaults offered by flags and the environment.
#[derive(Debug, Default)]
struct Given {
    secret_id: Option<(String, String)>,
    secret_key: Option<(String, String)>,
    token: Option<String>,
    region: Option<(String, String)>,
    group: Option<String>,
}

fn init(global: &GlobalArgs, args: &InitArgs, env: &Env, format: OutputFormat) -> Result<(), Error> {
    let location = config::locate(global, env);
    let path = require_path(&location)?.to_path_buf();
    let profile = match (&global.profile, env.get(ENV_PROFILE)) {
        (Some(p), _) => p.trim().to_string(),
        (None, Some(p)) => p.to_string(),
        (None, None) => "default".to_string(),
    };
    if profile.is_empty() || profile.chars().any(char::is_control) {
        return Err(Error::usage("the profile name must not be empty or contain control characters"));
    }

    let existing = read_existing(&path)?;
    let mut doc: toml_edit::DocumentMut = match &existing {
        Some(text) => {
            config::parse(text, &path)?;
            text.parse().map_err(|e| Error::config(format!("invalid config file {}: {e}", path.display())))?
        }
        None => toml_edit::DocumentMut::new(),
    };
    let exists =
        doc.get("profiles").and_then(|p| p.as_table_like()).is_some_and(|p| p.contains_key(&profile));
    if exists && !args.force {
        return Err(Error::usage_hint(
            format!("profile \"{profile}\" already exists in {}", path.display()),
            "pass --force to replace its keys, region and group, or name another profile with --profile",
        ));
    }

    let given = Given {
        secret_id: given(args.secret_id.as_deref(), "--secret-id", env.get(ENV_SECRET_ID), ENV_SECRET_ID),
        secret_key: env.get(ENV_SECRET_KEY).map(|k| (k.to_string(), format!("${ENV_SECRET_KEY}"))),
        token: env.get(ENV_TOKEN).map(str::to_string),
        region: given(global.region.as_deref(), "--region", env.get(config::ENV_REGION), config::ENV_REGION),
        group: args.group.as_deref().map(str::trim).filter(|g| !g.is_empty()).map(str::to_string),
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let new = if interactive {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut stderr = std::io::stderr();
        ask(&given, &profile, &path, &mut input, &mut stderr, &mut |prompt| {
            rpassword::prompt_password(prompt)
        })?
    } else {
        from_given(given)?
    };

    write_profile(&mut doc, &profile, &new)?;
    let text = doc.to_string();
    config::parse(&text, &path)
        .map_err(|e| Error::Internal(format!("the edited config does not parse: {e}")))?;
    write_atomic(&path, &text)?;

    let action = if exists { "replaced" } else { "created" };
    match format {
        OutputFormat::Text => {
            let mut text = format!("Profile \"{profile}\" {action} in {} (mode 0600).", path.display());
            if new.token.is_some() {
                text.push_str(&format!(
                    "\nNote: the session token from ${ENV_TOKEN} was saved too; it expires with the temporary keys."
                ));
            }
            let show = if profile == "default" {
                "tcpg config show".to_string()
            } else {
                format!("tcpg config show --profile {profile}")
            };
            text.push_str(&format!("\nCheck it with: {show}"));
            stdout_line(&text)
        }
        OutputFormat::Json => stdout_line(
            &json!({"ok": true, "profile": profile, "path": path.display().to_string(), "action": action})
                .to_string(),
        ),
    }
}

/// tcpg has no flag for a secret: a key typed on the command line is kept in the shell history
/// and visible to other users in the process list. clap would reject such a flag as unknown and
/// echo it, value included; this turns it into a usage error that echoes nothing and says what
/// to do instead. `None` for every other parse error.
pub fn refused_secret_flag(e: &clap::Error) -> Option<Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else { return None };
    let flag = arg.split('=').next().unwrap_or_default().to_ascii_lowercase().replace('_', "-");
    if !["--secret-key", "--secretkey", "--token"].contains(&flag.as_str()) {
        return None;
    }
    Some(Error::usage_hint(
        format!("{flag} is not accepted: a secret typed on the command line is kept in the shell history"),
        format!(
            "set {ENV_SECRET_KEY} (and {ENV_TOKEN}) in the environment, or run `tcpg config init` on a \
             terminal to be asked for the key (not echoed)"
        ),
    ))
}

fn given(flag: Option<&str>, flag_name: &str, env: Option<&str>, var: &str) -> Option<(String, String)> {
    match (flag.map(str::trim).filter(|v| !v.is_empty()), env) {
        (Some(v), _) => Some((v.to_string(), flag_name.to_string())),
        (None, Some(v)) => Some((v.to_string(), format!("${var}"))),
        (None, None) => None,
    }
}

/// Without a terminal: everything from flags and the environment, or a usage error listing
/// what is missing.
fn from_given(given: Given) -> Result<NewProfile, Error> {
    let mut missing = Vec::new();
    if given.secret_id.is_none() {
        missing.push(format!("a SecretId (--secret-id or ${ENV_SECRET_ID})"));
    }
    if given.secret_key.is_none() {
        missing.push(format!("a SecretKey (${ENV_SECRET_KEY}; never a flag)"));
    }
    if given.region.is_none() {
        missing.push(format!("a region (--region or ${})", config::ENV_REGION));
    }
    if !missing.is_empty() {
        return Err(Error::usage_hint(
            format!("cannot write the profile without a terminal: missing {}", missing.join(", ")),
            "run `tcpg config init` on a terminal to be asked, or provide them as listed",
        ));
    }
    let (secret_id, id_from) = given.secret_id.unwrap_or_default();
    let (secret_key, key_from) = given.secret_key.unwrap_or_default();
    let (region, region_from) = given.region.unwrap_or_default();
    check_secret_id(&secret_id).map_err(|why| Error::usage(format!("{why} (from {id_from})")))?;
    check_secret_key(&secret_key).map_err(|why| Error::usage(format!("{why} (from {key_from})")))?;
    check_region(&region).map_err(|why| Error::usage(format!("{why} (from {region_from})")))?;
    let group =
        given.group.map(|g| check_group(&g).map_err(|why| Error::usage(format!("{why} (from --group)"))));
    Ok(NewProfile { secret_id, secret_key, token: given.token, region, group: group.transpose()? })
}

/// On a terminal: ask for each value, offering what flags and the environment gave as the
/// default (Enter keeps it). Invalid answers are asked again, three times at most.
fn ask(
    given: &Given,
    profile: &str,
    path: &Path,
    input: &mut dyn BufRead,
    prompt_out: &mut dyn Write,
    read_secret: &mut dyn FnMut(&str) -> std::io::Result<String>,
) -> Result<NewProfile, Error> {
    let io_error = |e: std::io::Error| Error::usage(format!("could not read the answer: {e}"));
    let _ = writeln!(prompt_out, "Setting up profile \"{profile}\" in {}", path.display());
    let mut line = |prompt: &str, input: &mut dyn BufRead| -> Result<String, Error> {
        let _ = write!(prompt_out, "{prompt}");
        let _ = prompt_out.flush();
        let mut answer = String::new();
        if input.read_line(&mut answer).map_err(io_error)? == 0 {
            return Err(Error::usage("no answer (end of input); nothing was written"));
        }
        Ok(answer.trim().to_string())
    };
    let with_default = |label: &str, shown: Option<String>| match shown {
        Some(shown) => format!("{label} [{shown}]: "),
        None => format!("{label}: "),
    };

    let secret_id = ask_until(|| {
        let shown = given.secret_id.as_ref().map(|(v, from)| format!("{} from {from}", mask_id(v)));
        let answer = line(&with_default("SecretId", shown), input)?;
        let value =
            if answer.is_empty() { given.secret_id.as_ref().map(|(v, _)| v.clone()) } else { Some(answer) };
        Ok(value.ok_or("a SecretId is required".to_string()).and_then(|v| check_secret_id(&v).map(|_| v)))
    })?;
    let secret_key = ask_until(|| {
        let prompt = match &given.secret_key {
            Some((_, from)) => format!("SecretKey (not echoed) [Enter uses {from}]: "),
            None => "SecretKey (not echoed): ".to_string(),
        };
        let answer = read_secret(&prompt).map_err(io_error)?.trim().to_string();
        let value =
            if answer.is_empty() { given.secret_key.as_ref().map(|(v, _)| v.clone()) } else { Some(answer) };
        Ok(value.ok_or("a SecretKey is required".to_string()).and_then(|v| check_secret_key(&v).map(|_| v)))
    })?;
    let region = ask_until(|| {
        let shown = given.region.as_ref().map(|(v, _)| v.clone());
        let answer = line(&with_default("Region, e.g. ap-guangzhou", shown), input)?;
        let value =
            if answer.is_empty() { given.region.as_ref().map(|(v, _)| v.clone()) } else { Some(answer) };
        Ok(value.ok_or("a region is required".to_string()).and_then(|v| check_region(&v).map(|_| v)))
    })?;
    let group = ask_until(|| {
        let answer = line(&with_default("Default RO group (optional)", given.group.clone()), input)?;
        let value = if answer.is_empty() { given.group.clone() } else { Some(answer) };
        Ok(match value {
            None => Ok(None),
            Some(v) => check_group(&v).map(Some),
        })
    })?;
    // A token only comes with temporary keys from the environment, never typed.
    let token = given.secret_key.as_ref().filter(|(key, _)| *key == secret_key).and(given.token.clone());
    let _ = prompt_out.flush();
    Ok(NewProfile { secret_id, secret_key, token, region, group })
}

/// Call `attempt` until it yields a valid value; report the reason after each invalid one.
fn ask_until<T>(mut attempt: impl FnMut() -> Result<Result<T, String>, Error>) -> Result<T, Error> {
    let mut last = String::new();
    for _ in 0..3 {
        match attempt()? {
            Ok(value) => return Ok(value),
            Err(why) => {
                eprintln!("  {why}");
                last = why;
            }
        }
    }
    Err(Error::usage(format!("{last}; nothing was written")))
}

fn check_secret_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) || !id.is_ascii() {
        return Err("a SecretId is one word of ASCII letters and digits (AKID...)".into());
    }
    Ok(())
}

fn check_secret_key(key: &str) -> Result<(), String> {
    if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) || !key.is_ascii() {
        return Err("a SecretKey is one word of ASCII characters, with no spaces".into());
    }
    Ok(())
}

fn check_region(region: &str) -> Result<(), String> {
    if !config::valid_region(region) {
        return Err(format!("`{region}` is not a region name (e.g. ap-guangzhou)"));
    }
    Ok(())
}

fn check_group(group: &str) -> Result<String, String> {
    crate::group::validate(group).map_err(|e| e.to_string())
}

fn read_existing(path: &Path) -> Result<Option<String>, Error> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => {
            Err(Error::config(format!("config file {} is too large to edit", path.display())))
        }
        Ok(_) => std::fs::read_to_string(path)
            .map(Some)
            .map_err(|e| Error::config(format!("cannot read config file {}: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::config(format!("cannot read config file {}: {e}", path.display()))),
    }
}

/// Add `[profiles.<name>]`, or update the keys init owns in an existing one.
fn write_profile(doc: &mut toml_edit::DocumentMut, name: &str, new: &NewProfile) -> Result<(), Error> {
    use toml_edit::{value, Item, Table};
    let not_a_table = |what: &str| {
        Error::config_hint(
            format!("{what} in the config file is not a [table]; tcpg config init cannot edit it"),
            "edit the file by hand (see `tcpg config path`)",
        )
    };
    let profiles = doc.entry("profiles").or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    let profiles = profiles.as_table_mut().ok_or_else(|| not_a_table("`profiles`"))?;
    let table = profiles.entry(name).or_insert_with(|| Item::Table(Table::new()));
    let table = table.as_table_mut().ok_or_else(|| not_a_table(&format!("profile \"{name}\"")))?;
    table["secret_id"] = value(new.secret_id.as_str());
    table["secret_key"] = value(new.secret_key.as_str());
    match &new.token {
        Some(token) => table["token"] = value(token.as_str()),
        None => {
            table.remove("token");
        }
    }
    table["region"] = value(new.region.as_str());
    if let Some(group) = &new.group {
        table["group"] = value(group.as_str());
    }
    Ok(())
}

/// Replace `path` with `text`: a new file in the same directory, created with mode 0600 (so it
/// is never readable by others, not even briefly), synced, then renamed over the target. A
/// symlinked config is written through to the file it points at.
fn write_atomic(path: &Path, text: &str) -> Result<(), Error> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let fail = |e: std::io::Error| Error::config(format!("cannot write config file {}: {e}", path.display()));
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_dir(&dir).map_err(fail)?;
    let file_name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let tmp = dir.join(format!(".{file_name}.tmp-{}-{nanos}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    // Make the rename itself durable; best effort.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Create the config directory (and parents) if needed; new directories are private on Unix.
fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn stdout_line(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").and_then(|_| stdout.flush()).map_err(Error::Output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn full_given() -> Given {
        Given {
            secret_id: Some(("AKIDfromENVfromENV0001".into(), "$TENCENTCLOUD_SECRET_ID".into())),
            secret_key: Some(("env-key".into(), "$TENCENTCLOUD_SECRET_KEY".into())),
            token: None,
            region: Some(("ap-guangzhou".into(), "--region".into())),
            group: None,
        }
    }

    #[test]
    fn the_prompts_offer_defaults_and_never_echo_the_key() {
        let mut input = Cursor::new("\n\n\n\n");
        let mut prompts = Vec::new();
        let mut asked = Vec::new();
        let new = ask(&full_given(), "p", Path::new("/c.toml"), &mut input, &mut prompts, &mut |p| {
            asked.push(p.to_string());
            Ok(String::new())
        })
        .unwrap();
        assert_eq!(new.secret_id, "AKIDfromENVfromENV0001");
        assert_eq!(new.secret_key, "env-key");
        assert_eq!(new.region, "ap-guangzhou");
        assert_eq!(new.group, None);
        let prompts = String::from_utf8(prompts).unwrap();
        assert!(prompts.contains("AKID****0001"), "{prompts}");
        assert!(!prompts.contains("env-key") && !prompts.contains("AKIDfromENV"), "{prompts}");
        assert_eq!(asked.len(), 1);
        assert!(asked[0].contains("$TENCENTCLOUD_SECRET_KEY"), "{asked:?}");
    }

    #[test]
    fn typed_answers_win_and_bad_ones_are_asked_again() {
        let mut input =
            Cursor::new("AKIDtypedTYPEDtyped0002\nap guangzhou\nap-shanghai\nPGROGRP-x\npgrogrp-abc123\n");
        let mut prompts = Vec::new();
        let new = ask(&Given::default(), "p", Path::new("/c.toml"), &mut input, &mut prompts, &mut |_| {
            Ok("typed-key".to_string())
        })
        .unwrap();
        assert_eq!(
            new,
            NewProfile {
                secret_id: "AKIDtypedTYPEDtyped0002".into(),
                secret_key: "typed-key".into(),
                token: None,
                region: "ap-shanghai".into(),
                group: Some("pgrogrp-abc123".into()),
            }
        );
        // End of input: nothing is made up.
        let mut input = Cursor::new("AKIDtypedTYPEDtyped0002\n");
        let err = ask(&Given::default(), "p", Path::new("/c.toml"), &mut input, &mut Vec::new(), &mut |_| {
            Ok("k".to_string())
        })
        .unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn editing_keeps_everything_else() {
        let text = "# my settings\ndefault_profile = \"prod\"  # keep\n\n[profiles.prod]\n# the keys\nsecret_id = \"AKIDold\"\nsecret_key = \"old\"\ntoken = \"t\"\nendpoint = \"postgres.intl.tencentcloudapi.com\"\n\n[profiles.prod.groups]\nmain = \"pgrogrp-main0001\"\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        let new = NewProfile {
            secret_id: "AKIDnew".into(),
            secret_key: "new".into(),
            token: None,
            region: "ap-tokyo".into(),
            group: None,
        };
        write_profile(&mut doc, "stage", &new).unwrap();
        let added = doc.to_string();
        assert!(added.starts_with(text), "{added}");
        assert!(
            added.ends_with(
                "\n[profiles.stage]\nsecret_id = \"AKIDnew\"\nsecret_key = \"new\"\nregion = \"ap-tokyo\"\n"
            ),
            "{added}"
        );
        write_profile(&mut doc, "prod", &new).unwrap();
        let replaced = doc.to_string();
        assert!(replaced.contains("# the keys\nsecret_id = \"AKIDnew\""), "{replaced}");
        assert!(
            !replaced.contains("token") && replaced.contains("main = \"pgrogrp-main0001\""),
            "{replaced}"
        );
        assert!(replaced.starts_with("# my settings\ndefault_profile = \"prod\"  # keep\n"), "{replaced}");
        config::parse(&replaced, Path::new("c.toml")).unwrap();
    }
}
