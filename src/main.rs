//! The `eipcheck` binary: see `eipcheck --help`.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
