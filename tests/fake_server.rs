//! Self-tests of the test infrastructure in `tests/common`: the independent
//! TC3 verifier against the fact sheet's vectors, and the fake API server
//! driven with hand-built raw HTTP requests.

mod common;

use common::tc3;
use common::{
    http_date, read_response, send_raw, FakeApi, HttpResponse, Reply, Sandbox, TEST_SECRET_ID,
    TEST_SECRET_KEY, TEST_TOKEN,
};
use std::io::{BufReader, Read, Write};
use std::net::TcpStream;

// --- Fact sheet §1.4 inputs ------------------------------------------------

const PG_ID: &str = "AKIDEXAMPLE";
const PG_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const PG_TS: i64 = 1_700_000_000;
const PG_HOST: &str = "postgres.tencentcloudapi.com";
const PG_BODY: &str = r#"{"ReadOnlyGroupId":"pgrogrp-e0tfm161"}"#;
const PG_PAYLOAD_HASH: &str = "1cf6af275669583f64389f8725453eb30400a43bed1583582802e85fb5fa495a";
const PG_SCOPE: &str = "2023-11-14/postgres/tc3_request";
const PG_SECRET_DATE: &str = "887d0077ac19ed5cba18590a4fe79f7e1d851a9b05bd4e02a3af730156456978";
const PG_SECRET_SERVICE: &str = "bee17e0b02090cdce8dfe61333d173b497ec78d1669063d8dee0c3cacc7017c1";
const PG_SECRET_SIGNING: &str = "213300d392ed4e8c64607fcb993bd26e79a45c06e5253b190c951266fd66fde0";

const CT_CHARSET: &str = "application/json; charset=utf-8";
const CT_PLAIN: &str = "application/json";

const PG1_AUTH: &str = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/postgres/tc3_request, SignedHeaders=content-type;host, Signature=b36019d7c3261f2084cbeac530d71a88ed6620d36eddcf57657665aa00ae3bca";
const PG2_AUTH: &str = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/postgres/tc3_request, SignedHeaders=content-type;host, Signature=fb4e881122e17341b79bf994cd804a4eecedc702d5a49e5669986d4d41422a21";
const PG4_AUTH: &str = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/postgres/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=38a2f6b6f02a5394188efc5c163b6f69685362347b52ab8719251fa9f61484ac";

/// Check every intermediate of one postgres vector.
fn check_pg_vector(
    signed: &[(&str, &str)],
    expected_cr: &str,
    expected_hashed_cr: &str,
    expected_sig: &str,
    expected_auth: &str,
) {
    assert_eq!(tc3::sha256_hex(PG_BODY.as_bytes()), PG_PAYLOAD_HASH);
    assert_eq!(PG_BODY.len(), 38);
    let (ch, sh) = tc3::canonical_headers(signed);
    let cr = tc3::canonical_request("POST", "/", "", &ch, &sh, PG_PAYLOAD_HASH);
    assert_eq!(cr, expected_cr);
    assert_eq!(tc3::sha256_hex(cr.as_bytes()), expected_hashed_cr);
    let date = tc3::utc_date(PG_TS);
    assert_eq!(date, "2023-11-14");
    let scope = tc3::credential_scope(&date, "postgres");
    assert_eq!(scope, PG_SCOPE);
    let sts = tc3::string_to_sign("1700000000", &scope, &cr);
    assert_eq!(sts, format!("TC3-HMAC-SHA256\n1700000000\n{PG_SCOPE}\n{expected_hashed_cr}"));
    let (k_date, k_service, k_signing) = tc3::derive_keys(PG_KEY, &date, "postgres");
    assert_eq!(hex::encode(k_date), PG_SECRET_DATE);
    assert_eq!(hex::encode(k_service), PG_SECRET_SERVICE);
    assert_eq!(hex::encode(k_signing), PG_SECRET_SIGNING);
    assert_eq!(tc3::signature(PG_KEY, &date, "postgres", &sts), expected_sig);
    assert_eq!(tc3::authorization(PG_ID, PG_KEY, PG_TS, signed, PG_BODY.as_bytes()), expected_auth);
}

#[test]
fn vector_pg1_charset_content_type() {
    check_pg_vector(
        &[("Content-Type", CT_CHARSET), ("Host", PG_HOST)],
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:postgres.tencentcloudapi.com\n\ncontent-type;host\n1cf6af275669583f64389f8725453eb30400a43bed1583582802e85fb5fa495a",
        "93652c065379139d0e4cc56340cbd1a842dc68d5334d37eff66fe2115236d3d9",
        "b36019d7c3261f2084cbeac530d71a88ed6620d36eddcf57657665aa00ae3bca",
        PG1_AUTH,
    );
}

#[test]
fn vector_pg2_plain_content_type() {
    check_pg_vector(
        &[("Content-Type", CT_PLAIN), ("Host", PG_HOST)],
        "POST\n/\n\ncontent-type:application/json\nhost:postgres.tencentcloudapi.com\n\ncontent-type;host\n1cf6af275669583f64389f8725453eb30400a43bed1583582802e85fb5fa495a",
        "e2f2f5b814a23c15a0cc9a47d0b1b6a3fa56e5bc26ab3fa7c49c989bf084dac1",
        "fb4e881122e17341b79bf994cd804a4eecedc702d5a49e5669986d4d41422a21",
        PG2_AUTH,
    );
}

