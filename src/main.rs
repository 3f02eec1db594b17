use std::io::IsTerminal;
use std::process::ExitCode;

use condalint::cli::{run, Terminal};

fn main() -> ExitCode {
    let terminal = Terminal {
        stdout_is_tty: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        today: std::env::var("CONDALINT_TODAY").ok().filter(|v| !v.is_empty()),
    };
    std::panic::set_hook(Box::new(|info| {
        eprintln!("condalint: internal error: {info}; please report this at https://github.com/condalint/condalint/issues");
    }));
    let status = std::panic::catch_unwind(|| run(
        std::env::args_os().collect(),
        terminal,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
    .unwrap_or(condalint::cli::ExitStatus::Error);
    ExitCode::from(status as u8)
}
