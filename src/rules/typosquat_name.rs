use super::*;

declare_rule! {
    TyposquatName { code: "SEC004", name: "typosquat-name", severity: Warning, default_on: true, fix: None }
    summary: "a pip name one typo away from a very popular PyPI project";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.all_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let name = req.name.value.as_str();
            if name.len() <= 4 || crate::data::is_known_pypi(name) {
                continue;
            }
            let Some(target) = popular_near(name.len()).iter().copied().filter(|p| p.len() > 4 && ends_agree(name, p) && one_typo(name, p)).min() else { continue };
            cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{name}` is one typo away from the popular project `{target}`"))
                .help(format!("did you mean `{target}`? typosquatted names on PyPI often carry malware"));
        }
    }
}

/// The popular names whose length is within one of `len` (only those can be one typo away).
fn popular_near(len: usize) -> &'static [&'static str] {
    let names = crate::data::popular_pypi();
    &names[names.partition_point(|n| n.len() + 1 < len)..names.partition_point(|n| n.len() <= len + 1)]
}

/// A quick necessary condition for [`one_typo`] on names of three or more bytes: one edit or one
/// swap of neighbours leaves the first or the last byte as it was.
fn ends_agree(a: &str, b: &str) -> bool {
    a.as_bytes().first() == b.as_bytes().first() || a.as_bytes().last() == b.as_bytes().last()
}

/// Edit distance 1, or two adjacent characters swapped. A name that is the target cut short
/// (`celer` for `celery`) is not counted: real projects are often named that way.
fn one_typo(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 || b.starts_with(a) {
        return false;
    }
    if one_edit(a.as_bytes(), b.as_bytes()) {
        return true;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return false;
    }
    let mut diff = (0..x.len()).filter(|&i| x[i] != y[i]);
    matches!((diff.next(), diff.next(), diff.next()), (Some(i), Some(j), None) if j == i + 1 && x[i] == y[j] && x[j] == y[i])
}

/// Edit distance exactly 1, in linear time: skip the common prefix, then the rests must be equal
/// after one substitution, insertion or deletion. (Names are ASCII after PEP 503; for other
/// bytes this compares bytes, which is stricter.)
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => !ra.is_empty() && ra[1..] == rb[1..],
        std::cmp::Ordering::Less => ra.len() + 1 == rb.len() && *ra == rb[1..],
        std::cmp::Ordering::Greater => rb.len() + 1 == ra.len() && ra[1..] == *rb,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_typo_implies_agreeing_ends() {
        let names = crate::data::popular_pypi();
        for target in names.iter().filter(|n| n.len() >= 3).take(200) {
            // Every single edit and neighbour swap of the target.
            let b = target.as_bytes();
            let mut variants: Vec<Vec<u8>> = Vec::new();
            for i in 0..=b.len() {
                for c in [b'a', b'z', b'-', b'0'] {
                    variants.push([&b[..i], &[c], &b[i..]].concat());
                    if i < b.len() {
                        variants.push([&b[..i], &[c], &b[i + 1..]].concat());
                    }
                }
                if i < b.len() {
                    variants.push([&b[..i], &b[i + 1..]].concat());
                }
                if i + 1 < b.len() {
                    variants.push([&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat());
                }
            }
            for v in variants {
                let v = String::from_utf8(v).unwrap();
                if super::one_typo(&v, target) {
                    assert!(super::ends_agree(&v, target), "{v} {target}");
                }
            }
        }
    }

    #[test]
    fn one_edit_matches_edit_distance_one() {
        let words = ["requests", "reqeusts", "request", "requestss", "rquests", "xequests", "requests2", "numpy", "numpyy", "nunpy", "", "a"];
        for a in words {
            for b in words {
                assert_eq!(super::one_edit(a.as_bytes(), b.as_bytes()), crate::rules::edit_distance(a, b) == 1, "{a} {b}");
            }
        }
    }
}
