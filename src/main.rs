use std::io::IsTerminal;
use std::process::ExitCode;

use condalint::cli::{run, Terminal};

fn main() -> ExitCode {
    let stdout_is_tty = std::io::stdout().is_terminal();
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let terminal = Terminal {
        stdout_is_tty,
        no_color: set("NO_COLOR"),
        force_color: set("FORCE_COLOR"),
        width: stdout_is_tty.then(terminal_width).flatten(),
        today: std::env::var("CONDALINT_TODAY").ok().filter(|v| !v.is_empty()),
        vars: std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))).collect(),
    };
    std::panic::set_hook(Box::new(|info| {
        eprintln!("condalint: internal error: {info}; please report this at https://github.com/condalint/condalint/issues");
    }));
    let status = std::panic::catch_unwind(|| run(
        std::env::args_os().collect(),
        terminal,
        // Not locked for the run: `condalint server` reads standard input on a thread of its own.
        &mut std::io::stdin(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
    .unwrap_or(condalint::cli::ExitStatus::Error);
    ExitCode::from(status as u8)
}

/// The width of the terminal on stdout: `COLUMNS` when set to a number, else the terminal's size.
fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
    columns.or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0)).filter(|&w| w > 0))
}
