//! Shared integration-test infrastructure: a fake Tencent Cloud API server that
//! verifies TC3-HMAC-SHA256 signatures independently, and a hermetic command
//! sandbox for running the `tcpg` binary.
#![allow(dead_code)]

pub mod tc3;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const TEST_SECRET_ID: &str = "AKIDtcpgTESTID000000000000000000";
pub const TEST_SECRET_KEY: &str = "tcpgTESTsecretKEYdoNotLEAK0123456789"; // tests grep output for this
pub const TEST_TOKEN: &str = "tcpgTESTsessionTOKENdoNotLEAKabcdef";

/// The only action/version the fake server accepts.
pub const ACTION: &str = "RebalanceReadOnlyGroup";
pub const VERSION: &str = "2017-03-12";
/// Maximum allowed |X-TC-Timestamp - server clock|, in seconds.
pub const MAX_SKEW_SECS: i64 = 300;

const MAX_HEADER_BYTES: usize = 64 * 1024;
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Guards against a client that stalls mid-request (or a forgotten idle
/// keep-alive connection): the connection thread gives up after this.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// What the fake server answers to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Normal behaviour: verify the request like the real service, then answer success
    /// `{"Response":{"RequestId":"<uuid-like>"}}` with HTTP 200.
    Success,
    /// After verification passes, answer HTTP 200 with
    /// `{"Response":{"Error":{"Code":code,"Message":msg},"RequestId":"<id>"}}`.
    ApiError { code: String, message: String },
    /// Sent WITHOUT enforcing verification (the verdict is still recorded):
    /// this status, these extra headers and this raw body. `Date`,
    /// `Content-Length` and `Connection: close` are added unless given in
    /// `headers`; no `Content-Type` is added. The connection is closed after.
    Raw { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Read and record the request, then never answer: keep the connection open until the
    /// client gives up (a server that accepts and hangs).
    Hang,
    /// Read and record the request, then reset the connection (RST, no response).
    Reset,
    /// Answer 200 with `Content-Length: size` and stream that many filler bytes without
    /// holding them in memory; stops when the client closes.
    Huge { size: u64 },
}

impl Reply {
    pub fn api_error(code: &str, message: &str) -> Reply {
        Reply::ApiError { code: code.to_string(), message: message.to_string() }
    }

    /// `Raw` reply with a body and no extra headers.
    pub fn raw(status: u16, body: &str) -> Reply {
        Reply::Raw { status, headers: Vec::new(), body: body.as_bytes().to_vec() }
    }

    /// `Raw` reply with `Content-Type: application/json`.
    pub fn raw_json(status: u16, body: &str) -> Reply {
        Reply::Raw {
            status,
            headers: vec![("Content-Type".to_string(), "application/json".to_string())],
            body: body.as_bytes().to_vec(),
        }
    }
}

/// One request as seen by the fake server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// As received, original case, in order (values with surrounding whitespace trimmed).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `Ok` if signature + headers + body verified; `Err(code)` otherwise,
    /// e.g. `"AuthFailure.SignatureFailure"`. Computed for `Raw` replies too.
    pub verdict: Result<(), String>,
    /// Diagnostic explaining a failed verdict (never sent to the client when
    /// it could echo request material, e.g. the canonical request).
    pub detail: Option<String>,
    /// The `RequestId` placed in the JSON response (`None` for `Raw` replies
    /// and unparseable requests).
    pub request_id: Option<String>,
    /// Which TCP connection carried the request: 0 for the first accepted, then 1, 2, …
    pub connection: u64,
}

impl Recorded {
    /// First header with this name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Body as UTF-8 (panics if it is not).
    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).expect("request body is not UTF-8")
    }

    /// Body parsed as JSON (panics if it is not).
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is not JSON")
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

struct State {
    records: Vec<Recorded>,
    /// Number of scripted replies consumed so far.
    served: usize,
}

struct Shared {
    replies: Vec<Reply>,
    state: Mutex<State>,
    /// Notified whenever a request is recorded.
    recorded: Condvar,
    tls: Option<Arc<rustls::ServerConfig>>,
    credentials: Mutex<Vec<(String, String)>>,
    server_time: Mutex<Option<i64>>,
    shutdown: AtomicBool,
    id_counter: AtomicU64,
    connections: AtomicU64,
    id_seed: u64,
    /// Opt-in throttling like the real API (see [`FakeApi::with_rate_limit`]).
    rate_limit: Mutex<Option<RateLimit>>,
    /// Opt-in random delay before each request counts as arrived ([`FakeApi::with_latency`]).
    latency: Mutex<Duration>,
    latency_counter: AtomicU64,
}

