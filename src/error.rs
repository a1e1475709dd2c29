//! The one error type of tcpg and the one exit-code table.
//!
//! Every failure the user can see is an [`Error`]; every `Error` has a [`Kind`]; the kind alone
//! decides the exit code, the JSON `error.kind` string and whether retrying later may help.
//! API error codes are classified here too ([`classify_api_code`]), so that the mapping from
//! "what the service said" to "what the script should do" lives in exactly one file.
//! Nothing here ever holds a secret: messages are built from already-redacted values.

use std::fmt;

/// What kind of outcome an error is; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Internal,
    Usage,
    Config,
    Auth,
    NotFound,
    InvalidRequest,
    Failed,
    RetryLater,
    Network,
    BadResponse,
    Interrupted,
}

/// One row of the exit-code table.
pub struct ExitRow {
    pub code: u8,
    pub kind: &'static str,
    pub when: &'static str,
}

/// The exit-code table: the single source for [`Kind::exit_code`], `--help` and the man page
/// (the README repeats it for readers).
pub const EXIT_CODES: &[ExitRow] = &[
    ExitRow { code: 0, kind: "ok", when: "the API accepted the rebalance; a dry run printed" },
    ExitRow { code: 1, kind: "internal", when: "a bug, or stdout could not be written" },
    ExitRow { code: 2, kind: "usage", when: "bad arguments, malformed group ID, confirmation missing or declined" },
    ExitRow { code: 3, kind: "config", when: "config unreadable or invalid, unknown profile, no usable credentials" },
    ExitRow { code: 4, kind: "auth", when: "the service rejected the credentials, signature or permissions (AuthFailure.*, OperationDenied.*, ...)" },
    ExitRow { code: 5, kind: "not_found", when: "the RO group does not exist in that region (FailedOperation.ROGroupNotFoundError, ResourceNotFound*)" },
    ExitRow { code: 6, kind: "invalid_request", when: "the service refused the request as malformed (InvalidParameter*, UnsupportedRegion, ...)" },
    ExitRow { code: 7, kind: "failed", when: "the service could not do it (other FailedOperation.*, VpcError, LimitExceeded, unknown codes)" },
    ExitRow { code: 8, kind: "retry_later", when: "throttled or temporarily unavailable (RequestLimitExceeded*, InternalError*, HTTP 502/503/504)" },
    ExitRow { code: 9, kind: "network", when: "DNS, connect, TLS or proxy failure, timeout" },
    ExitRow { code: 10, kind: "bad_response", when: "the answer is not the expected JSON, lacks a RequestId, or is an unexpected HTTP status" },
    ExitRow { code: 130, kind: "interrupted", when: "interrupted by Ctrl-C" },
];

impl Kind {
    /// The name used in the table and in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Internal => "internal",
            Kind::Usage => "usage",
            Kind::Config => "config",
            Kind::Auth => "auth",
            Kind::NotFound => "not_found",
            Kind::InvalidRequest => "invalid_request",
            Kind::Failed => "failed",
            Kind::RetryLater => "retry_later",
            Kind::Network => "network",
            Kind::BadResponse => "bad_response",
            Kind::Interrupted => "interrupted",
        }
    }

    /// The process exit code, looked up in [`EXIT_CODES`].
    pub fn exit_code(self) -> u8 {
        let name = self.name();
        EXIT_CODES.iter().find(|row| row.kind == name).map(|row| row.code).unwrap_or(1)
    }

    /// Whether running the same command again later may succeed without changing anything.
    pub fn retryable(self) -> bool {
        matches!(self, Kind::RetryLater | Kind::Network)
    }
}

/// Whether the request may have reached the service when a transport error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The request certainly did not leave this machine (DNS, connect, TLS handshake).
    NotSent,
    /// The request may have been received and acted on.
    MaybeSent,
}

