//! Zero setup for existing Tencent Cloud users: keys from other tools' files.
//!
//! Two places, read in this order and only after every tcpg source came up empty (the full
//! order is in [`crate::credentials::resolve`]):
//! 1. tccli's profile files, `~/.tccli/<profile>.credential` (JSON: `secretId`, `secretKey`,
//!    `token`) and `<profile>.configure` (JSON: `_sys_param.region`). The profile name is
//!    `--profile` > `$TCPG_PROFILE` > `$TCCLI_PROFILE` > `default`.
//! 2. the official SDKs' shared file, `$TENCENTCLOUD_CREDENTIALS_FILE` or
//!    `~/.tencentcloud/credentials` (INI, section `[default]`, `secret_id`, `secret_key`).
//!
//! This module only reads those files: it never writes them (tccli and the SDKs own them) and
//! never runs tccli. tccli's dynamic credential types (`cvm-role`, `oauth`, `sso`) and role
//! assumption (`role-arn`) are refused with an error that names the file, never half-used: the
//! long-term keys of a role profile would act as a different identity than tccli does.

use crate::config::{Env, Origin, Sourced};
use crate::credentials::{Credentials, Secret};
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const ENV_TCCLI_PROFILE: &str = "TCCLI_PROFILE";
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";

/// The `tool` of an [`Origin::Foreign`] for tccli's files.
pub const TCCLI: &str = "tccli";
/// The `tool` of an [`Origin::Foreign`] for the SDKs' credentials file.
pub const SDK: &str = "SDK credentials";

/// The tccli credential types that carry no static keys.
const DYNAMIC_TYPES: &[&str] = &["cvm-role", "oauth", "sso"];

/// Where the other tools' files are for this run.
#[derive(Debug, Clone, Default)]
pub struct Foreign {
    /// `~/.tccli`, when there is a home directory and the profile name is usable in a path.
    tccli_dir: Option<PathBuf>,
    tccli_profile: String,
    /// The SDK file and whether `$TENCENTCLOUD_CREDENTIALS_FILE` named it.
    sdk_file: Option<(PathBuf, bool)>,
}

impl Foreign {
    /// Look nowhere (unit tests of the tcpg-only rules).
    pub fn none() -> Foreign {
        Foreign::default()
    }

    /// `explicit_profile`: the name given by `--profile` or `$TCPG_PROFILE`, if any.
    pub fn new(env: &Env, explicit_profile: Option<&str>, home: Option<PathBuf>) -> Foreign {
        let tccli_profile =
            explicit_profile.or_else(|| env.get(ENV_TCCLI_PROFILE)).unwrap_or("default").trim().to_string();
        let tccli_dir = match &home {
            Some(home) if valid_profile_name(&tccli_profile) => Some(home.join(".tccli")),
            _ => None,
        };
        let sdk_file = match env.get(ENV_CREDENTIALS_FILE) {
            Some(path) => Some((PathBuf::from(path), true)),
            None => home.map(|h| (h.join(".tencentcloud").join("credentials"), false)),
        };
        Foreign { tccli_dir, tccli_profile, sdk_file }
    }

    /// The tccli profile name in use.
    pub fn tccli_profile(&self) -> &str {
        &self.tccli_profile
    }

    /// `~/.tccli/<profile>.credential`.
    pub fn tccli_credential_path(&self) -> Option<PathBuf> {
        self.tccli_dir.as_ref().map(|d| d.join(format!("{}.credential", self.tccli_profile)))
    }

    /// `~/.tccli/<profile>.configure`.
    pub fn tccli_configure_path(&self) -> Option<PathBuf> {
        self.tccli_dir.as_ref().map(|d| d.join(format!("{}.configure", self.tccli_profile)))
    }

    /// Whether tccli has a credential file for the profile name.
    pub fn tccli_profile_exists(&self) -> bool {
        self.tccli_credential_path().is_some_and(|p| p.is_file())
    }

    /// Static keys from `~/.tccli/<profile>.credential`; `None` when the file is missing or has
    /// no keys. Dynamic types and role profiles are a config error naming the file.
    pub fn tccli_credentials(&self) -> Result<Option<Credentials>, Error> {
        let Some(path) = self.tccli_credential_path() else { return Ok(None) };
        let Some(text) = crate::config::read_small_text(&path, "tccli credential file")? else {
            return Ok(None);
        };
        parse_tccli_credential(&text, &path)
    }

