use super::releases::{admitted_pythons, python_pins};
use super::*;

declare_rule! {
    PythonEndOfLife { code: "CDA010", name: "python-end-of-life", severity: Info, default_on: true, fix: None }
    summary: "the python pin allows only python versions past their end of life";
    fn check(env, cx) {
        let Some(pin) = python_pins(env).into_iter().next() else { return };
        let admitted = admitted_pythons(env);
        let today = cx.settings.today();
        // A pin that admits no known release (a future python, a typo) says nothing here.
        if admitted.is_empty() || !admitted.iter().all(|(minor, _)| minor.is_end_of_life(&today)) {
            return;
        }
        let mut minors: Vec<&crate::data::PythonMinor> = admitted.iter().map(|(m, _)| *m).collect();
        minors.dedup_by_key(|m| m.minor);
        let last = minors.last().expect("admitted is not empty");
        let past = match minors.as_slice() {
            [one] => format!("python {}, past its end of life since {}", one.minor, one.end_of_life),
            [first, .., last] => format!("python {} to {}, past their end of life (the last since {})", first.minor, last.minor, last.end_of_life),
            [] => unreachable!("admitted is not empty"),
        };
        let range = pin.version().filter(|v| v.range != pin.range).map_or(pin.range, |v| v.range);
        let diagnostic = cx.report(range, format!("`{}` allows only {past}", pin.raw));
        let supported = crate::data::python_releases().iter().find(|m| !m.is_end_of_life(&today) && !m.releases.is_empty() && m.minor != last.minor);
        diagnostic.help(match supported {
            Some(next) => format!(
                "move to a supported python, such as `python={}` (security fixes until {}); old pythons get no security fixes and new wheels stop being built for them",
                next.minor, next.end_of_life
            ),
            None => "move to a supported python; old pythons get no security fixes and new wheels stop being built for them".to_owned(),
        });
    }
}
