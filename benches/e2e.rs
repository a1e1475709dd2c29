//! End-to-end benchmark of the release binary against the local HTTPS fake API (127.0.0.1 only).
//!
//! Run it with `cargo bench --bench e2e` (about two minutes). It builds `tcpg` with the release
//! profile, starts the fake server of `tests/common` over HTTPS with a CA generated now, and
//! measures whole processes (spawn to exit, reaped with `wait4` for CPU time and peak RSS):
//! - `tcpg rebalance --yes` for one group, and curl sending the same signed request (taken from
//!   `tcpg rebalance --dry-run --json` just before each curl run), interleaved run by run so that
//!   both see the same machine load;
//! - `tcpg --version` (start-up alone);
//! - batches of 10, 100 and 1,000 groups in one call against a server that enforces the API's
//!   100 requests per one-second window, counting throttled answers and TCP connections, and a
//!   shell loop of one process per group over the same groups (1,000 processes run in full);
//! - a batch of 500 against a server whose latency varies (0–8 ms per request), where request
//!   starts 10 ms apart can put 101 arrivals in one second.
//!
//! `TCPG_BENCH_BIN=<path>` benchmarks another build of tcpg (before/after comparisons).
//!
//! It prints Markdown tables for the README's "Performance" section. It is not part of
//! `cargo test` (bench targets are not built there) and it asserts nothing about time; it
//! panics only if a request fails or the server rejects a signature.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{FakeApi, TEST_SECRET_ID, TEST_SECRET_KEY};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: `$TCPG_BENCH_BIN` (to compare another build), else this one.
fn tcpg_bin() -> PathBuf {
    std::env::var_os("TCPG_BENCH_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_tcpg")), PathBuf::from)
}
const CURL: &str = "/usr/bin/curl";
const GROUP: &str = "pgrogrp-e0tfm161";

const WARMUP: usize = 5;
const SINGLE_RUNS: usize = 60;
const VERSION_RUNS: usize = 200;
/// (groups in one call, runs of the one call, runs of the shell loop, groups in the loop).
/// The loop of 1,000 processes runs once, in full: it goes faster than 100 per second, so
/// extrapolating from 100 groups would hide its throttled answers.
const BATCHES: [(usize, usize, usize, usize); 3] = [(10, 10, 3, 10), (100, 5, 3, 100), (1000, 3, 1, 1000)];

/// One finished process.
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
}

/// Spawn, feed stdin, and reap with `wait4` (for the child's own CPU time and peak RSS).
/// Panics, showing its stderr, if the process fails.
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std's `wait` cannot replace
fn run(cmd: &mut Command, stdin: Option<&[u8]>, scratch: &Path) -> Run {
    let stderr_path = scratch.join("stderr.txt");
    let stderr = File::create(&stderr_path).expect("stderr file");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::null())
        .stderr(stderr);
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn {cmd:?}: {e}"));
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(bytes).expect("write stdin");
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
        panic!("{cmd:?} failed (wait status {status}):\n{err}");
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run { wall, cpu: tv(usage.ru_utime) + tv(usage.ru_stime), max_rss_kib: usage.ru_maxrss as u64 }
}

/// Median, 10th and 90th percentile (nearest rank).
struct Spread {
    p10: f64,
    median: f64,
    p90: f64,
    n: usize,
}