/// At most `limit` requests per one-second window of the wall clock (`[s, s+1)` for whole
/// seconds `s`), counted on arrival; throttled requests count too.
struct RateLimit {
    limit: u32,
    window: i64,
    count: u32,
    throttled: u64,
}

impl RateLimit {
    /// Count one arrival now; true if it is over the limit.
    fn over(&mut self) -> bool {
        let window =
            SystemTime::now().duration_since(UNIX_EPOCH).expect("clock before 1970").as_secs() as i64;
        if window != self.window {
            self.window = window;
            self.count = 0;
        }
        self.count += 1;
        let over = self.count > self.limit;
        if over {
            self.throttled += 1;
        }
        over
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not wedge the server.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn real_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock before 1970").as_secs() as i64
}

impl Shared {
    fn now(&self) -> i64 {
        lock(&self.server_time).unwrap_or_else(real_now)
    }

    fn secret_key_for(&self, id: &str) -> Option<String> {
        lock(&self.credentials).iter().find(|(i, _)| i == id).map(|(_, k)| k.clone())
    }

    /// uuid-v4-looking id (splitmix64 over a per-server seed and a counter).
    fn new_request_id(&self) -> String {
        let n = self.id_counter.fetch_add(1, Ordering::Relaxed);
        let mut x = self.id_seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let a = next();
        let b = next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }
}

/// A fake `postgres.tencentcloudapi.com` on 127.0.0.1, verifying requests like
/// the real service would (see the crate's test README / `verify`).
pub struct FakeApi {
    shared: Arc<Shared>,
    addr: SocketAddr,
    accept_thread: Option<JoinHandle<()>>,
}

impl FakeApi {
    /// Start with one known credential pair (TEST_SECRET_ID -> TEST_SECRET_KEY).
    /// Replies are served in order, one per request (whether or not the
    /// request verifies); once exhausted the last reply repeats.
    /// Empty vec = always `Success`.
    pub fn start(replies: Vec<Reply>) -> FakeApi {
        Self::start_with(replies, None)
    }

    /// The same server over HTTPS, with a CA and a certificate for `localhost` and `127.0.0.1`
    /// generated now. Returns the server and the CA certificate (PEM) that the client must trust.
    pub fn start_tls(replies: Vec<Reply>) -> (FakeApi, String) {
        let (config, ca_pem) = test_tls_config();
        (Self::start_with(replies, Some(Arc::new(config))), ca_pem)
    }

