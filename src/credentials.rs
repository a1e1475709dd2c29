//! Credentials: the secret type and where the keys come from.
//!
//! [`Secret`] is the only way a secret key or session token is held. Its `Debug` is redacted
//! and it has no `Display`; the one way out is [`Secret::expose`], called when signing and when
//! setting the `X-TC-Token` header. [`resolve`] applies the credential precedence rules (flag-less:
//! environment vs. profile, with tccli's "an explicitly named profile wins" exception) and
//! reports every place it looked when it finds nothing.

use crate::config::{Env, Origin, Profile};
use crate::error::Error;
use crate::foreign::Foreign;
use std::fmt;
use std::path::Path;

pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";

/// A secret string. Redacted in `Debug`, absent from `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Call only where the value is needed to sign or send.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Mask a SecretId for display: `AKID****abcd`. Short values are fully masked.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 12 {
        return "****".to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// A usable set of credentials and where they came from.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub secret_id: String,
    pub secret_key: Secret,
    pub token: Option<Secret>,
    pub origin: Origin,
}

/// The outcome of looking for credentials.
#[derive(Debug)]
pub enum Lookup {
    Found(Credentials),
    /// Nothing anywhere; the strings name every place tcpg looked.
    Missing {
        looked: Vec<String>,
    },
}

/// Find the credentials to use.
///
/// * `profile`: the selected profile, if the config file has it.
/// * `profile_explicit`: the profile was named by `--profile` or `$TCPG_PROFILE`; then its
///   credentials win over the `TENCENTCLOUD_*` variables (tccli's rule), wherever the profile
///   is defined: tcpg's config first, else tccli's file of that name.
/// * `foreign`: other tools' files, read only when tcpg's own sources hold no keys.
///
/// Order: (explicit profile: tcpg's, then tccli's) > environment > tcpg profile > tccli profile
/// > SDK credentials file.
pub fn resolve(
    env: &Env,
    profile_name: &str,
    profile: Option<&Profile>,
    profile_explicit: bool,
    config_path: Option<&Path>,
    foreign: &Foreign,
) -> Result<Lookup, Error> {
    let file_origin = || Origin::File {
        path: config_path.map(Path::to_path_buf).unwrap_or_default(),
        profile: profile_name.to_string(),
    };
    let from_profile = match profile {
        Some(p) => from_profile(p, profile_name, config_path)?.map(|(id, key, token)| Credentials {
            secret_id: id,
            secret_key: key,
            token,
            origin: file_origin(),
        }),
        None => None,
    };
    if profile_explicit {
        if let Some(creds) = from_profile {
            return Ok(Lookup::Found(creds));
        }
        if let Some(creds) = foreign.tccli_credentials()? {
            return Ok(Lookup::Found(creds));
        }
    }
    if let Some(creds) = from_env(env)? {
        return Ok(Lookup::Found(creds));
    }
    if let Some(creds) = from_profile {
        return Ok(Lookup::Found(creds));
    }
    if !profile_explicit {
        if let Some(creds) = foreign.tccli_credentials()? {
            return Ok(Lookup::Found(creds));
        }
    }
    if let Some(creds) = foreign.sdk_credentials()? {
        return Ok(Lookup::Found(creds));
    }
    let mut looked = vec![format!("environment variables {ENV_SECRET_ID} and {ENV_SECRET_KEY}")];
    match config_path {
        Some(path) if profile.is_some() => looked
            .push(format!("secret_id and secret_key in profile \"{profile_name}\" of {}", path.display())),
        Some(path) if path.exists() => looked
            .push(format!("profile \"{profile_name}\" in {} (the file has no such profile)", path.display())),
        Some(path) => looked.push(format!("{} (no such file)", path.display())),
        None => looked.push("no config file: the system has no config directory".to_string()),
    }
    looked.extend(foreign.looked());
    Ok(Lookup::Missing { looked })
}

