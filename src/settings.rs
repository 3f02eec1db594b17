//! Resolved settings: which rules run and which severity fails the run.

use crate::diagnostic::Severity;
use crate::rules::{RuleMeta, RULES};

/// A rule selector as written: a code (`PIP002`), a name (`pip-not-pinned`), a code prefix
/// (`PIP`, `PIP0`) or `ALL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector(pub(crate) String);

impl Selector {
    /// Parses a selector; an error names the selector when it matches no rule.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let selector = Selector(text.to_owned());
        if text.is_empty() || !RULES.iter().any(|r| selector.specificity(r.meta()).is_some()) {
            let suggestion = RULES
                .iter()
                .map(|r| r.meta())
                .flat_map(|m| [m.code, m.name])
                .min_by_key(|c| crate::rules::edit_distance(&text.to_ascii_lowercase(), &c.to_ascii_lowercase()))
                .unwrap_or("ALL");
            return Err(format!("unknown rule selector `{text}` (did you mean `{suggestion}`?)"));
        }
        Ok(selector)
    }

    /// How specifically this selector names the rule (higher is more specific); `None` when it
    /// does not match. Rules that are off by default match only their exact code or name, or `ALL`.
    fn specificity(&self, meta: &RuleMeta) -> Option<usize> {
        let s = self.0.as_str();
        if s.eq_ignore_ascii_case(meta.code) || s.eq_ignore_ascii_case(meta.name) {
            return Some(100);
        }
        if s.eq_ignore_ascii_case("ALL") {
            return Some(0);
        }
        let prefix = meta.code.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
        (prefix && meta.default_on).then_some(s.len())
    }
}

/// Parses a comma-separated selector list.
pub fn parse_selectors(list: &str) -> Result<Vec<Selector>, String> {
    list.split(',').filter(|s| !s.trim().is_empty()).map(Selector::parse).collect()
}

/// The tool that will consume the environment file (`--target`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    Conda,
    Mamba,
    CondaLock,
    Pixi,
}

impl Target {
    pub fn label(self) -> &'static str {
        match self {
            Target::Conda => "conda",
            Target::Mamba => "mamba",
            Target::CondaLock => "conda-lock",
            Target::Pixi => "pixi",
        }
    }
}

/// The lowest severity that makes the exit code 1, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// `None`: the rules that are on by default.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub fail_on: FailOn,
    /// The consuming tool; turns on the rules that check its limits (`RuleMeta::by_target`).
    pub target: Option<Target>,
    /// Severity overrides from the configuration (`[severity]`), by rule code.
    pub severity: Vec<(&'static str, Severity)>,
    /// The date rules compare dated tables against (python-end-of-life), as `YYYY-MM-DD`;
    /// `None`: today by the system clock. Tests pin it so that examples do not age.
    pub today: Option<String>,
    /// The package indexes, with `--online` (or `--offline`, the cache only): the IDX rules
    /// (`RuleMeta::online`) run only when it is set.
    pub index: Option<std::sync::Arc<crate::index::Index>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { select: None, extend_select: Vec::new(), ignore: Vec::new(), fail_on: FailOn::Severity(Severity::Warning), target: None, severity: Vec::new(), today: None, index: None }
    }
}

impl Settings {
    /// Every rule, including those off by default.
    pub fn all() -> Self {
        Self { select: Some(vec![Selector("ALL".into())]), ..Self::default() }
    }

    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let best = |list: &[Selector]| list.iter().filter_map(|s| s.specificity(meta)).max();
        // `--target` turns on the check for that tool's limits.
        let by_target = (meta.by_target && self.target.is_some()).then_some(1);
        let base = match &self.select {
            None => meta.default_on.then_some(0).or(by_target),
            Some(list) => best(list),
        };
        let selected = base.max(best(&self.extend_select));
        match (selected, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(sel), Some(ign)) => sel > ign,
        }
    }

    /// The severity a rule's findings get: its own, or the configured override.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity.iter().find(|(c, _)| *c == code).map_or(default, |(_, s)| *s)
    }

    /// The date of the run as `YYYY-MM-DD` (see [`Settings::today`]).
    pub fn today(&self) -> String {
        self.today.clone().unwrap_or_else(|| {
            let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            civil_date(secs / 86_400)
        })
    }

    pub fn fails(&self, severity: Severity) -> bool {
        matches!(self.fail_on, FailOn::Severity(min) if severity >= min)
    }
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::lookup;

    fn enabled(settings: &Settings, code: &str) -> bool {
        settings.is_enabled(lookup(code).unwrap().meta())
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_788), "2026-12-01");
        assert_eq!(Settings { today: Some("2030-01-02".into()), ..Settings::default() }.today(), "2030-01-02");
        assert_eq!(Settings::default().today().len(), 10);
    }

    #[test]
    fn target_turns_on_the_rules_for_its_limits() {
        let by_target: Vec<&str> = RULES.iter().map(|r| r.meta()).filter(|m| m.by_target).map(|m| m.code).collect();
        assert_eq!(by_target, ["PIP012"]);
        let target = Settings { target: Some(Target::CondaLock), ..Settings::default() };
        assert!(!enabled(&Settings::default(), "PIP012") && enabled(&target, "PIP012"));
        let ignored = Settings { ignore: parse_selectors("tool-incompatible").unwrap(), ..target };
        assert!(!enabled(&ignored, "PIP012"));
        let unparsed: Vec<&str> = RULES.iter().map(|r| r.meta()).filter(|m| m.unparsed).map(|m| m.code).collect();
        assert_eq!(unparsed, ["ENV001", "ENV015", "ENV016"]);
    }

    #[test]
    fn selection_follows_specificity() {
        let s = Settings::default();
        assert!(enabled(&s, "PIP002"));
        let s = Settings { select: Some(parse_selectors("PIP").unwrap()), ..Settings::default() };
        assert!(enabled(&s, "PIP002") && !enabled(&s, "ENV003"));
        let s = Settings { ignore: parse_selectors("PIP").unwrap(), extend_select: parse_selectors("pip-not-pinned").unwrap(), ..Settings::default() };
        assert!(enabled(&s, "PIP002") && !enabled(&s, "PIP001"));
        let s = Settings { ignore: parse_selectors("PIP002").unwrap(), ..Settings::default() };
        assert!(!enabled(&s, "PIP002") && enabled(&s, "PIP001"));
        let s = Settings { select: Some(parse_selectors("PIP002").unwrap()), ignore: parse_selectors("pip-not-pinned").unwrap(), ..Settings::default() };
        assert!(!enabled(&s, "PIP002"), "equal specificity: ignore wins");
        assert!(parse_selectors("PIPX").is_err());
        assert!(parse_selectors("pip-not-pined").unwrap_err().contains("pip-not-pinned"));
    }
}