#[test]
fn vector_pg4_signs_x_tc_action() {
    // Header order and case on input must not matter.
    check_pg_vector(
        &[
            ("X-TC-Action", "RebalanceReadOnlyGroup"),
            ("Host", PG_HOST),
            ("Content-Type", CT_CHARSET),
        ],
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:postgres.tencentcloudapi.com\nx-tc-action:rebalancereadonlygroup\n\ncontent-type;host;x-tc-action\n1cf6af275669583f64389f8725453eb30400a43bed1583582802e85fb5fa495a",
        "88c38a9e25a309a24e64932b89c0a373d01edfe6f3d599ce938abddebe7106c9",
        "38a2f6b6f02a5394188efc5c163b6f69685362347b52ab8719251fa9f61484ac",
        PG4_AUTH,
    );
}

const CVM_PAYLOAD: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
const CVM_TS: i64 = 1_551_113_065;

fn cvm_signature(secret_key: &str, sign_action: bool) -> (String, String, String) {
    let mut signed =
        vec![("Content-Type", "application/json; charset=utf-8"), ("Host", "cvm.tencentcloudapi.com")];
    if sign_action {
        signed.push(("X-TC-Action", "DescribeInstances"));
    }
    let payload_hash = tc3::sha256_hex(CVM_PAYLOAD.as_bytes());
    assert_eq!(payload_hash, "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    let (ch, sh) = tc3::canonical_headers(&signed);
    let cr = tc3::canonical_request("POST", "/", "", &ch, &sh, &payload_hash);
    let date = tc3::utc_date(CVM_TS);
    assert_eq!(date, "2019-02-25", "UTC date, not UTC+8");
    let sts = tc3::string_to_sign(&CVM_TS.to_string(), &tc3::credential_scope(&date, "cvm"), &cr);
    (tc3::sha256_hex(cr.as_bytes()), sts.clone(), tc3::signature(secret_key, &date, "cvm", &sts))
}

#[test]
fn vector_cvm_b1() {
    let key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    let (hashed_cr, sts, sig) = cvm_signature(key, false);
    assert_eq!(hashed_cr, "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
    assert_eq!(
        sts,
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
    );
    let (d, s, k) = tc3::derive_keys(key, "2019-02-25", "cvm");
    assert_eq!(hex::encode(d), "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a");
    assert_eq!(hex::encode(s), "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050");
    assert_eq!(hex::encode(k), "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1");
    assert_eq!(sig, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

#[test]
fn vector_cvm_a_and_b2() {
    let (hashed_cr, _, sig) = cvm_signature(&"*".repeat(32), true);
    assert_eq!(hashed_cr, "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
    assert_eq!(sig, "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    let (_, _, sig) = cvm_signature("Gu5t9xGARNpq86cd98joQYCN3*******", false);
    assert_eq!(sig, "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
}

// --- Parsing and verification without the network -------------------------

#[test]
fn parse_authorization_pg1() {
    let a = tc3::parse_authorization(PG1_AUTH).unwrap();
    assert_eq!(a.secret_id, "AKIDEXAMPLE");
    assert_eq!(a.date, "2023-11-14");
    assert_eq!(a.service, "postgres");
    assert_eq!(a.signed_headers, vec!["content-type", "host"]);
    assert_eq!(a.signature, "b36019d7c3261f2084cbeac530d71a88ed6620d36eddcf57657665aa00ae3bca");
    let a = tc3::parse_authorization(PG4_AUTH).unwrap();
    assert_eq!(a.signed_headers, vec!["content-type", "host", "x-tc-action"]);
}

#[test]
fn parse_authorization_rejects_malformed() {
    let sig = "b36019d7c3261f2084cbeac530d71a88ed6620d36eddcf57657665aa00ae3bca";
    let cred = "Credential=AKIDEXAMPLE/2023-11-14/postgres/tc3_request";
    let bad = [
        String::new(),
        format!("TC3-HMAC-SHA1 {cred}, SignedHeaders=content-type;host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred},SignedHeaders=content-type;host,Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=content-type;host"),
        format!("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/postgres, SignedHeaders=content-type;host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/postgres/tc3_request, SignedHeaders=content-type;host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/postgres/tc2_request, SignedHeaders=content-type;host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 Credential=/2023-11-14/postgres/tc3_request, SignedHeaders=content-type;host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=content-type, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=host;content-type, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=Content-Type;Host, Signature={sig}"),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=content-type;host, Signature={}", sig.to_uppercase()),
        format!("TC3-HMAC-SHA256 {cred}, SignedHeaders=content-type;host, Signature={}", &sig[..63]),
        format!("TC3-HMAC-SHA256 {cred}, Signature={sig}, SignedHeaders=content-type;host"),
    ];
    for value in &bad {
        assert!(tc3::parse_authorization(value).is_err(), "should be rejected: {value:?}");
    }
}

fn pg1_headers() -> Vec<(String, String)> {
    vec![
        ("Host".into(), PG_HOST.into()),
        ("Content-Type".into(), CT_CHARSET.into()),
        ("X-TC-Timestamp".into(), "1700000000".into()),
    ]
}

#[test]
fn verify_signature_direct() {
    let auth = tc3::parse_authorization(PG1_AUTH).unwrap();
    let h = pg1_headers();
    tc3::verify_signature(&auth, PG_KEY, "POST", &h, "1700000000", PG_BODY.as_bytes()).unwrap();
    // Case/whitespace of received values is canonicalised.
    let h2 = vec![
        ("HOST".to_string(), format!("  {}  ", PG_HOST.to_uppercase())),
        ("content-type".to_string(), "Application/JSON; Charset=UTF-8".to_string()),
    ];
    tc3::verify_signature(&auth, PG_KEY, "POST", &h2, "1700000000", PG_BODY.as_bytes()).unwrap();
    // Wrong key, body, timestamp, host.
    assert!(tc3::verify_signature(&auth, "x", "POST", &h, "1700000000", PG_BODY.as_bytes()).is_err());
    assert!(tc3::verify_signature(&auth, PG_KEY, "POST", &h, "1700000000", b"{}").is_err());
    assert!(tc3::verify_signature(&auth, PG_KEY, "POST", &h, "1700000001", PG_BODY.as_bytes()).is_err());
    // Scope date must be the UTC date of the timestamp (next day here).
    let e = tc3::verify_signature(&auth, PG_KEY, "POST", &h, "1700100000", PG_BODY.as_bytes()).unwrap_err();
    assert!(e.contains("date"), "{e}");
    // Missing signed header.
    let e =
        tc3::verify_signature(&auth, PG_KEY, "POST", &h[1..], "1700000000", PG_BODY.as_bytes()).unwrap_err();
    assert!(e.contains("host"), "{e}");
    // Duplicated signed header.
    let mut dup = h.clone();
    dup.push(("content-type".into(), CT_CHARSET.into()));
    assert!(tc3::verify_signature(&auth, PG_KEY, "POST", &dup, "1700000000", PG_BODY.as_bytes()).is_err());
    // Service must be postgres.
    let mut cvm = auth.clone();
    cvm.service = "cvm".into();
    let e = tc3::verify_signature(&cvm, PG_KEY, "POST", &h, "1700000000", PG_BODY.as_bytes()).unwrap_err();
    assert!(e.contains("service"), "{e}");
}

#[test]
fn dates() {
    assert_eq!(tc3::utc_date(0), "1970-01-01");
    assert_eq!(tc3::utc_date(951_782_400), "2000-02-29");
    assert_eq!(tc3::utc_date(1_551_113_065), "2019-02-25");
    assert_eq!(tc3::utc_date(1_709_251_199), "2024-02-29");
    assert_eq!(tc3::utc_date(1_709_251_200), "2024-03-01");
    assert_eq!(tc3::utc_date(-1), "1969-12-31");
    assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_eq!(http_date(PG_TS), "Tue, 14 Nov 2023 22:13:20 GMT");
    assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_eq!(http_date(1_551_113_065), "Mon, 25 Feb 2019 16:44:25 GMT");
    assert_eq!(http_date(4_102_444_799), "Thu, 31 Dec 2099 23:59:59 GMT");
}

// --- End to end over TCP ----------------------------------------------------

/// A hand-built request. `Content-Length` is added at send time if absent.
#[derive(Clone)]
struct Req {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    fn vector(content_type: &str, auth: &str) -> Req {
        Req {
            method: "POST".into(),
            path: "/".into(),
            headers: vec![
                ("Host".into(), PG_HOST.into()),
                ("Content-Type".into(), content_type.into()),
                ("X-TC-Action".into(), "RebalanceReadOnlyGroup".into()),
                ("X-TC-Version".into(), "2017-03-12".into()),
                ("X-TC-Timestamp".into(), PG_TS.to_string()),
                ("Authorization".into(), auth.into()),
            ],
            body: PG_BODY.as_bytes().to_vec(),
        }
    }
    fn pg1() -> Req {
        Req::vector(CT_CHARSET, PG1_AUTH)
    }
    fn pg2() -> Req {
        Req::vector(CT_PLAIN, PG2_AUTH)
    }
    fn pg4() -> Req {
        Req::vector(CT_CHARSET, PG4_AUTH)
    }
    /// Replace (case-insensitively) or append a header.
    fn set(mut self, name: &str, value: &str) -> Req {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.into(), value.into()));
        self
    }
    fn remove(mut self, name: &str) -> Req {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self
    }
    fn body(mut self, body: &[u8]) -> Req {
        self.body = body.to_vec();
        self
    }
    /// Re-sign body + headers with the PG credential (content-type;host).
    fn resign(self) -> Req {
        let ct = self.header("content-type").to_string();
        let host = self.header("host").to_string();
        let ts: i64 = self.header("x-tc-timestamp").parse().unwrap();
        let auth =
            tc3::authorization(PG_ID, PG_KEY, ts, &[("content-type", &ct), ("host", &host)], &self.body);
        self.set("Authorization", &auth)
    }
    fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).unwrap()
    }
    fn bytes(&self) -> Vec<u8> {
        let mut headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let len = self.body.len().to_string();
        if !self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
            headers.push(("Content-Length", &len));
        }
        common::raw_request(&self.method, &self.path, &headers, &self.body)
    }
    fn send(&self, fake: &FakeApi) -> HttpResponse {
        send_raw(fake.addr(), &self.bytes())
    }
}

/// Fake server frozen at the vector timestamp that knows the vector credential.
fn pg_fake(replies: Vec<Reply>) -> FakeApi {
    FakeApi::start(replies).with_server_time(PG_TS).with_credential(PG_ID, PG_KEY)
}

/// Common checks on every JSON response; returns the RequestId.
fn check_json_envelope(resp: &HttpResponse) -> String {
    assert_eq!(resp.status, 200, "{}", resp.body_str());
    assert_eq!(resp.header("content-type"), Some("application/json"));
    assert_eq!(resp.header("content-length"), Some(resp.body.len().to_string().as_str()));
    assert!(resp.header("date").is_some());
    let id = resp.json()["Response"]["RequestId"].as_str().expect("RequestId").to_string();
    assert_uuid_like(&id);
    id
}

fn assert_uuid_like(id: &str) {
    let groups: Vec<&str> = id.split('-').collect();
    assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12], "{id}");
    assert!(id.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()), "{id}");
}