/// Every failure tcpg reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line input, a malformed group ID, or a missing/declined confirmation.
    #[error("{message}")]
    Usage { message: String, hint: Option<String> },

    /// The configuration cannot be used: file, profile or credentials.
    #[error("{message}")]
    Config { message: String, hint: Option<String> },

    /// The service answered with `Response.Error`.
    #[error("{code}: {message}")]
    Api { code: String, message: String, request_id: Option<String> },

    /// A non-2xx status without an API error body.
    #[error("HTTP {status} from {host} without an API error body{}", snippet_suffix(.snippet))]
    HttpStatus { status: u16, host: String, snippet: String },

    /// A 2xx answer that is not the expected JSON or lacks a RequestId.
    #[error("unreadable response from {host} (HTTP {status}): {reason}")]
    BadResponse { status: u16, host: String, reason: String },

    /// The request could not be completed at the transport level.
    #[error("{message}")]
    Network { message: String, delivery: Delivery },

    /// Writing the result failed.
    #[error("could not write output: {0}")]
    Output(#[source] std::io::Error),

    /// A bug.
    #[error("internal error: {0}")]
    Internal(String),

    /// Rebalances failed and each failure was already reported; the exit code is the first's.
    #[error("{failed} rebalance(s) failed")]
    Reported { first: Kind, failed: usize },

    /// Ctrl-C.
    #[error("interrupted{}", if *.sent { " after the request was sent: the rebalance may have been applied" } else { " before the request was sent: nothing was changed" })]
    Interrupted { sent: bool },
}