fn from_env(env: &Env) -> Result<Option<Credentials>, Error> {
    match (env.get(ENV_SECRET_ID), env.get(ENV_SECRET_KEY)) {
        (Some(id), Some(key)) => Ok(Some(Credentials {
            secret_id: id.to_string(),
            secret_key: Secret::new(key),
            token: env.get(ENV_TOKEN).map(Secret::new),
            origin: Origin::Env(ENV_SECRET_ID),
        })),
        (Some(_), None) => Err(Error::config_hint(
            format!("{ENV_SECRET_ID} is set but {ENV_SECRET_KEY} is not"),
            format!("set both, or unset {ENV_SECRET_ID} to use the config file"),
        )),
        (None, Some(_)) => Err(Error::config_hint(
            format!("{ENV_SECRET_KEY} is set but {ENV_SECRET_ID} is not"),
            format!("set both, or unset {ENV_SECRET_KEY} to use the config file"),
        )),
        (None, None) => Ok(None),
    }
}

type Keys = (String, Secret, Option<Secret>);

fn from_profile(profile: &Profile, name: &str, path: Option<&Path>) -> Result<Option<Keys>, Error> {
    let trimmed =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let id = trimmed(&profile.secret_id);
    let key = trimmed(&profile.secret_key);
    let token = trimmed(&profile.token);
    let where_ = || match path {
        Some(p) => format!("profile \"{name}\" in {}", p.display()),
        None => format!("profile \"{name}\""),
    };
    match (id, key) {
        (Some(id), Some(key)) => Ok(Some((id, Secret::new(key), token.map(Secret::new)))),
        (Some(_), None) => Err(Error::config(format!("{} has secret_id but no secret_key", where_()))),
        (None, Some(_)) => Err(Error::config(format!("{} has secret_key but no secret_id", where_()))),
        (None, None) if token.is_some() => {
            Err(Error::config(format!("{} has a token but no secret_id and secret_key", where_())))
        }
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_credentials_is_redacted() {
        let creds = Credentials {
            secret_id: "AKIDexample0000000001".into(),
            secret_key: Secret::new("very-secret-key"),
            token: Some(Secret::new("very-secret-token")),
            origin: Origin::Default,
        };
        let debug = format!("{creds:?}");
        assert!(!debug.contains("very-secret"), "{debug}");
        assert!(debug.contains("Secret(<redacted>)"));
    }

    #[test]
    fn mask_keeps_only_the_ends() {
        assert_eq!(mask_id("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"), "AKID****MPLE");
        assert_eq!(mask_id("short"), "****");
    }

    #[test]
    fn env_wins_unless_profile_is_explicit() {
        let env = Env::from_pairs([(ENV_SECRET_ID, "AKIDfromenv00000"), (ENV_SECRET_KEY, "k1")]);
        let profile = Profile {
            secret_id: Some("AKIDfromfile0000".into()),
            secret_key: Some("k2".into()),
            ..Profile::default()
        };
        let pick =
            |explicit| match resolve(&env, "p", Some(&profile), explicit, None, &Foreign::none()).unwrap() {
                Lookup::Found(c) => c.secret_id,
                Lookup::Missing { .. } => panic!("missing"),
            };
        assert_eq!(pick(false), "AKIDfromenv00000");
        assert_eq!(pick(true), "AKIDfromfile0000");
    }

    #[test]
    fn blank_env_counts_as_unset_and_values_are_trimmed() {
        let env = Env::from_pairs([(ENV_SECRET_ID, "  "), (ENV_SECRET_KEY, "")]);
        assert!(matches!(
            resolve(&env, "default", None, false, None, &Foreign::none()).unwrap(),
            Lookup::Missing { .. }
        ));
        let env = Env::from_pairs([(ENV_SECRET_ID, " AKIDx "), (ENV_SECRET_KEY, " k ")]);
        match resolve(&env, "default", None, false, None, &Foreign::none()).unwrap() {
            Lookup::Found(c) => {
                assert_eq!(c.secret_id, "AKIDx");
                assert_eq!(c.secret_key.expose(), "k");
            }
            Lookup::Missing { .. } => panic!("missing"),
        }
    }
}
