//! The signer against every published vector (fact sheet §1.3 and §1.4), stage by stage, from
//! the fixture files in `tests/fixtures/signer/<case>/`. A failure names the broken stage.

use serde_json::Value;
use std::path::PathBuf;
use tcpg::signer;

fn fixture(case: &str, file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signer").join(case).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Fixtures may be checked out with CRLF line endings on some systems.
    text.replace("\r\n", "\n")
}

fn check(case: &str) {
    let context: Value = serde_json::from_str(&fixture(case, "context.json")).unwrap();
    let expected: Value = serde_json::from_str(&fixture(case, "expected.json")).unwrap();
    let secret_id = context["secret_id"].as_str().unwrap();
    let secret_key = context["secret_key"].as_str().unwrap();
    let service = context["service"].as_str().unwrap();
    let timestamp = context["timestamp"].as_i64().unwrap();
    let payload = context["payload"].as_str().unwrap();
    let headers: Vec<(String, String)> = context["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair[0].as_str().unwrap().to_string(), pair[1].as_str().unwrap().to_string()))
        .collect();
    let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let want = |key: &str| expected.get(key).and_then(Value::as_str);

    assert_eq!(
        Some(signer::sha256_hex(payload.as_bytes()).as_str()),
        want("payload_hash"),
        "{case}: payload hash"
    );

    let canonical = signer::canonical_request("POST", &header_refs, payload.as_bytes());
    assert_eq!(canonical.to_string(), fixture(case, "canonical_request.txt"), "{case}: canonical request");
    assert_eq!(Some(canonical.hash().as_str()), want("canonical_hash"), "{case}: hashed canonical request");

    let date = signer::utc_date(timestamp).unwrap();
    let scope = signer::credential_scope(&date, service);
    let to_sign = signer::string_to_sign(timestamp, &scope, &canonical);
    assert_eq!(to_sign, fixture(case, "string_to_sign.txt"), "{case}: string to sign");

    let [k_date, k_service, k_signing] = signer::signing_key_stages(secret_key, &date, service);
    if let Some(expected) = want("secret_date") {
        assert_eq!(hex::encode(k_date), expected, "{case}: SecretDate");
    }
    if let Some(expected) = want("secret_service") {
        assert_eq!(hex::encode(k_service), expected, "{case}: SecretService");
    }
    if let Some(expected) = want("secret_signing") {
        assert_eq!(hex::encode(k_signing), expected, "{case}: SecretSigning");
    }
    assert_eq!(signer::signing_key(secret_key, &date, service), k_signing, "{case}: signing key");

    let signature = signer::signature(&k_signing, &to_sign);
    assert_eq!(Some(signature.as_str()), want("signature"), "{case}: signature");

    let authorization = signer::authorization(secret_id, &scope, canonical.signed_headers(), &signature);
    if let Some(expected) = want("authorization") {
        assert_eq!(authorization, expected, "{case}: Authorization");
    }

    // The one-call entry point agrees with the stages.
    let signed =
        signer::sign(secret_id, secret_key, service, timestamp, &header_refs, payload.as_bytes()).unwrap();
    assert_eq!(signed.authorization, authorization, "{case}: sign()");
}

#[test]
fn vector_cvm_a_current_cn_doc_signs_x_tc_action() {
    check("cvm-a-signs-action");
}

#[test]
fn vector_cvm_b1_older_doc() {
    check("cvm-b1");
}

#[test]
fn vector_cvm_b2_masked_keys() {
    check("cvm-b2-masked");
}

#[test]
fn vector_pg_1_charset_content_type() {
    check("pg-1-charset");
}

#[test]
fn vector_pg_2_plain_json_content_type() {
    check("pg-2-plain-json");
}

#[test]
fn vector_pg_4_signs_x_tc_action() {
    check("pg-4-signs-action");
}

#[test]
fn every_fixture_directory_has_a_test() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signer");
    let mut cases: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert_eq!(
        cases,
        [
            "cvm-a-signs-action",
            "cvm-b1",
            "cvm-b2-masked",
            "pg-1-charset",
            "pg-2-plain-json",
            "pg-4-signs-action"
        ]
    );
}
