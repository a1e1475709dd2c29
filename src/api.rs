//! The API exchange: build the exact request, send it, and turn the answer into a typed outcome.
//!
//! [`Request::build`] assembles the headers of the fact sheet's section 0 and signs them with
//! [`crate::signer`]; [`Client::send`] performs one HTTP exchange with a bounded body read;
//! [`interpret`] decides success or the typed [`Error`] from the body first and the status
//! second (API errors arrive in 200 bodies). A `Request`'s `Debug` never shows the token or
//! the Authorization header.

use crate::cli::Language;
use crate::config::Endpoint;
use crate::credentials::{mask_id, Credentials, Secret};
use crate::error::{Delivery, Error};
use crate::signer::{self, Signed};
use std::fmt;
use std::io::Read;
use std::time::{Duration, Instant};

pub const SERVICE: &str = "postgres";
pub const ACTION: &str = "RebalanceReadOnlyGroup";
pub const VERSION: &str = "2017-03-12";
pub const CONTENT_TYPE: &str = "application/json";
/// `tcpg/<version>`, sent as User-Agent and X-TC-RequestClient.
pub const CLIENT: &str = concat!("tcpg/", env!("CARGO_PKG_VERSION"));
/// Responses larger than this are refused unread (a real answer is under 200 bytes).
pub const MAX_RESPONSE_BYTES: u64 = 1024 * 1024;

/// Where and how to call the API.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub endpoint: &'a Endpoint,
    pub region: Option<&'a str>,
    pub language: Option<Language>,
}

/// How the request is authorised.
#[derive(Clone)]
pub enum Authorization {
    Signed {
        secret_id: String,
        signed: Signed,
    },
    /// No credentials were configured (dry run only).
    Unsigned,
}

/// The exact request tcpg sends (or prints, in a dry run).
#[derive(Clone)]
pub struct Request {
    pub url: String,
    pub host: String,
    pub body: String,
    pub timestamp: i64,
    /// The headers that are not secret, in the order they are shown.
    headers: Vec<(&'static str, String)>,
    token: Option<Secret>,
    pub authorization: Authorization,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("url", &self.url)
            .field("headers", &self.display_headers(false))
            .field("body", &self.body)
            .finish()
    }
}

impl Request {
    /// Build and (with credentials) sign the request for one group at `timestamp`.
    pub fn build(
        target: Target<'_>,
        group_id: &str,
        credentials: Option<&Credentials>,
        timestamp: i64,
    ) -> Result<Request, Error> {
        let body = serde_json::json!({ "ReadOnlyGroupId": group_id }).to_string();
        let host = target.endpoint.authority.clone();
        let mut headers: Vec<(&'static str, String)> = vec![
            ("Host", host.clone()),
            ("Content-Type", CONTENT_TYPE.to_string()),
            ("X-TC-Action", ACTION.to_string()),
            ("X-TC-Version", VERSION.to_string()),
            ("X-TC-Timestamp", timestamp.to_string()),
        ];
        if let Some(region) = target.region.filter(|r| !r.is_empty()) {
            headers.push(("X-TC-Region", region.to_string()));
        }
        if let Some(language) = target.language {
            headers.push(("X-TC-Language", language.as_str().to_string()));
        }
        headers.push(("X-TC-RequestClient", CLIENT.to_string()));
        headers.push(("User-Agent", CLIENT.to_string()));

        let authorization = match credentials {
            Some(creds) => {
                // Sign Content-Type and Host (mandatory) and X-TC-Action, so that a captured
                // signature cannot be replayed against another action.
                let to_sign =
                    [("content-type", CONTENT_TYPE), ("host", host.as_str()), ("x-tc-action", ACTION)];
                let signed = signer::sign(
                    &creds.secret_id,
                    creds.secret_key.expose(),
                    SERVICE,
                    timestamp,
                    &to_sign,
                    body.as_bytes(),
                )
                .ok_or_else(|| Error::Internal(format!("timestamp {timestamp} is out of range")))?;
                Authorization::Signed { secret_id: creds.secret_id.clone(), signed }
            }
            None => Authorization::Unsigned,
        };
        Ok(Request {
            url: target.endpoint.url(),
            host,
            body,
            timestamp,
            headers,
            token: credentials.and_then(|c| c.token.clone()),
            authorization,
        })
    }