fn expect_error(fake: &FakeApi, req: &Req, code: &str) -> HttpResponse {
    let resp = req.send(fake);
    check_json_envelope(&resp);
    assert_eq!(resp.error_code().as_deref(), Some(code), "body: {}", resp.body_str());
    let rec = fake.last_request().unwrap();
    assert_eq!(rec.verdict, Err(code.to_string()), "{:?}", rec.detail);
    resp
}

fn expect_success(fake: &FakeApi, req: &Req) -> HttpResponse {
    let resp = req.send(fake);
    let id = check_json_envelope(&resp);
    assert_eq!(resp.json(), serde_json::json!({"Response": {"RequestId": id}}), "{}", resp.body_str());
    let rec = fake.last_request().unwrap();
    assert_eq!(rec.verdict, Ok(()), "{:?}", rec.detail);
    assert_eq!(rec.request_id.as_deref(), Some(id.as_str()));
    resp
}

#[test]
fn accepts_pg1() {
    let fake = pg_fake(vec![]);
    let resp = expect_success(&fake, &Req::pg1());
    assert_eq!(resp.header("date"), Some("Tue, 14 Nov 2023 22:13:20 GMT"));
    assert_eq!(fake.request_count(), 1);
    let rec = &fake.requests()[0];
    assert_eq!(rec.method, "POST");
    assert_eq!(rec.path, "/");
    assert_eq!(rec.body_str(), PG_BODY);
    assert_eq!(rec.body_json()["ReadOnlyGroupId"], "pgrogrp-e0tfm161");
    assert_eq!(rec.header("HOST"), Some(PG_HOST));
    assert_eq!(rec.header("x-tc-timestamp"), Some("1700000000"));
    assert_eq!(rec.header("X-Nope"), None);
    // Original case is kept.
    assert!(rec.headers.iter().any(|(k, _)| k == "X-TC-Action"));
    assert_eq!(rec.detail, None);
}

