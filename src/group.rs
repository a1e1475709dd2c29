//! RO group IDs: alias lookup and validation, before anything is sent.
//!
//! A group ID is `pgrogrp-` followed by lowercase letters and digits (eight today). Anything
//! else is refused with a message that shows the expected form, and a specific hint for the
//! usual mistakes: an instance ID where a group ID belongs, quotes copied from the API page's
//! own example, upper case, stray whitespace inside.

use crate::error::Error;
use std::collections::BTreeMap;

pub const PREFIX: &str = "pgrogrp-";
const MAX_SUFFIX: usize = 32;

/// Resolve an alias (if `input` names one) and validate the resulting ID.
pub fn resolve(input: &str, aliases: &BTreeMap<String, String>) -> Result<String, Error> {
    let input = input.trim();
    if let Some(id) = aliases.get(input) {
        return validate(id).map_err(|e| match e {
            Error::Usage { message, hint } => {
                Error::Config { message: format!("alias `{input}` in the config file: {message}"), hint }
            }
            other => other,
        });
    }
    validate(input).map_err(|e| match e {
        Error::Usage { message, hint } if hint.is_none() && !aliases.is_empty() => {
            let names: Vec<&str> = aliases.keys().map(String::as_str).collect();
            Error::Usage { message, hint: Some(format!("aliases in this profile: {}", names.join(", "))) }
        }
        other => other,
    })
}

/// Check that `id` is an RO group ID.
pub fn validate(id: &str) -> Result<String, Error> {
    let id = id.trim();
    let expected =
        "expected an RO group ID like pgrogrp-e0tfm161 (pgrogrp- then lowercase letters and digits)";
    if let Some(suffix) = id.strip_prefix(PREFIX) {
        if !suffix.is_empty()
            && suffix.len() <= MAX_SUFFIX
            && suffix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Ok(id.to_string());
        }
    }
    let shown = shorten(id);
    let stripped = id.trim_matches(|c| c == '"' || c == '\'' || c == '\\');
    let hint = if id.is_empty() {
        Some("pass --group pgrogrp-xxxxxxxx, or set `group` in the profile".to_string())
    } else if stripped != id && validate_plain(stripped) {
        Some(format!("remove the quotes: use {stripped} (the API page's example shows the ID wrapped in quotes; never send them)"))
    } else if id.starts_with("postgres-") || id.starts_with("pgro-") {
        Some("that is an instance ID; a read-only group ID starts with pgrogrp- (see the console's RO group list)".to_string())
    } else if validate_plain(&id.to_ascii_lowercase()) {
        Some(format!("group IDs are lowercase: {}", id.to_ascii_lowercase()))
    } else {
        None
    };
    let message = if id.is_empty() {
        "no RO group given".to_string()
    } else {
        format!("`{shown}` is not an RO group ID; {expected}")
    };
    Err(Error::Usage { message, hint })
}

fn validate_plain(id: &str) -> bool {
    id.strip_prefix(PREFIX).is_some_and(|s| {
        !s.is_empty()
            && s.len() <= MAX_SUFFIX
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// Show user input safely: at most 64 characters, control characters escaped.
fn shorten(input: &str) -> String {
    let mut out: String = input
        .chars()
        .take(64)
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    if input.chars().count() > 64 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint_of(id: &str) -> String {
        match validate(id) {
            Err(Error::Usage { hint, .. }) => hint.unwrap_or_default(),
            other => panic!("{id}: {other:?}"),
        }
    }

    #[test]
    fn accepts_real_ids() {
        assert_eq!(validate("pgrogrp-e0tfm161").unwrap(), "pgrogrp-e0tfm161");
        assert_eq!(validate("  pgrogrp-abc12345\n").unwrap(), "pgrogrp-abc12345");
    }

    #[test]
    fn refuses_with_specific_hints() {
        assert!(hint_of("\"pgrogrp-e0tfm161\"").contains("remove the quotes"));
        assert!(hint_of("\\\"pgrogrp-e0tfm161\\\"").contains("remove the quotes"));
        assert!(hint_of("postgres-abcd1234").contains("instance ID"));
        assert!(hint_of("pgro-abcd1234").contains("instance ID"));
        assert!(hint_of("PGROGRP-E0TFM161").contains("lowercase"));
        for bad in ["pgrogrp-", "pgrogrp-ab_c", "pgrogrp-ab c", "x", "pgrogrp-e0tfm161;rm"] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn aliases_resolve_and_are_validated() {
        let mut aliases = BTreeMap::new();
        aliases.insert("reporting".to_string(), "pgrogrp-e0tfm161".to_string());
        aliases.insert("broken".to_string(), "pgro-1".to_string());
        assert_eq!(resolve("reporting", &aliases).unwrap(), "pgrogrp-e0tfm161");
        assert!(matches!(resolve("broken", &aliases), Err(Error::Config { .. })));
        match resolve("nope", &aliases) {
            Err(Error::Usage { hint: Some(h), .. }) => assert!(h.contains("reporting")),
            other => panic!("{other:?}"),
        }
    }
}