    /// `_sys_param.region` from `~/.tccli/<profile>.configure`, if set.
    pub fn tccli_region(&self) -> Result<Option<Sourced<String>>, Error> {
        let Some(path) = self.tccli_configure_path() else { return Ok(None) };
        let Some(text) = crate::config::read_small_text(&path, "tccli configure file")? else {
            return Ok(None);
        };
        let json = parse_json_object(&text, &path, "tccli configure file")?;
        let region = json
            .get("_sys_param")
            .and_then(|p| p.get("region"))
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|r| !r.is_empty());
        Ok(region.map(|r| Sourced { value: r.to_string(), origin: Origin::Foreign { tool: TCCLI, path } }))
    }

    /// `secret_id` and `secret_key` from the `[default]` section of the SDKs' file. A file named
    /// by `$TENCENTCLOUD_CREDENTIALS_FILE` must exist; the default one may be missing.
    pub fn sdk_credentials(&self) -> Result<Option<Credentials>, Error> {
        let Some((path, named)) = &self.sdk_file else { return Ok(None) };
        let text = match crate::config::read_small_text(path, "SDK credentials file")? {
            Some(text) => text,
            None if *named => {
                return Err(Error::config_hint(
                    format!(
                        "SDK credentials file {} (named by ${ENV_CREDENTIALS_FILE}) does not exist",
                        path.display()
                    ),
                    format!("check the path, or unset {ENV_CREDENTIALS_FILE}"),
                ))
            }
            None => return Ok(None),
        };
        parse_sdk_file(&text, path)
    }

    /// The "looked in" lines for a failed credential lookup.
    pub fn looked(&self) -> Vec<String> {
        let mut looked = Vec::new();
        match self.tccli_credential_path() {
            Some(path) if path.exists() => {
                looked.push(format!("tccli profile \"{}\": {} (no keys)", self.tccli_profile, path.display()))
            }
            Some(path) => looked.push(format!(
                "tccli profile \"{}\": {} (no such file)",
                self.tccli_profile,
                path.display()
            )),
            None if !valid_profile_name(&self.tccli_profile) => looked.push(format!(
                "no tccli profile: \"{}\" is not a usable tccli profile name",
                self.tccli_profile
            )),
            None => {}
        }
        match &self.sdk_file {
            Some((path, _)) if path.exists() => {
                looked.push(format!("[default] secret_id and secret_key in {}", path.display()))
            }
            Some((path, _)) => looked.push(format!("{} (no such file)", path.display())),
            None => {}
        }
        looked
    }
}

/// A tccli profile name becomes part of a file name: letters, digits, `-`, `_`, `.`, and no
/// leading dot.
fn valid_profile_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn parse_json_object(
    text: &str,
    path: &Path,
    what: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    // serde_json's syntax errors give a line and column, never the text around them.
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::config(format!("{what} {} is not a JSON object", path.display()))),
        Err(e) => Err(Error::config(format!("{what} {} is not valid JSON: {e}", path.display()))),
    }
}

fn parse_tccli_credential(text: &str, path: &Path) -> Result<Option<Credentials>, Error> {
    let json = parse_json_object(text, path, "tccli credential file")?;
    let field = |name: &str| {
        json.get(name).and_then(serde_json::Value::as_str).map(str::trim).filter(|v| !v.is_empty())
    };
    let unsupported_hint = "tcpg reads only static keys (secretId, secretKey, token) from tccli; set \
                            TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or run `tcpg config init`";
    if let Some(kind) = field("type") {
        let what = if DYNAMIC_TYPES.contains(&kind) {
            format!("tccli's dynamic credential type \"{kind}\"")
        } else {
            format!("an unknown tccli credential type \"{kind}\"")
        };
        return Err(Error::config_hint(
            format!("{} uses {what}, which tcpg does not support", path.display()),
            unsupported_hint,
        ));
    }
    if field("role-arn").is_some() {
        return Err(Error::config_hint(
            format!(
                "{} names a role (role-arn) for tccli to assume; tcpg does not assume roles, and using the \
                 keys directly would act as a different identity",
                path.display()
            ),
            unsupported_hint,
        ));
    }
    let origin = Origin::Foreign { tool: TCCLI, path: path.to_path_buf() };
    match (field("secretId"), field("secretKey")) {
        (Some(id), Some(key)) => Ok(Some(Credentials {
            secret_id: id.to_string(),
            secret_key: Secret::new(key),
            token: field("token").map(Secret::new),
            origin,
        })),
        (Some(_), None) => Err(Error::config(format!("{} has secretId but no secretKey", path.display()))),
        (None, Some(_)) => Err(Error::config(format!("{} has secretKey but no secretId", path.display()))),
        (None, None) => Ok(None),
    }
}