#[test]
fn accepts_pg2_and_pg4() {
    let fake = pg_fake(vec![]);
    expect_success(&fake, &Req::pg2());
    expect_success(&fake, &Req::pg4());
    assert_eq!(fake.request_count(), 2);
}

#[test]
fn header_names_are_case_insensitive() {
    let fake = pg_fake(vec![]);
    let mut req = Req::pg1();
    for (k, _) in req.headers.iter_mut() {
        *k = k.to_ascii_lowercase();
    }
    expect_success(&fake, &req);
    let mut req = Req::pg4();
    for (k, _) in req.headers.iter_mut() {
        *k = k.to_ascii_uppercase();
    }
    expect_success(&fake, &req);
}

#[test]
fn tampered_body_is_signature_failure() {
    let fake = pg_fake(vec![]);
    let same_len = Req::pg1().body(br#"{"ReadOnlyGroupId":"pgrogrp-e0tfm162"}"#);
    let resp = expect_error(&fake, &same_len, "AuthFailure.SignatureFailure");
    // No request material is echoed to the client; the record keeps the detail.
    assert!(!resp.body_str().contains("pgrogrp"));
    assert!(fake.last_request().unwrap().detail.unwrap().contains("mismatch"));
    let longer = Req::pg1().body(br#"{"ReadOnlyGroupId": "pgrogrp-e0tfm161"}"#);
    expect_error(&fake, &longer, "AuthFailure.SignatureFailure");
}

#[test]
fn unknown_secret_id() {
    // Server does not know AKIDEXAMPLE.
    let fake = FakeApi::start(vec![]).with_server_time(PG_TS);
    expect_error(&fake, &Req::pg1(), "AuthFailure.SecretIdNotFound");
    // Known id, wrong key is a signature failure instead.
    let fake = FakeApi::start(vec![]).with_server_time(PG_TS).with_credential(PG_ID, "someOtherKey");
    expect_error(&fake, &Req::pg1(), "AuthFailure.SignatureFailure");
}

#[test]
fn expired_timestamp() {
    for (server, ok) in [
        (PG_TS + 301, false),
        (PG_TS - 301, false),
        (PG_TS + 300, true),
        (PG_TS - 300, true),
        (PG_TS + 86_400, false),
    ] {
        let fake = pg_fake(vec![]).with_server_time(server);
        if ok {
            expect_success(&fake, &Req::pg1());
        } else {
            let resp = expect_error(&fake, &Req::pg1(), "AuthFailure.SignatureExpire");
            let msg = resp.json()["Response"]["Error"]["Message"].as_str().unwrap().to_string();
            assert!(msg.contains("1700000000"), "{msg}");
            assert!(msg.contains(&server.to_string()), "{msg}");
        }
        assert_eq!(fake.last_request().unwrap().header("x-tc-timestamp"), Some("1700000000"));
    }
}

#[test]
fn expiry_is_checked_before_secret_id_and_signature() {
    let fake = FakeApi::start(vec![]).with_server_time(PG_TS + 1000);
    expect_error(&fake, &Req::pg1().body(b"{}"), "AuthFailure.SignatureExpire");
}

#[test]
fn host_and_content_type_must_match_signed_values() {
    let fake = pg_fake(vec![]);
    expect_error(&fake, &Req::pg1().set("Host", &fake.host()), "AuthFailure.SignatureFailure");
    expect_error(&fake, &Req::pg1().set("Content-Type", CT_PLAIN), "AuthFailure.SignatureFailure");
    expect_error(&fake, &Req::pg2().set("Content-Type", CT_CHARSET), "AuthFailure.SignatureFailure");
    // Sending two Content-Type headers is rejected too.
    let mut dup = Req::pg2();
    dup.headers.push(("Content-Type".into(), CT_PLAIN.into()));
    expect_error(&fake, &dup, "AuthFailure.SignatureFailure");
    // Missing Host.
    expect_error(&fake, &Req::pg1().remove("Host"), "AuthFailure.SignatureFailure");
    // Re-signed for the real host it passes.
    let req = Req::pg2().set("Host", &fake.host()).resign();
    expect_success(&fake, &req);
    assert_eq!(fake.last_request().unwrap().header("host"), Some(fake.host().as_str()));
}

#[test]
fn action_and_version() {
    let fake = pg_fake(vec![]);
    // PG-1 does not sign the action, so changing it keeps the signature valid.
    expect_error(&fake, &Req::pg1().set("X-TC-Action", "DescribeReadOnlyGroups"), "InvalidAction");
    expect_error(&fake, &Req::pg1().set("X-TC-Action", "rebalancereadonlygroup"), "InvalidAction");
    expect_error(&fake, &Req::pg1().remove("X-TC-Action"), "MissingParameter");
    // PG-4 signs it: changing it breaks the signature first.
    expect_error(
        &fake,
        &Req::pg4().set("X-TC-Action", "DescribeReadOnlyGroups"),
        "AuthFailure.SignatureFailure",
    );
    expect_error(&fake, &Req::pg1().set("X-TC-Version", "2017-03-13"), "NoSuchVersion");
    expect_error(&fake, &Req::pg1().remove("X-TC-Version"), "MissingParameter");
}

#[test]
fn authorization_problems() {
    let fake = pg_fake(vec![]);
    expect_error(&fake, &Req::pg1().remove("Authorization"), "AuthFailure.InvalidAuthorization");
    expect_error(&fake, &Req::pg1().set("Authorization", "Bearer abc"), "AuthFailure.InvalidAuthorization");
    expect_error(
        &fake,
        &Req::pg1().set("Authorization", &PG1_AUTH.replace("content-type;host", "host")),
        "AuthFailure.InvalidAuthorization",
    );
    let mut two = Req::pg1();
    two.headers.push(("Authorization".into(), PG1_AUTH.into()));
    expect_error(&fake, &two, "AuthFailure.InvalidAuthorization");
    // Service in the scope must be postgres.
    expect_error(
        &fake,
        &Req::pg1().set("Authorization", &PG1_AUTH.replace("/postgres/", "/cvm/")),
        "AuthFailure.SignatureFailure",
    );
}

#[test]
fn timestamp_problems() {
    let fake = pg_fake(vec![]);
    expect_error(&fake, &Req::pg1().remove("X-TC-Timestamp"), "MissingParameter");
    expect_error(&fake, &Req::pg1().set("X-TC-Timestamp", "soon"), "MissingParameter");
    // Within the window but not the signed value.
    expect_error(&fake, &Req::pg1().set("X-TC-Timestamp", "1700000001"), "AuthFailure.SignatureFailure");
}

#[test]
fn method_and_path() {
    let fake = pg_fake(vec![]);
    let mut get = Req::pg1();
    get.method = "GET".into();
    expect_error(&fake, &get, "UnsupportedProtocol");
    let mut path = Req::pg1();
    path.path = "/v2".into();
    expect_error(&fake, &path, "UnsupportedProtocol");
    let mut query = Req::pg1();
    query.path = "/?Action=RebalanceReadOnlyGroup".into();
    expect_error(&fake, &query, "UnsupportedProtocol");
    assert_eq!(fake.requests()[0].method, "GET");
}

#[test]
fn body_validation() {
    let fake = pg_fake(vec![]);
    let cases: [(&[u8], &str); 7] = [
        (b"", "InvalidParameter"),
        (b"ReadOnlyGroupId=pgrogrp-1", "InvalidParameter"),
        (br#"["pgrogrp-1"]"#, "InvalidParameter"),
        (b"{}", "MissingParameter"),
        (br#"{"ReadOnlyGroupId":7}"#, "InvalidParameter"),
        (br#"{"ReadOnlyGroupId":""}"#, "InvalidParameterValue"),
        (br#"{"ReadOnlyGroupId":"pgrogrp-1","Region":"ap-guangzhou"}"#, "UnknownParameter"),
    ];
    for (body, code) in cases {
        expect_error(&fake, &Req::pg2().body(body).resign(), code);
    }
    // Pretty JSON with spaces (what the Python SDK sends) is fine.
    expect_success(&fake, &Req::pg2().body(br#"{"ReadOnlyGroupId": "pgrogrp-e0tfm161"}"#).resign());
}

#[test]
fn token_and_region() {
    let fake = pg_fake(vec![]);
    // Neither is signed by PG-1, so they can be added freely.
    expect_success(&fake, &Req::pg1().set("X-TC-Token", TEST_TOKEN));
    let resp =
        expect_error(&fake, &Req::pg1().set("X-TC-Token", "stale-token-value"), "AuthFailure.TokenFailure");
    assert!(!resp.body_str().contains("stale-token-value"));
    expect_error(&fake, &Req::pg1().set("X-TC-Token", ""), "AuthFailure.TokenFailure");
    expect_success(&fake, &Req::pg1().set("X-TC-Region", "ap-guangzhou"));
    expect_error(&fake, &Req::pg1().set("X-TC-Region", ""), "InvalidParameterValue");
    expect_success(&fake, &Req::pg1().set("X-TC-Language", "en-US").set("X-TC-RequestClient", "tcpg"));
}

#[test]
fn default_credential_with_real_clock() {
    // No frozen clock: the server uses real time; TEST_SECRET_ID is known.
    let fake = FakeApi::start(vec![]);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((fake.server_time() - now).abs() <= 5);
    let host = fake.host();
    let auth = tc3::authorization(
        TEST_SECRET_ID,
        TEST_SECRET_KEY,
        now,
        &[("content-type", CT_PLAIN), ("host", &host)],
        PG_BODY.as_bytes(),
    );
    let req =
        Req::pg2().set("Host", &host).set("X-TC-Timestamp", &now.to_string()).set("Authorization", &auth);
    expect_success(&fake, &req);
    // The default fake does not know the vector credential.
    let fake = FakeApi::start(vec![]).with_server_time(PG_TS);
    expect_error(&fake, &Req::pg1(), "AuthFailure.SecretIdNotFound");
}

/// A scripted ApiError: the request itself verified (verdict Ok).
fn expect_api_error(fake: &FakeApi, req: &Req, code: &str) -> HttpResponse {
    let resp = req.send(fake);
    let id = check_json_envelope(&resp);
    assert_eq!(resp.error_code().as_deref(), Some(code), "{}", resp.body_str());
    let rec = fake.last_request().unwrap();
    assert_eq!(rec.verdict, Ok(()), "{:?}", rec.detail);
    assert_eq!(rec.request_id.as_deref(), Some(id.as_str()));
    resp
}

#[test]
fn scripted_replies_in_order_then_last_repeats() {
    let fake = pg_fake(vec![
        Reply::api_error("RequestLimitExceeded", "slow down"),
        Reply::Success,
        Reply::ApiError {
            code: "FailedOperation.ROGroupNotFoundError".into(),
            message: "RO group not found".into(),
        },
    ]);
    let resp = expect_api_error(&fake, &Req::pg1(), "RequestLimitExceeded");
    assert_eq!(resp.json()["Response"]["Error"]["Message"], "slow down");
    expect_success(&fake, &Req::pg1());
    for _ in 0..3 {
        let resp = expect_api_error(&fake, &Req::pg2(), "FailedOperation.ROGroupNotFoundError");
        assert_eq!(resp.json()["Response"]["Error"]["Message"], "RO group not found");
    }
    assert_eq!(fake.request_count(), 5);
}

#[test]
fn verification_failure_wins_over_scripted_error_and_consumes_it() {
    let fake =
        pg_fake(vec![Reply::api_error("ResourceInUse", "busy"), Reply::api_error("InternalError", "oops")]);
    // Request 1 fails verification: the auth error is answered, and the
    // first scripted reply is used up.
    expect_error(&fake, &Req::pg1().body(b"{}"), "AuthFailure.SignatureFailure");
    expect_api_error(&fake, &Req::pg1(), "InternalError");
}

#[test]
fn raw_reply_skips_verification_but_records_verdict() {
    let fake = pg_fake(vec![
        Reply::Raw {
            status: 502,
            headers: vec![("Content-Type".into(), "text/html".into()), ("X-Extra".into(), "1".into())],
            body: b"<html>bad gateway</html>".to_vec(),
        },
        Reply::raw_json(503, r#"{"not":"tencent"}"#),
        Reply::raw(200, "not json at all"),
    ]);
    let resp = Req::pg1().body(b"{}").send(&fake);
    assert_eq!(resp.status, 502);
    assert_eq!(resp.body_str(), "<html>bad gateway</html>");
    assert_eq!(resp.header("content-type"), Some("text/html"));
    assert_eq!(resp.header("x-extra"), Some("1"));
    assert_eq!(resp.header("content-length"), Some("24"));
    assert_eq!(resp.header("connection"), Some("close"));
    assert_eq!(resp.header("date"), Some("Tue, 14 Nov 2023 22:13:20 GMT"));
    let rec = fake.last_request().unwrap();
    assert_eq!(rec.verdict, Err("AuthFailure.SignatureFailure".into()));
    assert_eq!(rec.request_id, None);

    let resp = Req::pg1().send(&fake);
    assert_eq!(resp.status, 503);
    assert_eq!(resp.header("content-type"), Some("application/json"));
    assert_eq!(resp.json()["not"], "tencent");
    assert_eq!(fake.last_request().unwrap().verdict, Ok(()));

    for _ in 0..2 {
        let resp = Req::pg1().send(&fake);
        assert_eq!(resp.status, 200);
        assert_eq!(resp.header("content-type"), None);
        assert_eq!(resp.body_str(), "not json at all");
    }
    assert_eq!(fake.request_count(), 4);
}

#[test]
fn raw_reply_with_own_framing_headers() {
    // A lying Content-Length (longer than the body) is sent verbatim and the
    // connection is closed, so a client sees a truncated body.
    let fake = pg_fake(vec![Reply::Raw {
        status: 200,
        headers: vec![
            ("Content-Length".into(), "100".into()),
            ("Date".into(), "Mon, 01 Jan 2024 00:00:00 GMT".into()),
        ],
        body: b"{\"Response\":".to_vec(),
    }]);
    let mut stream = TcpStream::connect(fake.addr()).unwrap();
    stream.write_all(&Req::pg1().bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
    assert!(text.contains("\r\nContent-Length: 100\r\n"), "{text}");
    assert_eq!(text.matches("Content-Length").count(), 1, "{text}");
    assert_eq!(text.matches("Date:").count(), 1, "{text}");
    assert!(text.ends_with("\r\n\r\n{\"Response\":"), "{text}");
}

#[test]
fn keep_alive_serves_several_requests_per_connection() {
    let fake = pg_fake(vec![]);
    let stream = TcpStream::connect(fake.addr()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut ids = Vec::new();
    for req in [Req::pg1(), Req::pg2(), Req::pg4()] {
        writer.write_all(&req.bytes()).unwrap();
        let resp = read_response(&mut reader).unwrap();
        assert_eq!(resp.header("connection"), None);
        ids.push(check_json_envelope(&resp));
        assert_eq!(resp.error_code(), None);
    }
    // Pipelined: two requests written at once.
    let mut both = Req::pg1().bytes();
    both.extend(Req::pg1().body(b"{}").bytes());
    writer.write_all(&both).unwrap();
    let first = read_response(&mut reader).unwrap();
    let second = read_response(&mut reader).unwrap();
    ids.push(check_json_envelope(&first));
    ids.push(check_json_envelope(&second));
    assert_eq!(first.error_code(), None);
    assert_eq!(second.error_code().as_deref(), Some("AuthFailure.SignatureFailure"));
    // Connection: close is honoured.
    writer.write_all(&Req::pg1().set("Connection", "close").bytes()).unwrap();
    let last = read_response(&mut reader).unwrap();
    assert_eq!(last.header("connection"), Some("close"));
    ids.push(check_json_envelope(&last));
    let mut rest = Vec::new();
    assert_eq!(reader.read_to_end(&mut rest).unwrap(), 0, "server closed");

    assert_eq!(fake.request_count(), 6);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "RequestIds are unique");
    let recorded: Vec<Option<String>> = fake.requests().into_iter().map(|r| r.request_id).collect();
    assert!(recorded.iter().all(Option::is_some));
}

#[test]
fn http_1_0_gets_connection_close() {
    let fake = pg_fake(vec![]);
    let mut bytes = Req::pg1().bytes();
    let pos = bytes.windows(8).position(|w| w == b"HTTP/1.1").unwrap();
    bytes[pos..pos + 8].copy_from_slice(b"HTTP/1.0");
    let mut stream = TcpStream::connect(fake.addr()).unwrap();
    stream.write_all(&bytes).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let resp = read_response(&mut &raw[..]).unwrap();
    assert_eq!(resp.header("connection"), Some("close"));
    assert_eq!(resp.error_code(), None);
}

#[test]
fn expect_continue_and_chunked_bodies() {
    let fake = pg_fake(vec![]);
    // Expect: 100-continue: the body is sent only after the interim response.
    let req = Req::pg1().set("Expect", "100-continue");
    let all = req.bytes();
    let split = all.len() - PG_BODY.len();
    let stream = TcpStream::connect(fake.addr()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    writer.write_all(&all[..split]).unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut reader, &mut line).unwrap();
    assert_eq!(line, "HTTP/1.1 100 Continue\r\n");
    let mut blank = String::new();
    std::io::BufRead::read_line(&mut reader, &mut blank).unwrap();
    assert_eq!(blank, "\r\n");
    writer.write_all(&all[split..]).unwrap();
    let resp = read_response(&mut reader).unwrap();
    assert_eq!(resp.error_code(), None, "{}", resp.body_str());

    // Chunked transfer encoding.
    let mut req = Req::pg1().set("Transfer-Encoding", "chunked");
    req.body = format!("5\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n", &PG_BODY[..5], PG_BODY.len() - 5, &PG_BODY[5..])
        .into_bytes();
    let mut bytes = Vec::new();
    {
        let headers: Vec<(&str, &str)> = req.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        bytes.extend(common::raw_request("POST", "/", &headers, &req.body));
    }
    let resp = send_raw(fake.addr(), &bytes);
    assert_eq!(resp.error_code(), None, "{}", resp.body_str());
    assert_eq!(fake.last_request().unwrap().body_str(), PG_BODY);
}

#[test]
fn malformed_http_gets_400() {
    let fake = pg_fake(vec![]);
    let resp = send_raw(fake.addr(), b"HELLO\r\n\r\n");
    assert_eq!(resp.status, 400);
    assert!(resp.header("date").is_some());
    let resp = send_raw(fake.addr(), b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n");
    assert_eq!(resp.status, 400);
    let recs = fake.requests();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].verdict, Err("InvalidRequest".into()));
    // Malformed requests do not consume scripted replies.
    expect_success(&fake, &Req::pg1());
}

#[test]
fn concurrent_clients() {
    let fake = pg_fake(vec![]);
    std::thread::scope(|s| {
        for i in 0..8 {
            let fake = &fake;
            s.spawn(move || {
                let req = if i % 2 == 0 { Req::pg1() } else { Req::pg2() };
                let resp = req.send(fake);
                check_json_envelope(&resp);
                assert_eq!(resp.error_code(), None, "{}", resp.body_str());
            });
        }
    });
    assert_eq!(fake.request_count(), 8);
    assert!(fake.requests().iter().all(|r| r.verdict.is_ok()));
}

#[test]
fn endpoint_host_and_drop() {
    let fake = pg_fake(vec![]);
    assert!(fake.endpoint().starts_with("http://127.0.0.1:"));
    assert_eq!(fake.endpoint(), format!("http://{}", fake.host()));
    assert_eq!(fake.host(), fake.addr().to_string());
    expect_success(&fake, &Req::pg1());
    // Drop wakes and joins the accept thread (this must not hang). Whether
    // the port then refuses connections is not asserted: another test may
    // legitimately get the same ephemeral port.
    drop(fake);
}

#[test]
fn sandbox_layout() {
    let sb = Sandbox::new();
    let home = sb.home.path().to_path_buf();
    let path = sb.config_path();
    assert_eq!(path, home.join(".config").join("tcpg").join("config.toml"));
    assert!(!path.exists());
    let written = sb.write_config("region = \"ap-guangzhou\"\n");
    assert_eq!(written, path);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "region = \"ap-guangzhou\"\n");
    // The command can be built (the binary exists); it is not run here.
    let _cmd = sb.cmd();
    drop(sb);
    assert!(!home.exists(), "temp HOME removed on drop");
}

#[test]
fn rate_limit_throttles_above_the_limit_in_one_second_window() {
    // Start just after a whole second so that the requests below share one window.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    std::thread::sleep(std::time::Duration::from_nanos(u64::from(1_000_000_000 - now.subsec_nanos())));
    let fake = pg_fake(vec![Reply::Success, Reply::api_error("ResourceInUse", "busy")]).with_rate_limit(2);
    expect_success(&fake, &Req::pg1());
    let resp = expect_api_error(&fake, &Req::pg1(), "ResourceInUse");
    assert_eq!(resp.json()["Response"]["Error"]["Code"], "ResourceInUse");
    // The third in the same second is throttled, without consuming a scripted reply.
    expect_api_error(&fake, &Req::pg1(), "RequestLimitExceeded");
    assert_eq!(fake.throttled(), 1);
    assert_eq!(fake.request_count(), 3);
    // A fresh window: the scripted replies resume.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    std::thread::sleep(std::time::Duration::from_nanos(u64::from(1_000_000_000 - now.subsec_nanos())));
    expect_api_error(&fake, &Req::pg1(), "ResourceInUse");
    assert_eq!(fake.throttled(), 1);
}
