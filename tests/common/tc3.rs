//! Independent TC3-HMAC-SHA256 implementation used by the fake API server to
//! verify what `tcpg` sends.
//!
//! Written from the fact sheet (`/work/shared/reference/tencent-api.md` §1),
//! deliberately without calling anything from the crate under test: if the
//! tests reused the project's signer they would only agree with themselves.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
pub const SERVICE: &str = "postgres";
pub const TERMINATOR: &str = "tc3_request";

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Binary HMAC-SHA256, key first.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// Days since 1970-01-01 -> (year, month 1..=12, day 1..=31) in the proleptic
/// Gregorian calendar (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// UTC calendar date (`YYYY-MM-DD`) of a unix timestamp.
pub fn utc_date(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `lower(key):trim(lower(value))`, the canonical form of one header.
pub fn canonical_header_value(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Build `(CanonicalHeaders, SignedHeaders)` from `(name, value)` pairs:
/// names lower-cased, values trimmed and lower-cased, sorted by name.
/// The CanonicalHeaders block ends with `\n`.
pub fn canonical_headers(pairs: &[(&str, &str)]) -> (String, String) {
    let mut items: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| (k.trim().to_ascii_lowercase(), canonical_header_value(v))).collect();
    items.sort();
    let canonical: String = items.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed = items.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    (canonical, signed)
}

/// `Method \n URI \n Query \n CanonicalHeaders \n SignedHeaders \n HashedPayload`.
/// `canonical_headers` must already end with `\n` (which yields the empty line).
pub fn canonical_request(
    method: &str,
    canonical_uri: &str,
    canonical_query: &str,
    canonical_headers: &str,
    signed_headers: &str,
    hashed_payload: &str,
) -> String {
    format!(
        "{method}\n{canonical_uri}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{hashed_payload}"
    )
}

/// `<date>/<service>/tc3_request`.
pub fn credential_scope(date: &str, service: &str) -> String {
    format!("{date}/{service}/{TERMINATOR}")
}

/// `TC3-HMAC-SHA256 \n timestamp \n scope \n hex(sha256(canonical_request))`.
pub fn string_to_sign(timestamp: &str, scope: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{timestamp}\n{scope}\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// `(SecretDate, SecretService, SecretSigning)` key chain.
pub fn derive_keys(secret_key: &str, date: &str, service: &str) -> ([u8; 32], [u8; 32], [u8; 32]) {
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, TERMINATOR.as_bytes());
    (k_date, k_service, k_signing)
}

/// Lower-case hex signature of `string_to_sign`.
pub fn signature(secret_key: &str, date: &str, service: &str, string_to_sign: &str) -> String {
    let (_, _, k_signing) = derive_keys(secret_key, date, service);
    hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// Build a complete Authorization header value for a POST to `/` (test helper
/// for hand-made requests; this is the fact-sheet algorithm, not the project's).
pub fn authorization(
    secret_id: &str,
    secret_key: &str,
    timestamp: i64,
    signed: &[(&str, &str)],
    body: &[u8],
) -> String {
    let date = utc_date(timestamp);
    let (ch, sh) = canonical_headers(signed);
    let cr = canonical_request("POST", "/", "", &ch, &sh, &sha256_hex(body));
    let scope = credential_scope(&date, SERVICE);
    let sts = string_to_sign(&timestamp.to_string(), &scope, &cr);
    let sig = signature(secret_key, &date, SERVICE, &sts);
    format!("{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders={sh}, Signature={sig}")
}

/// A parsed `Authorization: TC3-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthHeader {
    pub secret_id: String,
    pub date: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Parse the exact layout the SDKs produce:
/// `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=a;b, Signature=<64 hex>`.
/// Also enforces that SignedHeaders is lower-case, sorted, unique and contains
/// `content-type` and `host`. The error is a human-readable message.
pub fn parse_authorization(value: &str) -> Result<AuthHeader, String> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| format!("Authorization must start with `{ALGORITHM} `: {value:?}"))?;
    let parts: Vec<&str> = rest.split(", ").collect();
    if parts.len() != 3 {
        return Err(format!(
            "Authorization must have exactly 3 `, `-separated fields \
             (Credential, SignedHeaders, Signature): {value:?}"
        ));
    }
    let field = |part: &str, key: &str| -> Result<String, String> {
        part.strip_prefix(key)
            .and_then(|r| r.strip_prefix('='))
            .map(str::to_string)
            .ok_or_else(|| format!("expected `{key}=...`, found {part:?}"))
    };
    let credential = field(parts[0], "Credential")?;
    let signed = field(parts[1], "SignedHeaders")?;
    let signature = field(parts[2], "Signature")?;

    let cred: Vec<&str> = credential.split('/').collect();
    if cred.len() != 4 {
        return Err(format!("Credential must be <SecretId>/<date>/<service>/{TERMINATOR}: {credential:?}"));
    }
    let (secret_id, date, service, terminator) = (cred[0], cred[1], cred[2], cred[3]);
    if secret_id.is_empty() || secret_id.chars().any(|c| c.is_whitespace()) {
        return Err(format!("bad SecretId in Credential: {secret_id:?}"));
    }
    let date_ok = date.len() == 10
        && date.bytes().enumerate().all(
            |(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            },
        );
    if !date_ok {
        return Err(format!("credential date must be YYYY-MM-DD: {date:?}"));
    }
    if service.is_empty() {
        return Err("empty service in Credential".to_string());
    }
    if terminator != TERMINATOR {
        return Err(format!("credential scope must end in {TERMINATOR}: {terminator:?}"));
    }

    let signed_headers: Vec<String> = signed.split(';').map(str::to_string).collect();
    for h in &signed_headers {
        if h.is_empty()
            || h != &h.to_ascii_lowercase()
            || !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(format!("bad header name {h:?} in SignedHeaders={signed:?}"));
        }
    }
    if signed_headers.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("SignedHeaders must be sorted in ASCII order without duplicates: {signed:?}"));
    }
    for required in ["content-type", "host"] {
        if !signed_headers.iter().any(|h| h == required) {
            return Err(format!("SignedHeaders must include {required}: {signed:?}"));
        }
    }

    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(format!("Signature must be 64 lower-case hex digits: {signature:?}"));
    }

    Ok(AuthHeader {
        secret_id: secret_id.to_string(),
        date: date.to_string(),
        service: service.to_string(),
        signed_headers,
        signature,
    })
}

