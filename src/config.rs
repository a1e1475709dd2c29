//! Configuration: the config file, profiles, and the precedence of every setting.
//!
//! Precedence, documented once here and in the README: flag > environment > profile > default.
//! The profile is chosen by `--profile` > `$TCPG_PROFILE` > `default_profile` > `"default"`.
//! The config file is `--config` > `$TCPG_CONFIG` > `<config dir>/tcpg/config.toml`; a missing
//! file at the default path is fine, a missing file the user named is an error.
//! Credentials have their own module ([`crate::credentials`]) but are resolved from here; other
//! tools' files ([`crate::foreign`]) come after every tcpg source, and tccli's region only with
//! tccli's keys.
//! This module reads files and a snapshot of the environment; it never touches the network.

use crate::cli::{GlobalArgs, Language, OutputFormat};
use crate::credentials::{self, Lookup};
use crate::error::Error;
use crate::foreign::{self, Foreign};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const ENV_CONFIG: &str = "TCPG_CONFIG";
pub const ENV_PROFILE: &str = "TCPG_PROFILE";
pub const ENV_ENDPOINT: &str = "TCPG_ENDPOINT";
pub const ENV_OUTPUT: &str = "TCPG_OUTPUT";
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";
pub const ENV_CA_BUNDLE: &str = "SSL_CERT_FILE";

/// The API host used when nothing else is configured.
pub const DEFAULT_HOST: &str = "postgres.tencentcloudapi.com";
/// The whole-request timeout used when `--timeout` is not given.
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// Config files larger than this are refused (a config is a few hundred bytes).
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Every environment variable tcpg reads, for the help topic and the README.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("TENCENTCLOUD_SECRET_ID", "SecretId (ignored when a profile is named explicitly and has keys)"),
    ("TENCENTCLOUD_SECRET_KEY", "SecretKey (same rule)"),
    ("TENCENTCLOUD_TOKEN", "session token for temporary credentials (goes with the two above)"),
    ("TENCENTCLOUD_REGION", "region, e.g. ap-guangzhou (after --region)"),
    ("TCPG_PROFILE", "profile name (after --profile)"),
    ("TCPG_CONFIG", "config file path (after --config)"),
    ("TCPG_ENDPOINT", "API host or https:// URL (after --endpoint)"),
    ("TCPG_OUTPUT", "text or json (after --output/--json)"),
    ("SSL_CERT_FILE", "extra trusted root certificates, PEM (after --ca-bundle)"),
    ("HTTPS_PROXY", "proxy for HTTPS requests, e.g. http://proxy:3128 (also https_proxy, ALL_PROXY)"),
    ("NO_PROXY", "hosts that bypass the proxy, comma-separated (also no_proxy)"),
    ("NO_COLOR", "when set and not empty, never colour the output"),
    ("CLICOLOR_FORCE", "when set and not 0, colour the output even when it is not a terminal"),
    ("TCCLI_PROFILE", "tccli profile to read when tcpg has no credentials (after --profile, $TCPG_PROFILE)"),
    ("TENCENTCLOUD_CREDENTIALS_FILE", "the SDKs' credentials file [default: ~/.tencentcloud/credentials]"),
];