    fn start_with(replies: Vec<Reply>, tls: Option<Arc<rustls::ServerConfig>>) -> FakeApi {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
            ^ (u64::from(addr.port()) << 48)
            ^ u64::from(std::process::id());
        let shared = Arc::new(Shared {
            replies: if replies.is_empty() { vec![Reply::Success] } else { replies },
            state: Mutex::new(State { records: Vec::new(), served: 0 }),
            recorded: Condvar::new(),
            tls,
            credentials: Mutex::new(vec![(TEST_SECRET_ID.to_string(), TEST_SECRET_KEY.to_string())]),
            server_time: Mutex::new(None),
            shutdown: AtomicBool::new(false),
            id_counter: AtomicU64::new(0),
            connections: AtomicU64::new(0),
            id_seed: seed,
            rate_limit: Mutex::new(None),
            latency: Mutex::new(Duration::ZERO),
            latency_counter: AtomicU64::new(0),
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = thread::Builder::new()
            .name(format!("fake-api-{}", addr.port()))
            .spawn(move || {
                for stream in listener.incoming() {
                    if accept_shared.shutdown.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let conn_shared = Arc::clone(&accept_shared);
                    let _ = thread::Builder::new().name("fake-api-conn".to_string()).spawn(move || {
                        let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
                        let _ = stream.set_nodelay(true);
                        let conn = match &conn_shared.tls {
                            None => Conn::Plain(stream),
                            Some(config) => match rustls::ServerConnection::new(Arc::clone(config)) {
                                Ok(tls) => Conn::Tls(Box::new(rustls::StreamOwned::new(tls, stream))),
                                Err(_) => return,
                            },
                        };
                        serve_connection(&conn_shared, conn)
                    });
                }
            })
            .expect("spawn accept thread");
        FakeApi { shared, addr, accept_thread: Some(accept_thread) }
    }

    /// Freeze the server clock (expiry checks and the `Date` header).
    pub fn with_server_time(self, unix: i64) -> Self {
        *lock(&self.shared.server_time) = Some(unix);
        self
    }

    /// Enforce the API's request limit: at most `per_second` requests in each one-second window
    /// of the wall clock, counted on arrival (throttled ones included). Requests above it get
    /// `RequestLimitExceeded` (without consuming a scripted reply); see [`FakeApi::throttled`].
    pub fn with_rate_limit(self, per_second: u32) -> Self {
        *lock(&self.shared.rate_limit) =
            Some(RateLimit { limit: per_second, window: i64::MIN, count: 0, throttled: 0 });
        self
    }

    /// Hold each request for a pseudo-random time in `[0, max)` before it counts as arrived (for
    /// the rate limit) and is answered, like a network whose latency varies.
    pub fn with_latency(self, max: Duration) -> Self {
        *lock(&self.shared.latency) = max;
        self
    }

    /// How many requests were answered `RequestLimitExceeded` by [`FakeApi::with_rate_limit`].
    pub fn throttled(&self) -> u64 {
        lock(&self.shared.rate_limit).as_ref().map_or(0, |r| r.throttled)
    }

    /// Accept another SecretId/SecretKey pair.
    pub fn with_credential(self, id: &str, key: &str) -> Self {
        lock(&self.shared.credentials).push((id.to_string(), key.to_string()));
        self
    }

    /// `http://127.0.0.1:<port>`, or `https://localhost:<port>` for a TLS server.
    pub fn endpoint(&self) -> String {
        match self.shared.tls {
            None => format!("http://{}", self.addr),
            Some(_) => format!("https://localhost:{}", self.addr.port()),
        }
    }

    /// Block until at least `n` requests were recorded, or `timeout` passes; true if they were.
    pub fn wait_for_requests(&self, n: usize, timeout: Duration) -> bool {
        let guard = lock(&self.shared.state);
        let (guard, _) = self
            .shared
            .recorded
            .wait_timeout_while(guard, timeout, |state| state.records.len() < n)
            .unwrap_or_else(|e| e.into_inner());
        guard.records.len() >= n
    }

    /// `127.0.0.1:<port>`
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server clock currently in use (frozen or real).
    pub fn server_time(&self) -> i64 {
        self.shared.now()
    }

    /// Every request seen so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.state).records.clone()
    }

    pub fn request_count(&self) -> usize {
        lock(&self.shared.state).records.len()
    }

    pub fn last_request(&self) -> Option<Recorded> {
        lock(&self.shared.state).records.last().cloned()
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        // Wake the blocking accept() so the thread can see the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.accept_thread.take() {
            let _ = t.join();
        }
    }
}

// ---------------------------------------------------------------------------
// HTTP handling

struct HttpRequest {
    method: String,
    path: String,
    version: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

enum ReadOutcome {
    /// Clean EOF before the first byte of a request.
    Eof,
    Request(HttpRequest),
    /// Unparseable request; reason.
    Malformed(String),
}

/// A server-side connection: plain TCP, or TLS over TCP.
enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(s) => &s.sock,
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// What to do after a request was recorded.
enum Action {
    Respond { bytes: Vec<u8>, close: bool },
    Hang,
    Reset,
    Huge { head: Vec<u8>, size: u64 },
}

fn serve_connection(shared: &Shared, conn: Conn) {
    let connection = shared.connections.fetch_add(1, Ordering::SeqCst);
    let mut reader = BufReader::new(conn);
    loop {
        match read_request(&mut reader) {
            Ok(ReadOutcome::Eof) | Err(_) => return,
            Ok(ReadOutcome::Malformed(reason)) => {
                let now = shared.now();
                lock(&shared.state).records.push(Recorded {
                    method: String::new(),
                    path: String::new(),
                    headers: Vec::new(),
                    body: Vec::new(),
                    verdict: Err("InvalidRequest".to_string()),
                    detail: Some(reason.clone()),
                    request_id: None,
                    connection,
                });
                shared.recorded.notify_all();
                let body = format!("malformed request: {reason}\n").into_bytes();
                let head = response_head(
                    400,
                    now,
                    &[("Content-Type".to_string(), "text/plain".to_string())],
                    body.len(),
                    true,
                );
                let writer = reader.get_mut();
                let _ = writer.write_all(&head).and_then(|_| writer.write_all(&body));
                lingering_close(reader.into_inner());
                return;
            }
            Ok(ReadOutcome::Request(req)) => match handle_request(shared, req, connection) {
                Action::Respond { bytes, close } => {
                    let writer = reader.get_mut();
                    if writer.write_all(&bytes).and_then(|_| writer.flush()).is_err() {
                        return;
                    }
                    if close {
                        lingering_close(reader.into_inner());
                        return;
                    }
                }
                Action::Hang => {
                    // Never answer; return once the client has given up and closed.
                    let conn = reader.into_inner();
                    let mut tcp = conn.tcp();
                    let _ = tcp.set_read_timeout(None);
                    let mut buf = [0u8; 1024];
                    while let Ok(n) = tcp.read(&mut buf) {
                        if n == 0 || shared.shutdown.load(Ordering::SeqCst) {
                            break;
                        }
                    }
                    return;
                }
                Action::Reset => {
                    reset(reader.into_inner().tcp());
                    return;
                }
                Action::Huge { head, size } => {
                    let writer = reader.get_mut();
                    if writer.write_all(&head).is_err() {
                        return;
                    }
                    let chunk = [b'x'; 64 * 1024];
                    let mut left = size;
                    while left > 0 {
                        let n = left.min(chunk.len() as u64) as usize;
                        if writer.write_all(&chunk[..n]).is_err() {
                            return;
                        }
                        left -= n as u64;
                    }
                    let _ = writer.flush();
                    lingering_close(reader.into_inner());
                    return;
                }
            },
        }
    }
}

/// Abort the connection: SO_LINGER with a zero timeout makes close() send RST.
fn reset(stream: &TcpStream) {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let linger = libc::linger { l_onoff: 1, l_linger: 0 };
        // SAFETY: a valid socket fd and a correctly sized linger struct.
        unsafe {
            libc::setsockopt(
                stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                &linger as *const libc::linger as *const libc::c_void,
                std::mem::size_of::<libc::linger>() as libc::socklen_t,
            );
        }
    }
}

/// Close our write side, then drain whatever the client still sends so the
/// kernel does not answer with RST (which could destroy the response in flight).
fn lingering_close(mut conn: Conn) {
    if let Conn::Tls(tls) = &mut conn {
        tls.conn.send_close_notify();
        let _ = tls.flush();
    }
    let stream = conn.tcp();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut buf = [0u8; 4096];
    let mut s: &TcpStream = stream;
    let mut total = 0usize;
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 || total > MAX_BODY_BYTES {
            break;
        }
        total += n;
    }
}