fn snippet_suffix(snippet: &str) -> String {
    if snippet.is_empty() {
        String::new()
    } else {
        format!(": {snippet}")
    }
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: None }
    }

    pub fn usage_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: Some(hint.into()) }
    }

    pub fn config(message: impl Into<String>) -> Self {
        Error::Config { message: message.into(), hint: None }
    }

    pub fn config_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Config { message: message.into(), hint: Some(hint.into()) }
    }

    /// The kind, which decides the exit code.
    pub fn kind(&self) -> Kind {
        match self {
            Error::Usage { .. } => Kind::Usage,
            Error::Config { .. } => Kind::Config,
            Error::Api { code, .. } => classify_api_code(code),
            Error::HttpStatus { status, .. } => match status {
                502..=504 => Kind::RetryLater,
                _ => Kind::BadResponse,
            },
            Error::BadResponse { .. } => Kind::BadResponse,
            Error::Network { .. } => Kind::Network,
            Error::Output(_) | Error::Internal(_) => Kind::Internal,
            Error::Interrupted { .. } => Kind::Interrupted,
            Error::Reported { first, .. } => *first,
        }
    }

    /// The same error with a note appended to its message, e.g. how many retries were spent.
    pub fn with_note(self, note: &str) -> Error {
        match self {
            Error::Api { code, message, request_id } => {
                Error::Api { code, message: format!("{message} ({note})"), request_id }
            }
            Error::Network { message, delivery } => {
                Error::Network { message: format!("{message} ({note})"), delivery }
            }
            other => other,
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.kind().exit_code()
    }

    /// The API error code, when the service sent one.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            Error::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The RequestId, when the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The message without the API code (the JSON `error.message`).
    pub fn message(&self) -> String {
        match self {
            Error::Api { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// Whether the rebalance may have happened although tcpg reports a failure.
    pub fn may_have_applied(&self) -> bool {
        match self {
            Error::Network { delivery, .. } => *delivery == Delivery::MaybeSent,
            Error::Interrupted { sent } => *sent,
            Error::HttpStatus { .. } | Error::BadResponse { .. } => true,
            Error::Api { code, .. } => {
                // The service said it failed, but for these it may have been mid-way.
                service_may_have_acted(code)
            }
            _ => false,
        }
    }

    /// A line that says what to do next, when one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } | Error::Config { hint, .. } => hint.clone(),
            Error::Api { code, .. } => api_hint(code),
            Error::HttpStatus { .. } => Some(
                "a gateway or proxy answered instead of the API; the rebalance may have been \
                 applied: check the group before running tcpg again"
                    .into(),
            ),
            Error::BadResponse { .. } => Some(
                "the rebalance may have been applied: check the group before running tcpg again; \
                 check --endpoint if this persists"
                    .into(),
            ),
            Error::Network { delivery: Delivery::NotSent, .. } => {
                Some("check the network, --endpoint and any proxy settings, then retry".into())
            }
            Error::Network { delivery: Delivery::MaybeSent, .. } => Some(
                "the request may have reached the service and the rebalance may have been applied: \
                 check the group before running tcpg again"
                    .into(),
            ),
            Error::Interrupted { sent: true } => Some("check the group before running tcpg again".into()),
            Error::Output(_) | Error::Internal(_) | Error::Interrupted { .. } | Error::Reported { .. } => {
                None
            }
        }
    }
}

/// `RequestLimitExceeded` or one of its sub-codes: the service refused before doing anything.
pub fn is_throttled(code: &str) -> bool {
    code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.")
}

/// The service failed part-way, so it may or may not have acted.
fn service_may_have_acted(code: &str) -> bool {
    code.starts_with("InternalError") || code == "ServiceUnavailable"
}

fn api_hint(code: &str) -> Option<String> {
    let kind = classify_api_code(code);
    let hint = match code {
        "AuthFailure.SignatureExpire" => {
            "the local clock is more than 5 minutes off the server's: fix the clock (NTP) and retry"
        }
        "AuthFailure.SecretIdNotFound" | "AuthFailure.InvalidSecretId" => {
            "check secret_id (run with -v to see which source it came from); keys may have been disabled or have stray whitespace"
        }
        "AuthFailure.SignatureFailure" => {
            "check secret_key for the SecretId in use, and that the local clock is right"
        }
        "AuthFailure.TokenFailure" => {
            "the session token is invalid or expired: refresh the temporary credentials"
        }
        "AuthFailure.MFAFailure" => "this account requires MFA for the operation",
        _ if kind == Kind::Auth => {
            "the credentials are valid but not allowed to do this: check the CAM policy (postgres:RebalanceReadOnlyGroup) and IP allow/block lists"
        }
        _ if kind == Kind::NotFound => {
            "check the group ID and that --region is the group's region"
        }
        "UnsupportedRegion" => "check --region: the API is not offered there",
        _ if is_throttled(code) => {
            "throttled by the API (100 requests per second): retry in a few seconds"
        }
        "ResourceInUse" => "the group is busy with another change: retry once it has finished",
        _ if service_may_have_acted(code) => {
            "the service had a problem; the rebalance may or may not have been applied: check the group before retrying"
        }
        _ if kind == Kind::RetryLater => {
            "a temporary failure on the service side: retry later"
        }
        _ => return None,
    };
    Some(hint.to_string())
}

/// Every code named in the fact sheet (the common table and RebalanceReadOnlyGroup's own list),
/// mapped explicitly. Codes not listed here fall back to [`classify_by_prefix`].
pub const KNOWN_API_CODES: &[(&str, Kind)] = &[
    // Common error codes.
    ("ActionOffline", Kind::InvalidRequest),
    ("AuthFailure.InvalidAuthorization", Kind::Auth),
    ("AuthFailure.InvalidSecretId", Kind::Auth),
    ("AuthFailure.MFAFailure", Kind::Auth),
    ("AuthFailure.SecretIdNotFound", Kind::Auth),
    ("AuthFailure.SignatureExpire", Kind::Auth),
    ("AuthFailure.SignatureFailure", Kind::Auth),
    ("AuthFailure.TokenFailure", Kind::Auth),
    ("AuthFailure.UnauthorizedOperation", Kind::Auth),
    ("DryRunOperation", Kind::Failed),
    ("FailedOperation", Kind::Failed),
    ("InternalError", Kind::RetryLater),
    ("InvalidAction", Kind::InvalidRequest),
    ("InvalidParameter", Kind::InvalidRequest),
    ("InvalidParameterValue", Kind::InvalidRequest),
    ("InvalidRequest", Kind::InvalidRequest),
    ("IpInBlacklist", Kind::Auth),
    ("IpNotInWhitelist", Kind::Auth),
    ("LimitExceeded", Kind::Failed),
    ("MissingParameter", Kind::InvalidRequest),
    ("NoSuchProduct", Kind::InvalidRequest),
    ("NoSuchVersion", Kind::InvalidRequest),
    ("RequestLimitExceeded", Kind::RetryLater),
    ("RequestLimitExceeded.GlobalRegionUinLimitExceeded", Kind::RetryLater),
    ("RequestLimitExceeded.IPLimitExceeded", Kind::RetryLater),
    ("RequestLimitExceeded.UinLimitExceeded", Kind::RetryLater),
    ("RequestSizeLimitExceeded", Kind::InvalidRequest),
    ("ResourceInUse", Kind::RetryLater),
    ("ResourceInsufficient", Kind::Failed),
    ("ResourceNotFound", Kind::NotFound),
    ("ResourceUnavailable", Kind::Failed),
    ("ResponseSizeLimitExceeded", Kind::Failed),
    ("ServiceUnavailable", Kind::RetryLater),
    ("UnauthorizedOperation", Kind::Auth),
    ("UnknownParameter", Kind::InvalidRequest),
    ("UnsupportedOperation", Kind::InvalidRequest),
    ("UnsupportedProtocol", Kind::InvalidRequest),
    ("UnsupportedRegion", Kind::InvalidRequest),
    // RebalanceReadOnlyGroup's own codes.
    ("FailedOperation.BaseNetworkAccessError", Kind::RetryLater),
    ("FailedOperation.CamAuthFailed", Kind::Auth),
    ("FailedOperation.CamSigAndAuthError", Kind::Auth),
    ("FailedOperation.DatabaseAccessError", Kind::RetryLater),
    ("FailedOperation.DeleteAllRoute", Kind::Failed),
    ("FailedOperation.FailedOperationError", Kind::RetryLater),
    ("FailedOperation.ROGroupNotFoundError", Kind::NotFound),
    ("FailedOperation.VPCResetServiceError", Kind::Failed),
    ("FailedOperation.VPCUpdateRouteError", Kind::Failed),
    ("InterfaceNameNotFound", Kind::InvalidRequest),
    ("InternalError.InternalHttpServerError", Kind::RetryLater),
    ("InternalError.SystemError", Kind::RetryLater),
    ("InvalidParameterValue.InvalidParameterValueError", Kind::InvalidRequest),
    ("InvalidParameterValue.ParameterHandleError", Kind::InvalidRequest),
    ("OperationDenied.CamDeniedError", Kind::Auth),
    ("ResourceNotFound.InstanceNotFoundError", Kind::NotFound),
    ("VpcError", Kind::Failed),
];

/// Classify an API error code: the explicit table first, then by prefix.
pub fn classify_api_code(code: &str) -> Kind {
    KNOWN_API_CODES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, kind)| *kind)
        .unwrap_or_else(|| classify_by_prefix(code))
}