/// A snapshot of the environment variables tcpg cares about. Blank values count as unset and
/// values are trimmed.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    pub fn from_process() -> Self {
        Self::from_pairs(ENVIRONMENT.iter().filter_map(|(name, _)| {
            std::env::var_os(name).map(|value| (*name, value.to_string_lossy().into_owned()))
        }))
    }

    pub fn from_pairs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let vars = pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into().trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Env { vars }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(&'static str),
    Env(&'static str),
    File {
        path: PathBuf,
        profile: String,
    },
    /// Another tool's file: tccli's profile files or the SDKs' credentials file.
    Foreign {
        tool: &'static str,
        path: PathBuf,
    },
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Env(var) => write!(f, "${var}"),
            Origin::File { path, profile } => {
                write!(f, "profile \"{profile}\" in {}", path.display())
            }
            Origin::Foreign { tool, path } => write!(f, "{tool} file {}", path.display()),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

/// The config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    /// Warn when this file holds a secret key and is readable by others (Unix). Default true.
    pub check_permissions: Option<bool>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One `[profiles.<name>]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub secret_id: Option<String>,
    pub secret_key: Option<String>,
    pub token: Option<String>,
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub language: Option<String>,
    pub group: Option<String>,
    pub ca_bundle: Option<PathBuf>,
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
}

/// Where the config file is, and why.
#[derive(Debug, Clone)]
pub struct ConfigLocation {
    pub path: Option<PathBuf>,
    pub origin: Origin,
}

/// Find the config file path: `--config` > `$TCPG_CONFIG` > the platform default.
pub fn locate(args: &GlobalArgs, env: &Env) -> ConfigLocation {
    if let Some(path) = &args.config {
        return ConfigLocation { path: Some(path.clone()), origin: Origin::Flag("--config") };
    }
    if let Some(path) = env.get(ENV_CONFIG) {
        return ConfigLocation { path: Some(PathBuf::from(path)), origin: Origin::Env(ENV_CONFIG) };
    }
    ConfigLocation {
        path: dirs::config_dir().map(|dir| dir.join("tcpg").join("config.toml")),
        origin: Origin::Default,
    }
}

/// Read and parse the config file. A missing file is an empty config only at the default path.
pub fn load(location: &ConfigLocation) -> Result<ConfigFile, Error> {
    let Some(path) = &location.path else {
        return Ok(ConfigFile::default());
    };
    match read_small_text(path, "config file")? {
        Some(text) => parse(&text, path),
        None if location.origin == Origin::Default => Ok(ConfigFile::default()),
        None => Err(Error::config_hint(
            format!("config file {} (named by {}) does not exist", path.display(), location.origin),
            "check the path, or unset it to use the default location",
        )),
    }
}

/// Read a small UTF-8 file (a config or credentials file; at most 1 MiB), or `None` when it
/// does not exist. A leading byte-order mark is dropped. Every other problem is a config error
/// naming `what` and the path.
pub fn read_small_text(path: &Path, what: &str) -> Result<Option<String>, Error> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::config(format!("cannot read {what} {}: {e}", path.display()))),
    };
    if meta.is_dir() {
        return Err(Error::config(format!("{what} {} is a directory", path.display())));
    }
    if !meta.is_file() {
        return Err(Error::config(format!("{what} {} is not a regular file", path.display())));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(Error::config(format!(
            "{what} {} is {} bytes; refusing to read more than {MAX_CONFIG_BYTES}",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::config(format!("cannot read {what} {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::config(format!("{what} {} is not valid UTF-8", path.display())))?;
    Ok(Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)))
}

/// Parse config text; errors name the file, the line and the key.
pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, Error> {
    toml::from_str(text).map_err(|e| {
        let (line, key) = match e.span() {
            Some(span) => {
                let start = span.start.min(text.len());
                let line_no = text[..start].matches('\n').count() + 1;
                let line_text = text.lines().nth(line_no - 1).unwrap_or("");
                let key = line_text.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string());
                (Some(line_no), key.filter(|k| !k.is_empty() && !k.starts_with('[')))
            }
            None => (None, None),
        };
        let mut message = format!("invalid config file {}", path.display());
        if let Some(line) = line {
            message.push_str(&format!(", line {line}"));
        }
        if let Some(key) = &key {
            message.push_str(&format!(", key `{key}`"));
        }
        message.push_str(": ");
        message.push_str(&scrub_toml_message(e.message()));
        let hint = if e.message().starts_with("unknown field") {
            "check the spelling of the key; the README lists every key a profile may have"
        } else {
            "see the README for the config file format"
        };
        Error::config_hint(message, hint)
    })
}

/// toml's "invalid type" messages quote the offending value, which may be a secret typed
/// wrongly (`secret_key = 1234`). Keep the type, drop the value.
fn scrub_toml_message(message: &str) -> String {
    let message = message.trim();
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let mut out = String::new();
        let mut in_quote = false;
        for c in message.chars() {
            if c == '`' {
                in_quote = !in_quote;
                continue;
            }
            if !in_quote {
                out.push(c);
            }
        }
        return out.replace(" ,", ",").replace("  ", " ");
    }
    message.to_string()
}

/// The API endpoint: scheme and authority (host, and port when not the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub https: bool,
    /// The value of the Host header: `host` or `host:port`.
    pub authority: String,
}

impl Endpoint {
    pub fn url(&self) -> String {
        format!("{}://{}/", if self.https { "https" } else { "http" }, self.authority)
    }