/// Read one line (terminated by `\n`), stripping `\r\n`/`\n`. `None` on EOF
/// with no bytes read.
fn read_line(reader: &mut impl BufRead, budget: &mut usize) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = reader.by_ref().take(*budget as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if n > *budget {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "headers too large"));
    }
    *budget -= n;
    if buf.last() != Some(&b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed in the middle of the request head",
        ));
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

fn read_request(reader: &mut BufReader<Conn>) -> io::Result<ReadOutcome> {
    let mut budget = MAX_HEADER_BYTES;
    // Tolerate stray empty lines before the request line (RFC 9112 §2.2).
    let request_line = loop {
        match read_line(reader, &mut budget)? {
            None => return Ok(ReadOutcome::Eof),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let parts: Vec<&str> = request_line.split_whitespace().collect();
    if parts.len() != 3 || !parts[2].starts_with("HTTP/1.") {
        return Ok(ReadOutcome::Malformed(format!("bad request line {request_line:?}")));
    }
    let (method, path, version) = (parts[0].to_string(), parts[1].to_string(), parts[2].to_string());

    let mut headers = Vec::new();
    loop {
        let Some(line) = read_line(reader, &mut budget)? else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed in the middle of the headers",
            ));
        };
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Ok(ReadOutcome::Malformed(format!("bad header line {line:?}")));
        };
        if name.is_empty() || name.chars().any(|c| c.is_whitespace()) {
            return Ok(ReadOutcome::Malformed(format!("bad header name {name:?}")));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }

    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    });
    let lengths: Vec<&str> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.as_str())
        .collect();
    let content_length = if chunked {
        None
    } else {
        match lengths.as_slice() {
            [] => Some(0),
            [v] => match v.parse::<usize>() {
                Ok(n) if n <= MAX_BODY_BYTES => Some(n),
                _ => return Ok(ReadOutcome::Malformed(format!("bad Content-Length {v:?}"))),
            },
            _ => return Ok(ReadOutcome::Malformed("several Content-Length headers".to_string())),
        }
    };

    let expects_continue = find_header(&headers, "expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
        && version == "HTTP/1.1";
    if expects_continue && content_length != Some(0) {
        let writer = reader.get_mut();
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        writer.flush()?;
    }

    let body = match content_length {
        Some(n) => {
            let mut body = vec![0u8; n];
            reader.read_exact(&mut body)?;
            body
        }
        None => match read_chunked(reader)? {
            Ok(b) => b,
            Err(reason) => return Ok(ReadOutcome::Malformed(reason)),
        },
    };

    Ok(ReadOutcome::Request(HttpRequest { method, path, version, headers, body }))
}

