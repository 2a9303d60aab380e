//! `sourced-archive`: the newsroom archive's command line (see `sourced_archive::cli`).

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    sourced_archive::cli::run(&args)
}