    pub fn is_signed(&self) -> bool {
        matches!(self.authorization, Authorization::Signed { .. })
    }

    /// Every header as it may be shown: the token redacted, the SecretId masked, and the
    /// signature shown only when `show_signature` (dry run), never the whole Authorization.
    pub fn display_headers(&self, show_signature: bool) -> Vec<(&'static str, String)> {
        let mut out = self.headers.clone();
        if self.token.is_some() {
            let at = out
                .iter()
                .position(|(n, _)| *n == "X-TC-Language" || *n == "X-TC-RequestClient")
                .unwrap_or(out.len());
            out.insert(at, ("X-TC-Token", "<redacted>".to_string()));
        }
        let auth = match &self.authorization {
            Authorization::Signed { secret_id, signed } => signer::authorization(
                &mask_id(secret_id),
                &signed.scope,
                &signed.signed_headers,
                if show_signature { &signed.signature } else { "<redacted>" },
            ),
            Authorization::Unsigned => "<unsigned: no credentials configured>".to_string(),
        };
        out.push(("Authorization", auth));
        out
    }

    /// The headers as sent. Holds secrets: only for the HTTP client.
    fn wire_headers(&self) -> Vec<(&'static str, String)> {
        let mut out = self.headers.clone();
        if let Some(token) = &self.token {
            out.push(("X-TC-Token", token.expose().to_string()));
        }
        if let Authorization::Signed { signed, .. } = &self.authorization {
            out.push(("Authorization", signed.authorization.clone()));
        }
        out
    }
}

/// What came back from one HTTP exchange.
#[derive(Debug)]
pub struct Exchange {
    pub status: u16,
    pub body: Vec<u8>,
    /// The body was longer than [`MAX_RESPONSE_BYTES`] and was not read to the end.
    pub truncated: bool,
    /// The server's `Date` header, if any.
    pub date: Option<String>,
    pub elapsed: Duration,
}

/// A blocking HTTPS client with a whole-request timeout.
pub struct Client {
    http: reqwest::blocking::Client,
    timeout: Duration,
}

