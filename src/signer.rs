//! TC3-HMAC-SHA256 request signing, as pure functions.
//!
//! Each stage of the algorithm is its own function so that tests can check every stage against
//! the published vectors and a failure names the broken step: [`canonical_request`],
//! [`string_to_sign`], [`signing_key`], [`signature`], [`authorization`]. The time is always
//! passed in; nothing here reads the clock, the environment or the network.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// The algorithm name that starts the string to sign and the Authorization value.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The canonical request. Its `Display` is the exact canonical text that gets hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    signed_headers: String,
}

impl CanonicalRequest {
    /// The `;`-joined, lower-case, sorted names of the signed headers.
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// Lower-case hex SHA-256 of the canonical text.
    pub fn hash(&self) -> String {
        sha256_hex(self.text.as_bytes())
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Build the canonical request for a POST (or GET without query) to `/`.
///
/// `headers` are the headers to sign, as (name, value); they are lower-cased, trimmed and
/// sorted here. They must include `content-type` and `host`.
pub fn canonical_request(method: &str, headers: &[(&str, &str)], payload: &[u8]) -> CanonicalRequest {
    let mut canon: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_ascii_lowercase()))
        .collect();
    canon.sort();
    let mut canonical_headers = String::new();
    for (name, value) in &canon {
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(value);
        canonical_headers.push('\n');
    }
    let signed_headers = canon.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(";");
    let text = format!("{method}\n/\n\n{canonical_headers}\n{signed_headers}\n{}", sha256_hex(payload));
    CanonicalRequest { text, signed_headers }
}

/// The UTC date (`YYYY-MM-DD`) of a Unix timestamp, or `None` if it is out of range.
pub fn utc_date(timestamp: i64) -> Option<String> {
    let datetime = time::OffsetDateTime::from_unix_timestamp(timestamp).ok()?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    datetime.format(&format).ok()
}

/// `<date>/<service>/tc3_request`.
pub fn credential_scope(date: &str, service: &str) -> String {
    format!("{date}/{service}/tc3_request")
}

/// `TC3-HMAC-SHA256\n<timestamp>\n<scope>\n<hex sha256(canonical request)>`.
pub fn string_to_sign(timestamp: i64, scope: &str, canonical: &CanonicalRequest) -> String {
    format!("{ALGORITHM}\n{timestamp}\n{scope}\n{}", canonical.hash())
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The derived signing key: HMAC chain over `"TC3"+secret`, date, service, `tc3_request`.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let [_, _, k_signing] = signing_key_stages(secret_key, date, service);
    k_signing
}

/// Intermediate keys of the derivation, for tests: (date key, service key, signing key).
pub fn signing_key_stages(secret_key: &str, date: &str, service: &str) -> [[u8; 32]; 3] {
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    let k_signing = hmac(&k_service, b"tc3_request");
    [k_date, k_service, k_signing]
}

/// Lower-case hex HMAC of the string to sign.
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(hmac(signing_key, string_to_sign.as_bytes()))
}

/// The Authorization header value.
pub fn authorization(secret_id: &str, scope: &str, signed_headers: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

/// Everything a signing produced, for the caller to send or show.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    pub scope: String,
    pub signed_headers: String,
    pub signature: String,
    pub authorization: String,
}

impl fmt::Debug for Signed {
    // The full Authorization value is a replayable credential for five minutes: never print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("scope", &self.scope)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &"<redacted>")
            .finish()
    }
}

/// Run every stage: the one call the API client makes.
pub fn sign(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    timestamp: i64,
    headers: &[(&str, &str)],
    payload: &[u8],
) -> Option<Signed> {
    let date = utc_date(timestamp)?;
    let canonical = canonical_request("POST", headers, payload);
    let scope = credential_scope(&date, service);
    let to_sign = string_to_sign(timestamp, &scope, &canonical);
    let signature = signature(&signing_key(secret_key, &date, service), &to_sign);
    let authorization = authorization(secret_id, &scope, canonical.signed_headers(), &signature);
    Some(Signed { scope, signed_headers: canonical.signed_headers().to_string(), signature, authorization })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_is_utc_not_local() {
        // 2019-02-26 00:44:25 in UTC+8 is still the 25th in UTC.
        assert_eq!(utc_date(1551113065).as_deref(), Some("2019-02-25"));
        assert_eq!(utc_date(1700000000).as_deref(), Some("2023-11-14"));
        assert_eq!(utc_date(i64::MAX), None);
    }

    #[test]
    fn header_values_are_lowercased_trimmed_and_sorted() {
        let c =
            canonical_request("POST", &[("Host", " H.example "), ("Content-Type", "Application/JSON")], b"");
        assert_eq!(c.signed_headers(), "content-type;host");
        assert!(c.to_string().contains("content-type:application/json\nhost:h.example\n\n"));
    }

    #[test]
    fn signed_debug_hides_signature() {
        let s = sign("AKID", "key", "postgres", 1700000000, &[("content-type", "a"), ("host", "b")], b"")
            .unwrap();
        let debug = format!("{s:?}");
        assert!(!debug.contains(&s.signature));
    }
}