    /// Parse `--endpoint`: a host (`postgres.tencentcloudapi.com`, `host:port`) or a URL
    /// (`https://host[:port][/]`). `http://` is accepted only for loopback hosts.
    pub fn parse(input: &str) -> Result<Endpoint, String> {
        let input = input.trim();
        let (https, rest) = match input.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (true, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (false, rest),
            Some((scheme, _)) => return Err(format!("unsupported scheme `{scheme}`: use https://")),
            None => (true, input),
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['/', '?', '#', '@']) || authority.is_empty() {
            return Err("expected a host, host:port or https://host[:port] with no path".into());
        }
        let (host, port) = split_authority(authority)?;
        let default_port = if https { 443 } else { 80 };
        if !https && !is_loopback(&host) {
            return Err(format!(
                "http:// is only allowed for loopback addresses, not `{host}`: a signed request must not cross a network in clear text"
            ));
        }
        let authority = match port {
            Some(p) if p != default_port => format!("{host}:{p}"),
            _ => host,
        };
        Ok(Endpoint { https, authority })
    }
}

fn split_authority(authority: &str) -> Result<(String, Option<u16>), String> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or("unclosed `[` in IPv6 address")?;
        if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(format!("`[{inside}]` is not an IPv6 address"));
        }
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(format!("unexpected `{after}` after the IPv6 address")),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    if !host.starts_with('[')
        && (host.is_empty()
            || host.starts_with(['-', '.'])
            || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(format!("`{host}` is not a valid host name"));
    }
    let port = match port {
        Some(p) => Some(
            p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(|| format!("`{p}` is not a valid port"))?,
        ),
        None => None,
    };
    Ok((host, port))
}

fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<std::net::IpAddr>().map(|ip| ip.is_loopback()).unwrap_or(false)
}

pub fn valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 64
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Everything `tcpg rebalance` needs, resolved, with origins.
#[derive(Debug)]
pub struct Settings {
    pub config: ConfigLocation,
    pub profile: Sourced<String>,
    pub region: Option<Sourced<String>>,
    pub endpoint: Sourced<Endpoint>,
    pub language: Option<Sourced<Language>>,
    pub timeout: Sourced<Duration>,
    pub group: Option<Sourced<String>>,
    pub aliases: BTreeMap<String, String>,
    pub credentials: Lookup,
    pub retries: Sourced<u32>,
    pub ca_bundle: Option<Sourced<PathBuf>>,
    /// Set when the credentials come from a config file that others can read.
    pub permission_warning: Option<String>,
}

/// The output format: `--output`/`--json` > `$TCPG_OUTPUT` > text. Resolved first of all, so that
/// even a configuration error is reported in the requested format.
pub fn output_format(args: &GlobalArgs, env: &Env) -> Result<Sourced<OutputFormat>, Error> {
    let sourced = |value, origin| Ok(Sourced { value, origin });
    if args.json {
        return sourced(OutputFormat::Json, Origin::Flag("--json"));
    }
    if let Some(format) = args.output {
        return sourced(format, Origin::Flag("--output"));
    }
    match env.get(ENV_OUTPUT) {
        None => sourced(OutputFormat::Text, Origin::Default),
        Some(v) if v.eq_ignore_ascii_case("json") => sourced(OutputFormat::Json, Origin::Env(ENV_OUTPUT)),
        Some(v) if v.eq_ignore_ascii_case("text") => sourced(OutputFormat::Text, Origin::Env(ENV_OUTPUT)),
        Some(v) => Err(Error::usage(format!("${ENV_OUTPUT} is `{v}`; expected `text` or `json`"))),
    }
}