fn read_chunked(reader: &mut impl BufRead) -> io::Result<Result<Vec<u8>, String>> {
    let mut body = Vec::new();
    let mut budget = MAX_HEADER_BYTES;
    loop {
        let Some(line) = read_line(reader, &mut budget)? else {
            return Err(io::ErrorKind::UnexpectedEof.into());
        };
        let size_str = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_str, 16) else {
            return Ok(Err(format!("bad chunk size line {line:?}")));
        };
        if body.len() + size > MAX_BODY_BYTES {
            return Ok(Err("chunked body too large".to_string()));
        }
        if size == 0 {
            // Trailers, up to the empty line.
            loop {
                match read_line(reader, &mut budget)? {
                    None => return Err(io::ErrorKind::UnexpectedEof.into()),
                    Some(l) if l.is_empty() => return Ok(Ok(body)),
                    Some(_) => {}
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        match read_line(reader, &mut budget)? {
            Some(l) if l.is_empty() => {}
            _ => return Ok(Err("chunk not followed by CRLF".to_string())),
        }
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// Status line + headers + blank line. `Date`, `Content-Length` and
/// `Connection` are added unless present in `extra`.
fn response_head(status: u16, now: i64, extra: &[(String, String)], body_len: usize, close: bool) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason_phrase(status));
    if find_header(extra, "date").is_none() {
        head.push_str(&format!("Date: {}\r\n", http_date(now)));
    }
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if find_header(extra, "content-length").is_none() {
        head.push_str(&format!("Content-Length: {body_len}\r\n"));
    }
    if close && find_header(extra, "connection").is_none() {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// A verification failure: error code, message sent to the client, and a
/// diagnostic kept in the record.
struct Failure {
    code: &'static str,
    message: String,
    detail: String,
}

fn fail(code: &'static str, message: impl Into<String>) -> Failure {
    let message = message.into();
    Failure { code, detail: message.clone(), message }
}

/// Verify a request the way the real service would, in this order:
/// method/path, Authorization syntax, X-TC-Timestamp (presence, skew),
/// SecretId, signature, action, version, body, token, region.
fn verify(shared: &Shared, req: &HttpRequest, now: i64) -> Result<(), Failure> {
    if req.method != "POST" {
        return Err(fail(
            "UnsupportedProtocol",
            format!("Only POST with a JSON body is supported by this fake; got method {}.", req.method),
        ));
    }
    if req.path != "/" {
        return Err(fail(
            "UnsupportedProtocol",
            format!("The request path must be `/`; got {:?}.", req.path),
        ));
    }

    let auth_values: Vec<&str> = req
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.as_str())
        .collect();
    let auth_value = match auth_values.as_slice() {
        [] => return Err(fail("AuthFailure.InvalidAuthorization", "The Authorization header is missing.")),
        [v] => *v,
        _ => {
            return Err(fail("AuthFailure.InvalidAuthorization", "Several Authorization headers were sent."))
        }
    };
    let auth = tc3::parse_authorization(auth_value).map_err(|e| {
        fail(
            "AuthFailure.InvalidAuthorization",
            format!("Authorization header is not valid TC3-HMAC-SHA256: {e}"),
        )
    })?;

    let Some(ts_str) = find_header(&req.headers, "x-tc-timestamp") else {
        return Err(fail(
            "MissingParameter",
            "The request is missing a required parameter `Timestamp` (X-TC-Timestamp).",
        ));
    };
    let Ok(ts) = ts_str.trim().parse::<i64>() else {
        return Err(fail(
            "MissingParameter",
            format!("X-TC-Timestamp is not a valid unix timestamp: {ts_str:?}."),
        ));
    };
    if (ts - now).abs() > MAX_SKEW_SECS {
        return Err(fail(
            "AuthFailure.SignatureExpire",
            format!(
                "Signature expired. Timestamp and server time cannot differ by more than \
                 five minutes. Request timestamp: {ts}, server time: {now} \
                 (difference {} s).",
                ts - now
            ),
        ));
    }

    let Some(secret_key) = shared.secret_key_for(&auth.secret_id) else {
        return Err(fail(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found, please ensure that your SecretId is correct.",
        ));
    };

    if let Err(detail) =
        tc3::verify_signature(&auth, &secret_key, &req.method, &req.headers, ts_str, &req.body)
    {
        return Err(Failure {
            code: "AuthFailure.SignatureFailure",
            message: "The provided credentials could not be validated. \
                      Please check your signature is correct."
                .to_string(),
            detail,
        });
    }

    match find_header(&req.headers, "x-tc-action") {
        None => {
            return Err(fail(
                "MissingParameter",
                "The request is missing a required parameter `Action` (X-TC-Action).",
            ))
        }
        Some(a) if a != ACTION => {
            return Err(fail(
                "InvalidAction",
                format!("The action `{a}` does not exist (this fake only serves {ACTION})."),
            ))
        }
        Some(_) => {}
    }
    match find_header(&req.headers, "x-tc-version") {
        None => {
            return Err(fail(
                "MissingParameter",
                "The request is missing a required parameter `Version` (X-TC-Version).",
            ))
        }
        Some(v) if v != VERSION => {
            return Err(fail(
                "NoSuchVersion",
                format!("The API version `{v}` does not exist (expected {VERSION})."),
            ))
        }
        Some(_) => {}
    }

    let body: serde_json::Value = serde_json::from_slice(&req.body)
        .map_err(|e| fail("InvalidParameter", format!("The request body is not valid JSON: {e}.")))?;
    let Some(obj) = body.as_object() else {
        return Err(fail("InvalidParameter", "The request body must be a JSON object."));
    };
    match obj.get("ReadOnlyGroupId") {
        None => {
            return Err(fail(
                "MissingParameter",
                "The request is missing a required parameter `ReadOnlyGroupId`.",
            ))
        }
        Some(serde_json::Value::String(s)) if s.is_empty() => {
            return Err(fail(
                "InvalidParameterValue",
                "The value of parameter `ReadOnlyGroupId` must not be empty.",
            ))
        }
        Some(serde_json::Value::String(_)) => {}
        Some(other) => {
            return Err(fail(
                "InvalidParameter",
                format!("The parameter `ReadOnlyGroupId` must be a string, got {other}."),
            ))
        }
    }
    if let Some(extra) = obj.keys().find(|k| *k != "ReadOnlyGroupId") {
        return Err(fail("UnknownParameter", format!("The parameter `{extra}` is not recognized.")));
    }

    if let Some(token) = find_header(&req.headers, "x-tc-token") {
        if token != TEST_TOKEN {
            // Never echo the token back.
            return Err(fail("AuthFailure.TokenFailure", "The security token is invalid or expired."));
        }
    }
    if let Some(region) = find_header(&req.headers, "x-tc-region") {
        if region.trim().is_empty() {
            return Err(fail(
                "InvalidParameterValue",
                "The value of parameter `Region` (X-TC-Region) must not be empty.",
            ));
        }
    }
    Ok(())
}

fn json_response(status: u16, now: i64, value: &serde_json::Value, close: bool) -> Vec<u8> {
    let body = serde_json::to_vec(value).expect("serialize JSON");
    let mut bytes = response_head(
        status,
        now,
        &[("Content-Type".to_string(), "application/json".to_string())],
        body.len(),
        close,
    );
    bytes.extend_from_slice(&body);
    bytes
}

fn error_json(code: &str, message: &str, request_id: &str) -> serde_json::Value {
    serde_json::json!({
        "Response": {
            "Error": { "Code": code, "Message": message },
            "RequestId": request_id,
        }
    })
}

/// Verify, record, and decide the response.
fn handle_request(shared: &Shared, req: HttpRequest, connection: u64) -> Action {
    let latency = *lock(&shared.latency);
    if !latency.is_zero() {
        let n = shared.latency_counter.fetch_add(1, Ordering::Relaxed);
        let mut z = (shared.id_seed ^ n).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        thread::sleep(Duration::from_nanos((z ^ (z >> 31)) % latency.as_nanos().max(1) as u64));
    }
    let now = shared.now();
    let verdict = verify(shared, &req, now);
    let client_wants_close = req.version == "HTTP/1.0"
        || find_header(&req.headers, "connection").is_some_and(|v| v.to_ascii_lowercase().contains("close"));

    // Pick the scripted reply and record the request atomically, before the
    // response is written: once a client has its answer, the record exists.
    let mut state = lock(&shared.state);
    let throttled = lock(&shared.rate_limit).as_mut().is_some_and(RateLimit::over);
    let reply = if throttled {
        Reply::api_error("RequestLimitExceeded", "The request frequency exceeds the limit per second.")
    } else {
        let idx = state.served.min(shared.replies.len() - 1);
        state.served += 1;
        shared.replies[idx].clone()
    };

    let (action, request_id) = match &reply {
        Reply::Raw { status, headers, body } => {
            let mut bytes = response_head(*status, now, headers, body.len(), true);
            bytes.extend_from_slice(body);
            (Action::Respond { bytes, close: true }, None)
        }
        Reply::Hang => (Action::Hang, None),
        Reply::Reset => (Action::Reset, None),
        Reply::Huge { size } => {
            let headers = [
                ("Content-Type".to_string(), "application/json".to_string()),
                ("Content-Length".to_string(), size.to_string()),
            ];
            (Action::Huge { head: response_head(200, now, &headers, 0, true), size: *size }, None)
        }
        _ => {
            let id = shared.new_request_id();
            let value = match (&verdict, &reply) {
                (Err(f), _) => error_json(f.code, &f.message, &id),
                (Ok(()), Reply::ApiError { code, message }) => error_json(code, message, &id),
                (Ok(()), _) => serde_json::json!({ "Response": { "RequestId": id } }),
            };
            let bytes = json_response(200, now, &value, client_wants_close);
            (Action::Respond { bytes, close: client_wants_close }, Some(id))
        }
    };

    let (verdict, detail) = match verdict {
        Ok(()) => (Ok(()), None),
        Err(f) => (Err(f.code.to_string()), Some(f.detail)),
    };
    state.records.push(Recorded {
        method: req.method,
        path: req.path,
        headers: req.headers,
        body: req.body,
        verdict,
        detail,
        request_id,
        connection,
    });
    drop(state);
    shared.recorded.notify_all();
    action
}

/// RFC 1123 / IMF-fixdate, e.g. `Tue, 14 Nov 2023 22:13:20 GMT`.
pub fn http_date(unix: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = tc3::civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

// ---------------------------------------------------------------------------
// Minimal raw HTTP client, for talking to the fake server by hand.

/// A parsed HTTP response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).expect("response body is not UTF-8")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("response body is not JSON")
    }

    /// `Response.Error.Code`, if any.
    pub fn error_code(&self) -> Option<String> {
        self.json()["Response"]["Error"]["Code"].as_str().map(str::to_string)
    }
}

/// Serialize a request: request line, the given headers verbatim (add
/// `Host`/`Content-Length` yourself if wanted), blank line, body.
pub fn raw_request(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Read one response framed by Content-Length (or EOF if absent).
pub fn read_response(reader: &mut impl BufRead) -> io::Result<HttpResponse> {
    let mut budget = MAX_HEADER_BYTES;
    let status_line = loop {
        match read_line(reader, &mut budget)? {
            None => return Err(io::ErrorKind::UnexpectedEof.into()),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let status: u16 =
        status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, format!("bad status line {status_line:?}"))
        })?;
    let mut headers = Vec::new();
    while let Some(line) = read_line(reader, &mut budget)? {
        if line.is_empty() {
            break;
        }
        let (k, v) = line
            .split_once(':')
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("bad header {line:?}")))?;
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let body = match find_header(&headers, "content-length") {
        Some(n) => {
            let n: usize =
                n.parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad Content-Length"))?;
            let mut body = vec![0u8; n];
            reader.read_exact(&mut body)?;
            body
        }
        None => {
            let mut body = Vec::new();
            reader.read_to_end(&mut body)?;
            body
        }
    };
    if status == 100 {
        return read_response(reader);
    }
    Ok(HttpResponse { status, headers, body })
}

/// Open a connection to `addr`, send `request` bytes, read one response.
pub fn send_raw(addr: SocketAddr, request: &[u8]) -> HttpResponse {
    let mut stream = TcpStream::connect(addr).expect("connect to fake server");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set_read_timeout");
    stream.write_all(request).expect("send request");
    stream.flush().expect("flush request");
    let mut reader = BufReader::new(stream);
    read_response(&mut reader).expect("read response")
}

// ---------------------------------------------------------------------------
// Hermetic command sandbox

/// A sandbox: its own temp HOME and config dir, removed on drop.
pub struct Sandbox {
    pub home: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let home = tempfile::Builder::new().prefix("tcpg-test-home-").tempdir().expect("create temp HOME");
        Sandbox { home }
    }

    /// `<home>/.config` (the XDG_CONFIG_HOME given to the binary; not created).
    pub fn config_home(&self) -> PathBuf {
        self.home.path().join(".config")
    }

    /// `<home>/.config/tcpg/config.toml`
    pub fn config_path(&self) -> PathBuf {
        self.config_home().join("tcpg").join("config.toml")
    }

    /// Create parent dirs, write `toml` to `config_path()`, return the path.
    pub fn write_config(&self, toml: &str) -> PathBuf {
        let path = self.config_path();
        std::fs::create_dir_all(path.parent().expect("config path has a parent")).expect("create config dir");
        std::fs::write(&path, toml).expect("write config");
        path
    }

    /// Like [`Sandbox::cmd`] with the test credentials, as a plain std `Command`: for spawning,
    /// signals and closed or full stdout.
    pub fn std_cmd_with_credentials(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("tcpg"));
        cmd.env_clear().envs(self.env_with_credentials());
        cmd
    }

    /// The whole environment of a test run: HOME, XDG_CONFIG_HOME and the test credentials.
    pub fn env_with_credentials(&self) -> [(&'static str, std::ffi::OsString); 4] {
        [
            ("HOME", self.home.path().into()),
            ("XDG_CONFIG_HOME", self.config_home().into()),
            ("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID.into()),
            ("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY.into()),
        ]
    }

    /// The `tcpg` binary with a cleared environment plus only HOME and
    /// XDG_CONFIG_HOME (no TENCENTCLOUD_*/TCPG_*/proxy variables leak in).
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("tcpg").expect("tcpg binary");
        cmd.env_clear().env("HOME", self.home.path()).env("XDG_CONFIG_HOME", self.config_home());
        cmd
    }
}

// ---------------------------------------------------------------------------
// Reading a finished command

/// The exit code; a death by signal fails the test.
pub fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or_else(|| panic!("killed by a signal: {:?}", out.status))
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// stdout must hold exactly one JSON document, on one line.
pub fn one_json(out: &std::process::Output) -> serde_json::Value {
    let text = stdout(out);
    assert_eq!(text.lines().count(), 1, "expected one JSON line, got {text:?}");
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {text:?}"))
}

/// `tcpg <args>` on a pseudo-terminal (util-linux `script`), in the sandbox's environment with
/// the test credentials; stdin, stdout and stderr piped. None where `script` is missing.
pub fn on_a_pty(sandbox: &Sandbox, args: &str) -> Option<std::process::Command> {
    let script = ["/usr/bin/script", "/bin/script"].into_iter().find(|p| std::path::Path::new(p).exists())?;
    let command = format!("{} {args}", assert_cmd::cargo::cargo_bin("tcpg").display());
    let mut cmd = std::process::Command::new(script);
    cmd.env_clear().envs(sandbox.env_with_credentials());
    cmd.args(["-q", "-e", "-c", &command, "/dev/null"])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    Some(cmd)
}

// ---------------------------------------------------------------------------
// TLS for the fake server

/// A CA generated now, and a server certificate for `localhost` and `127.0.0.1` signed by it.
/// Returns the server config and the CA certificate in PEM.
pub fn test_tls_config() -> (rustls::ServerConfig, String) {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "tcpg test CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA cert");
    let leaf_key = rcgen::KeyPair::generate().expect("leaf key");
    let leaf_params = rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("leaf params");
    let leaf = leaf_params.signed_by(&leaf_key, &ca).expect("leaf cert");
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let config =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
            .expect("server config");
    (config, ca.pem())
}