/// The rule for codes the fact sheet does not list (new sub-codes appear over time).
fn classify_by_prefix(code: &str) -> Kind {
    let family = code.split('.').next().unwrap_or(code);
    match family {
        "AuthFailure"
        | "OperationDenied"
        | "UnauthorizedOperation"
        | "IpInBlacklist"
        | "IpNotInWhitelist" => Kind::Auth,
        "ResourceNotFound" => Kind::NotFound,
        "InvalidParameter"
        | "InvalidParameterValue"
        | "MissingParameter"
        | "UnknownParameter"
        | "UnsupportedOperation"
        | "InvalidAction"
        | "InvalidRequest" => Kind::InvalidRequest,
        "RequestLimitExceeded" | "InternalError" | "ServiceUnavailable" | "ResourceInUse" => Kind::RetryLater,
        _ => Kind::Failed,
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_row_and_codes_are_distinct() {
        let kinds = [
            Kind::Internal,
            Kind::Usage,
            Kind::Config,
            Kind::Auth,
            Kind::NotFound,
            Kind::InvalidRequest,
            Kind::Failed,
            Kind::RetryLater,
            Kind::Network,
            Kind::BadResponse,
            Kind::Interrupted,
        ];
        for kind in kinds {
            assert!(EXIT_CODES.iter().any(|r| r.kind == kind.name()), "{kind} missing");
        }
        let mut codes: Vec<u8> = EXIT_CODES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), EXIT_CODES.len());
        assert_eq!(Kind::Usage.exit_code(), 2, "clap's usage code");
        assert_eq!(Kind::Interrupted.exit_code(), 130);
    }

    #[test]
    fn issue_table_examples() {
        let cases = [
            ("AuthFailure.SomethingNew", 4),
            ("OperationDenied.Other", 4),
            ("UnauthorizedOperation.X", 4),
            ("ResourceNotFound.Whatever", 5),
            ("FailedOperation.ROGroupNotFoundError", 5),
            ("InvalidParameterValue.New", 6),
            ("UnsupportedOperation.X", 6),
            ("FailedOperation.SomethingElse", 7),
            ("TotallyUnknownCode", 7),
            ("RequestLimitExceeded.New", 8),
            ("InternalError.New", 8),
            ("ResourceInUse.X", 8),
        ];
        for (code, exit) in cases {
            assert_eq!(classify_api_code(code).exit_code(), exit, "{code}");
        }
    }

    #[test]
    fn gateway_statuses_are_retry_later_others_bad_response() {
        for (status, exit) in [(502, 8), (503, 8), (504, 8), (500, 10), (404, 10), (301, 10)] {
            let e = Error::HttpStatus { status, host: "h".into(), snippet: String::new() };
            assert_eq!(e.exit_code(), exit, "{status}");
        }
    }
}