/// Resolve every setting. Reads the config file; no network.
pub fn resolve(args: &GlobalArgs, env: &Env) -> Result<Settings, Error> {
    let location = locate(args, env);
    let file = load(&location)?;
    let file_origin = |profile: &str| Origin::File {
        path: location.path.clone().unwrap_or_default(),
        profile: profile.to_string(),
    };

    let profile_name = if let Some(p) = &args.profile {
        Sourced { value: p.clone(), origin: Origin::Flag("--profile") }
    } else if let Some(p) = env.get(ENV_PROFILE) {
        Sourced { value: p.to_string(), origin: Origin::Env(ENV_PROFILE) }
    } else if let Some(p) = &file.default_profile {
        Sourced {
            value: p.clone(),
            origin: Origin::File { path: location.path.clone().unwrap_or_default(), profile: p.clone() },
        }
    } else {
        Sourced { value: "default".to_string(), origin: Origin::Default }
    };
    let explicit = matches!(profile_name.origin, Origin::Flag(_) | Origin::Env(_));
    let profile = file.profiles.get(&profile_name.value);
    let foreign = Foreign::new(env, explicit.then_some(profile_name.value.as_str()), dirs::home_dir());
    // A name tcpg's config lacks is a typo, unless it names a tccli profile (see crate::foreign).
    if profile.is_none()
        && profile_name.origin != Origin::Default
        && !(explicit && foreign.tccli_profile_exists())
    {
        let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        let listing = if known.is_empty() {
            "the config file defines no profiles".to_string()
        } else {
            format!("profiles defined: {}", known.join(", "))
        };
        let named_by = match &profile_name.origin {
            Origin::File { .. } => "default_profile".to_string(),
            other => other.to_string(),
        };
        let listing = match (explicit, foreign.tccli_credential_path()) {
            (true, Some(path)) => format!("{listing}; no tccli profile {} either", path.display()),
            _ => listing,
        };
        return Err(Error::config_hint(
            format!(
                "unknown profile \"{}\" (named by {named_by}) in {}",
                profile_name.value,
                location
                    .path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "no config file".into())
            ),
            listing,
        ));
    }
    let pname = profile_name.value.as_str();

    let region = pick(
        args.region.as_deref().map(|v| (v, Origin::Flag("--region"))),
        env.get(ENV_REGION).map(|v| (v, Origin::Env(ENV_REGION))),
        profile.and_then(|p| p.region.as_deref()).map(|v| (v, file_origin(pname))),
    );
    let region = match region {
        Some((value, origin)) if valid_region(&value) => Some(Sourced { value, origin }),
        Some((value, origin)) => {
            return Err(invalid_setting(
                &origin,
                format!("region `{value}` is not a region name (e.g. ap-guangzhou)"),
            ))
        }
        None => None,
    };

    let endpoint = match pick(
        args.endpoint.as_deref().map(|v| (v, Origin::Flag("--endpoint"))),
        env.get(ENV_ENDPOINT).map(|v| (v, Origin::Env(ENV_ENDPOINT))),
        profile.and_then(|p| p.endpoint.as_deref()).map(|v| (v, file_origin(pname))),
    ) {
        Some((value, origin)) => match Endpoint::parse(&value) {
            Ok(endpoint) => Sourced { value: endpoint, origin },
            Err(why) => return Err(invalid_setting(&origin, format!("endpoint `{value}`: {why}"))),
        },
        None => Sourced {
            value: Endpoint { https: true, authority: DEFAULT_HOST.to_string() },
            origin: Origin::Default,
        },
    };

    let language = if let Some(lang) = args.language {
        Some(Sourced { value: lang, origin: Origin::Flag("--language") })
    } else if let Some(value) =
        profile.and_then(|p| p.language.as_deref()).map(str::trim).filter(|v| !v.is_empty())
    {
        match Language::parse(value) {
            Some(lang) => Some(Sourced { value: lang, origin: file_origin(pname) }),
            None => {
                return Err(invalid_setting(
                    &file_origin(pname),
                    format!("language `{value}` is not supported; use en-US or zh-CN"),
                ))
            }
        }
    } else {
        None
    };

    let timeout = match args.timeout {
        Some(secs) => Sourced { value: Duration::from_secs_f64(secs), origin: Origin::Flag("--timeout") },
        None => Sourced { value: Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS), origin: Origin::Default },
    };
    let retries = match args.retries {
        Some(n) => Sourced { value: n, origin: Origin::Flag("--retries") },
        None => Sourced { value: crate::retry::DEFAULT_RETRIES, origin: Origin::Default },
    };

    let group = profile
        .and_then(|p| p.group.as_deref())
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(|g| Sourced { value: g.to_string(), origin: file_origin(pname) });
    let aliases = profile.map(|p| p.groups.clone()).unwrap_or_default();

    let credentials =
        credentials::resolve(env, pname, profile, explicit, location.path.as_deref(), &foreign)?;
    // tccli's region goes with tccli's keys, never with keys from elsewhere.
    let region = match (region, &credentials) {
        (None, Lookup::Found(c)) if matches!(c.origin, Origin::Foreign { tool: foreign::TCCLI, .. }) => {
            match foreign.tccli_region()? {
                Some(r) if valid_region(&r.value) => Some(r),
                Some(r) => {
                    return Err(invalid_setting(
                        &r.origin,
                        format!("region `{}` is not a region name (e.g. ap-guangzhou)", r.value),
                    ))
                }
                None => None,
            }
        }
        (region, _) => region,
    };

    let ca_bundle = if let Some(path) = &args.ca_bundle {
        Some(Sourced { value: path.clone(), origin: Origin::Flag("--ca-bundle") })
    } else if let Some(path) = env.get(ENV_CA_BUNDLE) {
        Some(Sourced { value: PathBuf::from(path), origin: Origin::Env(ENV_CA_BUNDLE) })
    } else {
        profile
            .and_then(|p| p.ca_bundle.clone())
            .filter(|p| !p.as_os_str().is_empty())
            .map(|value| Sourced { value, origin: file_origin(pname) })
    };

    let permission_warning = match (&credentials, &location.path) {
        (Lookup::Found(creds), Some(path))
            if matches!(creds.origin, Origin::File { .. }) && file.check_permissions != Some(false) =>
        {
            loose_permissions(path).map(|mode| {
                format!(
                    "{} holds a secret key and is readable by others (mode {mode:03o}); run `chmod 600 {}` \
                     (or set check_permissions = false in it to silence this)",
                    path.display(),
                    path.display()
                )
            })
        }
        _ => None,
    };

    Ok(Settings {
        config: location,
        profile: profile_name,
        region,
        endpoint,
        language,
        timeout,
        group,
        aliases,
        credentials,
        retries,
        ca_bundle,
        permission_warning,
    })
}