fn parse_sdk_file(text: &str, path: &Path) -> Result<Option<Credentials>, Error> {
    let section = ini_section(text, "default");
    let get = |key: &str| section.get(key).map(String::as_str).filter(|v| !v.is_empty());
    match (get("secret_id"), get("secret_key")) {
        (Some(id), Some(key)) => Ok(Some(Credentials {
            secret_id: id.to_string(),
            secret_key: Secret::new(key),
            token: None,
            origin: Origin::Foreign { tool: SDK, path: path.to_path_buf() },
        })),
        (Some(_), None) => {
            Err(Error::config(format!("{} has secret_id but no secret_key in [default]", path.display())))
        }
        (None, Some(_)) => {
            Err(Error::config(format!("{} has secret_key but no secret_id in [default]", path.display())))
        }
        (None, None) => Ok(None),
    }
}

/// The keys of one INI section, lower-cased, values trimmed and unquoted. `#` and `;` start a
/// comment line; `=` or `:` separates key and value (as Python's configparser reads it).
fn ini_section(text: &str, wanted: &str) -> BTreeMap<String, String> {
    let mut current: Option<String> = None;
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim().to_string());
            continue;
        }
        if current.as_deref() != Some(wanted) {
            continue;
        }
        let Some(at) = line.find(['=', ':']) else { continue };
        let key = line[..at].trim().to_ascii_lowercase();
        let value = line[at + 1..].trim();
        let value = [('"', '"'), ('\'', '\'')]
            .iter()
            .find_map(|(l, r)| value.strip_prefix(*l).and_then(|v| v.strip_suffix(*r)))
            .unwrap_or(value);
        out.insert(key, value.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_reads_only_the_default_section() {
        let text = "\u{feff}# comment\n[other]\nsecret_id = nope\n[default]\n; c\nSecret_Id = AKIDx \n\
                    secret_key: \"k=1\"\n[default.x]\nsecret_id = later\n";
        let s = ini_section(text.trim_start_matches('\u{feff}'), "default");
        assert_eq!(s.get("secret_id").map(String::as_str), Some("AKIDx"));
        assert_eq!(s.get("secret_key").map(String::as_str), Some("k=1"));
    }

    #[test]
    fn tccli_profile_name_precedence_and_safety() {
        let env = Env::from_pairs([(ENV_TCCLI_PROFILE, "ops")]);
        let home = Some(PathBuf::from("/h"));
        assert_eq!(Foreign::new(&env, Some("mine"), home.clone()).tccli_profile(), "mine");
        assert_eq!(Foreign::new(&env, None, home.clone()).tccli_profile(), "ops");
        let f = Foreign::new(&Env::default(), None, home.clone());
        assert_eq!(f.tccli_credential_path(), Some(PathBuf::from("/h/.tccli/default.credential")));
        for bad in ["../x", ".hidden", "a/b", ""] {
            assert_eq!(Foreign::new(&env, Some(bad), home.clone()).tccli_credential_path(), None, "{bad}");
        }
    }

    #[test]
    fn tccli_types_and_roles_are_refused_and_keys_are_read() {
        let p = Path::new("/h/.tccli/default.credential");
        for kind in ["cvm-role", "oauth", "sso", "whatever"] {
            let err = parse_tccli_credential(
                &format!(r#"{{"type":"{kind}","secretId":"AKIDx","secretKey":"k"}}"#),
                p,
            )
            .unwrap_err();
            assert_eq!(err.exit_code(), 3);
            assert!(
                err.to_string().contains(kind) && err.to_string().contains("default.credential"),
                "{err}"
            );
        }
        let err = parse_tccli_credential(
            r#"{"secretId":"AKIDx","secretKey":"k","role-arn":"qcs::cam::uin/1:roleName/r","role-session-name":"s"}"#,
            p,
        )
        .unwrap_err();
        assert!(err.to_string().contains("role-arn"), "{err}");
        let creds = parse_tccli_credential(
            r#"{"secretId":" AKIDx ","secretKey":"k","token":"","role-arn":"","role-session-name":""}"#,
            p,
        )
        .unwrap()
        .unwrap();
        assert_eq!((creds.secret_id.as_str(), creds.secret_key.expose()), ("AKIDx", "k"));
        assert!(creds.token.is_none());
        assert!(parse_tccli_credential(r#"{"secretId":"","secretKey":""}"#, p).unwrap().is_none());
        assert!(parse_tccli_credential("[1]", p).is_err());
        let err = parse_tccli_credential(r#"{"secretId": "AKIDx", "secretKey": tcpgSECRET}"#, p).unwrap_err();
        assert!(!err.to_string().contains("tcpgSECRET"), "{err}");
    }
}