fn spread(values: impl IntoIterator<Item = f64>) -> Spread {
    let mut v: Vec<f64> = values.into_iter().collect();
    assert!(!v.is_empty());
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Spread { p10: at(0.1), median: at(0.5), p90: at(0.9), n: v.len() }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The HTTPS fake server, with its CA written to a file.
struct Server {
    api: FakeApi,
    ca: PathBuf,
}

impl Server {
    fn start(scratch: &Path, rate_limit: Option<u32>) -> Server {
        Self::start_delayed(scratch, rate_limit, Duration::ZERO)
    }

    fn start_delayed(scratch: &Path, rate_limit: Option<u32>, latency: Duration) -> Server {
        let (api, ca_pem) = FakeApi::start_tls(vec![]);
        let api = api.with_latency(latency);
        assert!(api.addr().ip().is_loopback() && api.addr().ip().to_string() == "127.0.0.1");
        let api = match rate_limit {
            Some(n) => api.with_rate_limit(n),
            None => api,
        };
        let ca = scratch.join(format!("ca-{}.pem", api.addr().port()));
        std::fs::write(&ca, ca_pem).expect("write CA");
        Server { api, ca }
    }

    /// `tcpg rebalance --yes` against this server, with the test credentials and a clean env.
    fn tcpg(&self, home: &Path) -> Command {
        let mut cmd = Command::new(tcpg_bin());
        cmd.env_clear()
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
            .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
            .arg("rebalance")
            .arg("--yes")
            .arg("--endpoint")
            .arg(self.api.endpoint())
            .arg("--ca-bundle")
            .arg(&self.ca);
        cmd
    }

    /// Every request verified and was answered with success; returns (requests, connections).
    fn check_all_accepted(&self, expected: usize) -> (usize, usize) {
        let accepted = self.accepted();
        assert_eq!(accepted, expected, "accepted requests");
        let records = self.api.requests();
        let connections: BTreeSet<u64> = records.iter().map(|r| r.connection).collect();
        (records.len(), connections.len())
    }

    /// Requests that verified and were not throttled. Panics if a signature was rejected.
    fn accepted(&self) -> usize {
        let records = self.api.requests();
        for r in &records {
            assert_eq!(r.verdict, Ok(()), "the fake server rejected a request: {:?}", r.detail);
        }
        records.len() - self.api.throttled() as usize
    }
}

/// curl's arguments for the request of a fresh `tcpg rebalance --dry-run --json`.
fn curl_args(server: &Server, home: &Path) -> Vec<String> {
    let out =
        server.tcpg(home).arg("--dry-run").arg("--json").arg("--group").arg(GROUP).output().expect("dry run");
    assert!(out.status.success(), "dry run failed: {}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dry run JSON");
    let request = &doc["request"];
    // The dry run masks the SecretId (AKID****abcd) by design; put the known test ID back.
    let masked = format!("{}****{}", &TEST_SECRET_ID[..4], &TEST_SECRET_ID[TEST_SECRET_ID.len() - 4..]);
    let mut args: Vec<String> =
        ["-q", "-sS", "--fail", "-o", "/dev/null", "--cacert"].map(String::from).to_vec();
    args.push(server.ca.display().to_string());
    args.extend(["-X".into(), "POST".into(), request["url"].as_str().expect("url").to_string()]);
    for (name, value) in request["headers"].as_object().expect("headers") {
        let value = value.as_str().expect("header value").replace(&masked, TEST_SECRET_ID);
        args.extend(["-H".into(), format!("{name}: {value}")]);
    }
    args.extend(["--data-binary".into(), request["body"].as_str().expect("body").to_string()]);
    args
}

fn curl(args: &[String], home: &Path) -> Command {
    let mut cmd = Command::new(CURL);
    cmd.env_clear().env("HOME", home).args(args);
    cmd
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim()))
        .unwrap_or("unknown CPU")
        .to_string();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let nproc = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let curl_version = Command::new(CURL)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_string))
        .unwrap_or_default();
    format!(
        "nproc {nproc}, {model}, Linux {}, load average at start {}; {curl_version}",
        kernel.trim(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    )
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let scratch_dir = tempfile::Builder::new().prefix("tcpg-bench-").tempdir().expect("scratch dir");
    let scratch = scratch_dir.path();
    let home = scratch.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let binary = tcpg_bin();
    let binary_size = std::fs::metadata(&binary).expect("binary").len();
    println!("tcpg end-to-end benchmark: {}", binary.display());
    println!("machine: {}", machine());

    // --- One call: tcpg and curl, interleaved ------------------------------------------------
    let server = Server::start(scratch, None);
    let (mut tcpg_runs, mut curl_runs) = (Vec::new(), Vec::new());
    for i in 0..WARMUP + SINGLE_RUNS {
        let args = curl_args(&server, &home);
        let c = run(&mut curl(&args, &home), None, scratch);
        let t = run(server.tcpg(&home).arg("--group").arg(GROUP), None, scratch);
        if i >= WARMUP {
            curl_runs.push(c);
            tcpg_runs.push(t);
        }
    }
    let (requests, _) = server.check_all_accepted(2 * (WARMUP + SINGLE_RUNS));
    assert_eq!(requests, 2 * (WARMUP + SINGLE_RUNS));
    drop(server);

    let mut version_runs = Vec::new();
    for i in 0..WARMUP + VERSION_RUNS {
        let r = run(Command::new(tcpg_bin()).env_clear().arg("--version"), None, scratch);
        if i >= WARMUP {
            version_runs.push(r);
        }
    }

    let t = spread(tcpg_runs.iter().map(|r| ms(r.wall)));
    let c = spread(curl_runs.iter().map(|r| ms(r.wall)));
    let v = spread(version_runs.iter().map(|r| ms(r.wall)));
    let t_cpu = spread(tcpg_runs.iter().map(|r| ms(r.cpu)));
    let c_cpu = spread(curl_runs.iter().map(|r| ms(r.cpu)));
    let t_rss = spread(tcpg_runs.iter().map(|r| r.max_rss_kib as f64 / 1024.0));
    let c_rss = spread(curl_runs.iter().map(|r| r.max_rss_kib as f64 / 1024.0));
    let t_rss_max = tcpg_runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0) as f64 / 1024.0;

    println!();
    println!("| one call (process start to exit) | median | p10 | p90 | runs | target |");
    println!("|---|---:|---:|---:|---:|---|");
    let row = |name: &str, s: &Spread, unit: &str, target: &str| {
        println!(
            "| {name} | {:.2} {unit} | {:.2} {unit} | {:.2} {unit} | {} | {target} |",
            s.median, s.p10, s.p90, s.n
        )
    };
    row("`tcpg rebalance --yes`, wall", &t, "ms", &format!("≤ 1.3 × curl = {:.2} ms", 1.3 * c.median));
    row("curl, same signed request, wall", &c, "ms", "the floor");
    println!("| tcpg / curl (medians) | {:.2} × | | | | ≤ 1.3 × |", t.median / c.median);
    row("`tcpg --version`, wall", &v, "ms", "< 5 ms");
    row("`tcpg rebalance --yes`, CPU (user+sys)", &t_cpu, "ms", "");
    row("curl, CPU (user+sys)", &c_cpu, "ms", "");
    row(
        "`tcpg rebalance --yes`, peak RSS",
        &t_rss,
        "MiB",
        &format!("< 10 MiB (largest seen: {t_rss_max:.2} MiB)"),
    );
    row("curl, peak RSS", &c_rss, "MiB", "");
    println!(
        "| release binary (`target/release/tcpg`) | {:.2} MiB ({binary_size} bytes) | | | | < 6 MiB |",
        binary_size as f64 / (1024.0 * 1024.0)
    );

    // --- Batches against the rate-limited server ---------------------------------------------
    println!();
    println!(
        "| groups | one call: wall median (min–max) | N/100 s | ratio | throttled | connections | CPU per request | shell loop, one process per group: wall median | loop throttled | loop failed groups |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (n, runs, loop_runs, loop_n) in BATCHES {
        let groups: Vec<String> = (1..=n).map(|i| format!("pgrogrp-b{i:07}")).collect();
        let stdin = groups.join("\n") + "\n";
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut throttled = 0;
        let mut connections = BTreeSet::new();
        for _ in 0..runs {
            let server = Server::start(scratch, Some(100));
            let r = run(server.tcpg(&home).arg("--group").arg("-"), Some(stdin.as_bytes()), scratch);
            let (_, conns) = server.check_all_accepted(n);
            throttled += server.api.throttled();
            connections.insert(conns);
            walls.push(r.wall.as_secs_f64());
            cpus.push(ms(r.cpu) / n as f64);
        }
        let w = spread(walls.iter().copied());
        let (w_min, w_max) =
            (walls.iter().copied().fold(f64::MAX, f64::min), walls.iter().copied().fold(0.0, f64::max));
        let cpu = spread(cpus);
        let floor = n as f64 / 100.0;

        // The same groups, one process each, as a shell loop (capped at `loop_n` groups).
        let (mut loop_walls, mut loop_throttled, mut loop_failed) = (Vec::new(), 0, 0);
        let loop_groups = &groups[..loop_n.min(n)];
        for _ in 0..loop_runs {
            let server = Server::start(scratch, Some(100));
            let mut cmd = Command::new("/bin/sh");
            cmd.env_clear()
                .env("PATH", "/usr/bin:/bin")
                .env("HOME", &home)
                .env("XDG_CONFIG_HOME", home.join(".config"))
                .env("TENCENTCLOUD_SECRET_ID", TEST_SECRET_ID)
                .env("TENCENTCLOUD_SECRET_KEY", TEST_SECRET_KEY)
                .env("TCPG", tcpg_bin())
                .env("ENDPOINT", server.api.endpoint())
                .env("CA", &server.ca)
                .arg("-c")
                .arg(r#"for g in "$@"; do "$TCPG" rebalance --yes --endpoint "$ENDPOINT" --ca-bundle "$CA" --group "$g" >/dev/null 2>&1 || :; done"#)
                .arg("sh")
                .args(loop_groups);
            let r = run(&mut cmd, None, scratch);
            // A process that gave up after its retries is a failed group, not a failed benchmark.
            loop_failed += loop_groups.len() - server.accepted();
            loop_throttled += server.api.throttled();
            loop_walls.push(r.wall.as_secs_f64());
        }
        let lw = spread(loop_walls);
        let scale = n as f64 / loop_groups.len() as f64;
        let loop_cell = if scale > 1.0 {
            format!(
                "{:.2} s (extrapolated ×{scale:.0} from {} groups: {:.2} s)",
                lw.median * scale,
                loop_groups.len(),
                lw.median
            )
        } else {
            format!("{:.2} s", lw.median)
        };
        println!(
            "| {n} | {:.3} s ({w_min:.3}–{w_max:.3}, {runs} runs) | {floor:.2} s | {:.3} | {throttled} | {} | {:.3} ms | {loop_cell} | {loop_throttled} | {loop_failed} |",
            w.median,
            w.median / floor,
            connections.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
            cpu.median,
        );
    }
    println!();
    println!("CPU per request = the process's user+sys time / N (start-up and the TLS handshake included).");

    // --- A network whose latency varies -----------------------------------------------------
    // The server holds each request 0–8 ms (random) before it counts as arrived. Request starts
    // 10 ms apart then do not keep arrivals 10 ms apart: 101 arrivals can fall within one second.
    let (runs, n, latency) = (2, 500, Duration::from_millis(8));
    let groups: Vec<String> = (1..=n).map(|i| format!("pgrogrp-b{i:07}")).collect();
    let stdin = groups.join("\n") + "\n";
    let (mut throttled, mut walls) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let server = Server::start_delayed(scratch, Some(100), latency);
        let r = run(server.tcpg(&home).arg("--group").arg("-"), Some(stdin.as_bytes()), scratch);
        server.check_all_accepted(n);
        throttled.push(server.api.throttled().to_string());
        walls.push(format!("{:.3}", r.wall.as_secs_f64()));
    }
    println!();
    println!(
        "Varying latency (0–{} ms per request), {n} groups in one call: throttled answers per run: {}; wall (s): {} (N/100 = {:.2} s)",
        latency.as_millis(),
        throttled.join(", "),
        walls.join(", "),
        n as f64 / 100.0
    );
}