/// The file's permission bits when group or others may read or write it (Unix only).
#[cfg(unix)]
fn loose_permissions(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_permissions(_path: &Path) -> Option<u32> {
    None
}

/// The first present value of flag, environment and profile, trimmed; blank counts as unset.
fn pick(
    flag: Option<(&str, Origin)>,
    env: Option<(&str, Origin)>,
    file: Option<(&str, Origin)>,
) -> Option<(String, Origin)> {
    [flag, env, file]
        .into_iter()
        .flatten()
        .map(|(v, o)| (v.trim().to_string(), o))
        .find(|(v, _)| !v.is_empty())
}

/// A bad value is a usage error when typed on the command line, a config error otherwise.
fn invalid_setting(origin: &Origin, message: String) -> Error {
    let message = format!("{message} (from {origin})");
    match origin {
        Origin::Flag(_) => Error::usage(message),
        _ => Error::config(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let ok = |s: &str| Endpoint::parse(s).unwrap();
        assert_eq!(ok("postgres.tencentcloudapi.com").url(), "https://postgres.tencentcloudapi.com/");
        assert_eq!(
            ok("https://Postgres.Intl.TencentCloudAPI.com/").authority,
            "postgres.intl.tencentcloudapi.com"
        );
        assert_eq!(ok("https://h.example:443").authority, "h.example");
        assert_eq!(ok("https://h.example:8443").authority, "h.example:8443");
        assert_eq!(ok("http://127.0.0.1:8080").url(), "http://127.0.0.1:8080/");
        assert_eq!(ok("http://localhost:1").authority, "localhost:1");
        assert_eq!(ok("http://[::1]:9").authority, "[::1]:9");
        for bad in [
            "http://postgres.tencentcloudapi.com",
            "http://10.0.0.1:80",
            "ftp://x",
            "https://h/path",
            "https://user@h",
            "h:0",
            "h:99999",
            "",
            "bad host",
            "https://[zz]:1",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn toml_errors_name_line_and_key_and_hide_values() {
        let text = "[profiles.p]\nsecret_id = \"AKID\"\nsecret_key = 1234567\n";
        let err = parse(text, Path::new("/x/config.toml")).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("secret_key"), "{err}");
        assert!(!err.contains("1234567"), "{err}");

        let err = parse("[profiles.p]\nsecrt_key = \"x\"\n", Path::new("c.toml")).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("secrt_key"), "{err}");
    }

    #[test]
    fn regions() {
        assert!(valid_region("ap-guangzhou"));
        assert!(valid_region("ap-shanghai-fsi"));
        assert!(!valid_region("AP-Guangzhou"));
        assert!(!valid_region("ap guangzhou"));
        assert!(!valid_region(""));
    }
}
