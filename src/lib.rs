//! tcpg: rebalance the read-only replicas of a Tencent Cloud PostgreSQL RO group.
//!
//! The binary (`src/main.rs`) is a thin shell over these modules; they are a library so that
//! tests and benchmarks can reach them directly.

pub mod api;
pub mod cli;
pub mod completions;
pub mod config;
pub mod config_cmd;
pub mod credentials;
pub mod error;
pub mod foreign;
pub mod group;
pub mod interrupt;
pub mod output;
pub mod rebalance;
pub mod retry;
pub mod signer;
