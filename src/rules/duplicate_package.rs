use super::*;

use crate::model::CondaDep;

declare_rule! {
    DuplicatePackage { code: "CDA003", name: "duplicate-package", severity: Warning, default_on: true, fix: None }
    summary: "the same conda package is listed twice";
    fn check(env, cx) {
        // Per name: the first spec without a selector, and the first spec per selector. Lines
        // with different selectors are for different platforms; a line without a selector
        // applies everywhere, so it meets every selector line (conda and mamba ignore comment
        // selectors altogether).
        #[derive(Default)]
        struct Seen<'a> {
            plain: Option<&'a CondaDep>,
            first: Option<&'a CondaDep>,
            by_selector: crate::HashMap<&'a str, &'a CondaDep>,
        }
        // Only names listed more than once can be reported: found by sorting the names' hashes,
        // so that a file of many packages needs no map entry per package (a name listed once
        // whose hash collides with another's is looked up in `seen` but never reported).
        let hasher = foldhash::fast::FixedState::default();
        let hash = |name: &str| std::hash::BuildHasher::hash_one(&hasher, name);
        let mut hashes: Vec<u64> = env.conda_deps().filter_map(|d| d.name().map(|n| hash(n.value))).collect();
        hashes.sort_unstable();
        let twice: std::collections::HashSet<u64, foldhash::fast::RandomState> = hashes.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
        drop(hashes);
        let mut seen: crate::HashMap<&str, Seen> = crate::HashMap::default();
        for dep in env.conda_deps() {
            let Some(name) = dep.name().map(|n| n.value).filter(|n| !twice.is_empty() && twice.contains(&hash(n))) else { continue };
            let selector = dep.selector.as_ref().map(|s| s.value.trim());
            let entry = seen.entry(name).or_default();
            let first = match selector {
                None => entry.first,
                Some(s) => entry.plain.or_else(|| entry.by_selector.get(s).copied()),
            };
            entry.first.get_or_insert(dep);
            match selector {
                None => {
                    entry.plain.get_or_insert(dep);
                }
                Some(s) => {
                    entry.by_selector.entry(s).or_insert(dep);
                }
            }
            let Some(first) = first else { continue };
            report(cx, name, first, dep);
        }
    }
}

fn report(cx: &mut LintContext<'_>, name: &str, first: &CondaDep, dep: &CondaDep) {
    let same = normalized(&first.raw) == normalized(&dep.raw);
    // One line with a selector and one without (two lines with the same selector are plain).
    let selector = match (&first.selector, &dep.selector) {
        (Some(s), None) | (None, Some(s)) => Some(s.value.trim()),
        _ => None,
    };
    let message = if same {
        format!("package `{name}` is listed twice (`{}`)", dep.raw)
    } else {
        format!("package `{name}` is listed twice, as `{}` and `{}`", first.raw, dep.raw)
    };
    let help = match (same, selector) {
        (true, None) => "remove one of the two lines".to_owned(),
        (false, None) => "keep one spec; conda applies both, and the solve fails when they conflict".to_owned(),
        (_, Some(s)) => format!(
            "the line without a selector applies on {s} too (and conda and mamba ignore the selector): keep one spec, or give each line its own platform"
        ),
    };
    cx.report(dep.range, message).label(first.range, "first listed here").help(help);
}

/// A spec compared for "the same": case and whitespace do not count, nor the channel-less
/// spelling of the name.
fn normalized(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}