impl Client {
    /// `ca_bundle`: extra trusted roots (PEM), added to the bundled ones.
    pub fn new(timeout: Duration, ca_bundle: Option<&std::path::Path>) -> Result<Client, Error> {
        let mut builder = reqwest::blocking::Client::builder();
        if let Some(path) = ca_bundle {
            for cert in load_ca_bundle(path)? {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(false)
            .build()
            .map_err(|e| Error::Network {
                message: format!("cannot set up the HTTPS client: {}", root_cause(&e)),
                delivery: Delivery::NotSent,
            })?;
        Ok(Client { http, timeout })
    }

    /// Send the request once, within `limit` (at most the client's timeout). Transport
    /// failures say whether the request may have been sent.
    pub fn send(&self, request: &Request, limit: Duration) -> Result<Exchange, Error> {
        let limit = limit.min(self.timeout);
        if !request.is_signed() {
            return Err(Error::Internal("refusing to send an unsigned request".into()));
        }
        let mut builder = self.http.post(&request.url).timeout(limit).body(request.body.clone());
        for (name, value) in request.wire_headers() {
            builder = builder.header(name, value);
        }
        let started = Instant::now();
        let response = builder.send().map_err(|e| transport_error(&e, &request.url, limit))?;
        let status = response.status().as_u16();
        let date = response.headers().get("date").and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut body = Vec::new();
        if let Err(e) = response.take(MAX_RESPONSE_BYTES + 1).read_to_end(&mut body) {
            let cause = io_root_cause(&e);
            // The service answered (the status line arrived), so the request reached it.
            return Err(if e.kind() == std::io::ErrorKind::TimedOut || cause.contains("timed out") {
                Error::Network {
                    message: format!(
                        "the answer from {} did not complete within {}s; the request reached the service and the rebalance may have been applied",
                        request.url,
                        limit.as_secs_f64()
                    ),
                    delivery: Delivery::MaybeSent,
                }
            } else {
                Error::BadResponse {
                    status,
                    host: request.host.clone(),
                    reason: format!(
                        "the answer was cut short ({cause}); the rebalance may have been applied"
                    ),
                }
            });
        }
        let truncated = body.len() as u64 > MAX_RESPONSE_BYTES;
        if truncated {
            body.truncate(MAX_RESPONSE_BYTES as usize);
        }
        Ok(Exchange { status, body, truncated, date, elapsed: started.elapsed() })
    }
}

fn transport_error(e: &reqwest::Error, url: &str, limit: Duration) -> Error {
    if e.is_timeout() {
        Error::Network {
            message: format!(
                "no answer from {url} within {}s; the request may have reached the service and the rebalance may have been applied",
                limit.as_secs_f64()
            ),
            delivery: Delivery::MaybeSent,
        }
    } else if e.is_connect() {
        Error::Network {
            message: format!("could not connect to {url}: {}; nothing was sent", root_cause(e)),
            delivery: Delivery::NotSent,
        }
    } else {
        Error::Network {
            message: format!(
                "the exchange with {url} failed: {}; the request may have reached the service",
                root_cause(e)
            ),
            delivery: Delivery::MaybeSent,
        }
    }
}

fn load_ca_bundle(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>, Error> {
    let bad = |why: String| {
        Error::config_hint(
            format!("cannot use CA bundle {}: {why}", path.display()),
            "--ca-bundle, $SSL_CERT_FILE and ca_bundle take a PEM file of CA certificates",
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(e.to_string()))?;
    if !meta.is_file() || meta.len() > 16 * 1024 * 1024 {
        return Err(bad("not a regular file of reasonable size".into()));
    }
    let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| bad(root_cause(&e)))?;
    if certs.is_empty() {
        return Err(bad("no PEM certificate in it".into()));
    }
    Ok(certs)
}

/// The innermost cause of an error chain, which is the one a person can act on.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn io_root_cause(e: &std::io::Error) -> String {
    match e.get_ref() {
        Some(inner) => root_cause(inner),
        None => e.to_string(),
    }
}

/// Decide the outcome: `Ok(RequestId)` or the typed error. The body is read before the status.
pub fn interpret(exchange: &Exchange, host: &str) -> Result<String, Error> {
    let status = exchange.status;
    if exchange.truncated {
        return Err(Error::BadResponse {
            status,
            host: host.to_string(),
            reason: format!("the body is larger than {} KiB; stopped reading", MAX_RESPONSE_BYTES / 1024),
        });
    }
    let parsed: Option<serde_json::Value> = serde_json::from_slice(&exchange.body).ok();
    let response = parsed.as_ref().and_then(|v| v.get("Response"));
    let request_id = response
        .and_then(|r| r.get("RequestId"))
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if let Some(error) = response.and_then(|r| r.get("Error")) {
        let code = error.get("Code").and_then(|v| v.as_str()).map(str::trim).filter(|c| !c.is_empty());
        let message = error.get("Message").and_then(|v| v.as_str()).unwrap_or("").trim().to_string();
        return match code {
            Some(code) => Err(Error::Api { code: code.to_string(), message, request_id }),
            None => Err(Error::BadResponse {
                status,
                host: host.to_string(),
                reason: "Response.Error has no Code".to_string(),
            }),
        };
    }
    if !(200..300).contains(&status) {
        return Err(Error::HttpStatus { status, host: host.to_string(), snippet: snippet(&exchange.body) });
    }
    match (parsed.is_some(), request_id) {
        (true, Some(id)) => Ok(id),
        (true, None) => Err(Error::BadResponse {
            status,
            host: host.to_string(),
            reason: "no Response.RequestId in the answer".to_string(),
        }),
        (false, _) if exchange.body.is_empty() => Err(Error::BadResponse {
            status,
            host: host.to_string(),
            reason: "the body is empty".to_string(),
        }),
        (false, _) => Err(Error::BadResponse {
            status,
            host: host.to_string(),
            reason: format!("the body is not JSON: {}", snippet(&exchange.body)),
        }),
    }
}

/// Parse an HTTP `Date` header (IMF-fixdate, `Tue, 14 Nov 2023 22:13:20 GMT`) to Unix seconds.
pub fn parse_http_date(value: &str) -> Option<i64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, clock, zone] = parts.as_slice() else { return None };
    if !zone.eq_ignore_ascii_case("GMT") && *zone != "UTC" && *zone != "+0000" {
        return None;
    }
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u8 + 1;
    let date = time::Date::from_calendar_date(
        year.parse().ok()?,
        time::Month::try_from(month).ok()?,
        day.parse().ok()?,
    )
    .ok()?;
    let mut hms = clock.split(':').map(|n| n.parse::<u8>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if hms.next().is_some() {
        return None;
    }
    let time = time::Time::from_hms(h, m, s).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_utc().unix_timestamp())
}

