//! Hostile input: property tests that the response parser, the config parser, the group ID
//! validator and the endpoint and date parsers never panic, whatever they are given, and keep
//! their invariants. Case counts are set here; `PROPTEST_CASES` overrides them.

use proptest::prelude::*;
use std::path::Path;
use std::time::Duration;
use tcpg::api::{interpret, parse_http_date, Exchange};
use tcpg::config::{parse, Endpoint};
use tcpg::group;

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn exchange(status: u16, body: Vec<u8>) -> Exchange {
    Exchange { status, body, truncated: false, date: None, elapsed: Duration::ZERO }
}

/// JSON-shaped bodies: the interesting inputs for the response parser.
fn json_body() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "[ -~]{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
    ];
    let value = leaf.prop_recursive(4, 32, 4, |inner| {
        let key = prop_oneof![
            Just("Response".to_string()),
            Just("RequestId".to_string()),
            Just("Error".to_string()),
            Just("Code".to_string()),
            Just("Message".to_string()),
            "[a-zA-Z]{1,8}".prop_map(String::from),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key, inner), 0..4).prop_map(|kv| {
                let fields: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("{}:{v}", serde_json::to_string(&k).unwrap()))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    });
    value.prop_map(|v| format!("{{\"Response\":{v}}}"))
}

proptest! {
    #![proptest_config(config(20_000))]

    #[test]
    fn response_parser_never_panics_on_bytes(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..512)) {
        let ex = exchange(status, body);
        match interpret(&ex, "h") {
            Ok(id) => {
                prop_assert!((200..300).contains(&status));
                prop_assert!(!id.is_empty());
            }
            Err(e) => prop_assert!(e.exit_code() >= 4 && e.exit_code() <= 10),
        }
    }

    #[test]
    fn response_parser_never_panics_on_json(status in prop_oneof![Just(200u16), 100u16..600], body in json_body()) {
        let ex = exchange(status, body.into_bytes());
        if let Err(e) = interpret(&ex, "h") {
            // Every failure maps to a row of the table, never to internal.
            prop_assert!((4..=10).contains(&e.exit_code()), "{e:?}");
        }
    }

    #[test]
    fn config_parser_never_panics_on_text(text in "\\PC{0,300}") {
        let _ = parse(&text, Path::new("config.toml"));
    }

    #[test]
    fn config_parser_never_panics_on_toml_shaped_text(
        lines in prop::collection::vec(
            prop_oneof![
                "\\[profiles\\.[a-z\\\"\\.]{0,8}\\]",
                "\\[\\[?[a-z_\\.]{0,12}\\]?\\]",
                "(secret_id|secret_key|token|region|endpoint|language|group|ca_bundle|default_profile|check_permissions|[a-z_]{1,10}) ?= ?(\"[ -~]{0,10}\"|[0-9]{1,6}|true|\\[\\]|\\{\\}|'[a-z]*'|\"\"\")",
                "[ -~]{0,20}",
            ],
            0..12,
        )
    ) {
        let text = lines.join("\n");
        if let Err(e) = parse(&text, Path::new("config.toml")) {
            prop_assert_eq!(e.exit_code(), 3);
            let message = e.to_string();
            prop_assert!(message.contains("config.toml"));
        }
    }

    #[test]
    fn group_validator_never_panics_and_accepts_only_the_documented_form(input in "\\PC{0,64}") {
        match group::validate(&input) {
            Ok(id) => {
                let suffix = id.strip_prefix("pgrogrp-").expect("prefix");
                prop_assert!(!suffix.is_empty());
                prop_assert!(suffix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            }
            Err(e) => prop_assert_eq!(e.exit_code(), 2),
        }
    }

    #[test]
    fn group_validator_accepts_every_real_id(suffix in "[a-z0-9]{1,32}") {
        let id = format!("pgrogrp-{suffix}");
        prop_assert_eq!(group::validate(&id).unwrap(), id);
    }

    #[test]
    fn endpoint_parser_never_panics(input in "\\PC{0,80}") {
        if let Ok(endpoint) = Endpoint::parse(&input) {
            prop_assert!(!endpoint.authority.is_empty());
            prop_assert!(endpoint.url().ends_with('/'));
        }
    }

    #[test]
    fn http_date_parser_never_panics(input in "\\PC{0,40}") {
        let _ = parse_http_date(&input);
    }
}