/// Recompute the signature of a received request and compare.
///
/// `headers` are the headers as received (any case); for each name listed in
/// SignedHeaders the received value is used (trimmed, lower-cased). `timestamp`
/// is the X-TC-Timestamp value exactly as received. Checks the scope date
/// against the timestamp's UTC date and the service against `postgres`.
/// The error is a human-readable message (the server reports it as
/// `AuthFailure.SignatureFailure`).
pub fn verify_signature(
    auth: &AuthHeader,
    secret_key: &str,
    method: &str,
    headers: &[(String, String)],
    timestamp: &str,
    body: &[u8],
) -> Result<(), String> {
    if auth.service != SERVICE {
        return Err(format!("credential scope service is {:?}, expected {SERVICE:?}", auth.service));
    }
    let ts: i64 =
        timestamp.trim().parse().map_err(|_| format!("X-TC-Timestamp is not a number: {timestamp:?}"))?;
    let expected_date = utc_date(ts);
    if auth.date != expected_date {
        return Err(format!(
            "credential scope date {} is not the UTC date of X-TC-Timestamp {ts} ({expected_date})",
            auth.date
        ));
    }

    let mut canonical = String::new();
    for name in &auth.signed_headers {
        let values: Vec<&str> =
            headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
        match values.as_slice() {
            [] => return Err(format!("signed header {name:?} is not present in the request")),
            [v] => {
                canonical.push_str(name);
                canonical.push(':');
                canonical.push_str(&canonical_header_value(v));
                canonical.push('\n');
            }
            _ => return Err(format!("signed header {name:?} appears {} times in the request", values.len())),
        }
    }
    let signed = auth.signed_headers.join(";");
    let cr = canonical_request(method, "/", "", &canonical, &signed, &sha256_hex(body));
    let scope = credential_scope(&auth.date, &auth.service);
    let sts = string_to_sign(timestamp.trim(), &scope, &cr);
    let expected = signature(secret_key, &auth.date, &auth.service, &sts);
    if expected != auth.signature {
        return Err(format!(
            "signature mismatch: got {}, expected {expected}; canonical request was {cr:?}",
            auth.signature
        ));
    }
    Ok(())
}