/// The start of a body, printable and on one line.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(160)]);
    let mut out: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    out = out
        .chars()
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    if body.len() > 160 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(status: u16, body: &str) -> Exchange {
        Exchange {
            status,
            body: body.as_bytes().to_vec(),
            truncated: false,
            date: None,
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn success_and_errors() {
        assert_eq!(interpret(&ex(200, r#"{"Response":{"RequestId":"r-1"}}"#), "h").unwrap(), "r-1");
        let e = interpret(
            &ex(200, r#"{"Response":{"Error":{"Code":"ResourceNotFound","Message":"m"},"RequestId":"r-2"}}"#),
            "h",
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), 5);
        assert_eq!(e.request_id(), Some("r-2"));
        // An API error body wins over the status.
        let e = interpret(&ex(500, r#"{"Response":{"Error":{"Code":"InvalidAction","Message":"m"}}}"#), "h")
            .unwrap_err();
        assert_eq!(e.exit_code(), 6);
        assert_eq!(e.request_id(), None);
    }

    #[test]
    fn unreadable_answers() {
        for (status, body, exit) in [
            (200, "", 10),
            (200, "not json", 10),
            (200, r#"{"Response":{}}"#, 10),
            (200, r#"{"Response":{"RequestId":""}}"#, 10),
            (200, r#"{"Response":{"Error":{"Message":"no code"}}}"#, 10),
            (502, "<html>bad gateway</html>", 8),
            (503, "", 8),
            (404, "not found", 10),
        ] {
            assert_eq!(interpret(&ex(status, body), "h").unwrap_err().exit_code(), exit, "{status} {body}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT"), Some(1700000000));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        for bad in [
            "",
            "yesterday",
            "Tue, 14 Nov 2023 22:13 GMT",
            "Tue, 32 Nov 2023 22:13:20 GMT",
            "Tue, 14 Foo 2023 22:13:20 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn request_debug_hides_secrets() {
        let creds = Credentials {
            secret_id: "AKIDabcdefgh12345678".into(),
            secret_key: Secret::new("the-secret-key"),
            token: Some(Secret::new("the-session-token")),
            origin: crate::config::Origin::Default,
        };
        let endpoint = Endpoint::parse("postgres.tencentcloudapi.com").unwrap();
        let target = Target { endpoint: &endpoint, region: Some("ap-guangzhou"), language: None };
        let req = Request::build(target, "pgrogrp-e0tfm161", Some(&creds), 1700000000).unwrap();
        let debug = format!("{req:?}");
        let Authorization::Signed { signed, .. } = &req.authorization else { panic!() };
        for secret in
            ["the-secret-key", "the-session-token", signed.signature.as_str(), "AKIDabcdefgh12345678"]
        {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert_eq!(req.body, r#"{"ReadOnlyGroupId":"pgrogrp-e0tfm161"}"#);
    }
}
