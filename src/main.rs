//! The `sourced` binary: see [`sourced::cli`].

fn main() -> std::process::ExitCode {
    sourced::cli::run(std::env::args().skip(1).collect())
}
