//! The PyPI side of the index checks (IDX003, IDX004, IDX005, and IDX000 for an index) end to
//! end: the built binary against the local PEP 691/503 index (`tests/index_server`, the
//! `tests/fixtures/index/pypi/` tree), `file://` indexes and find-links, never the internet.

mod index_server;
#[path = "index_server/run.rs"]
mod run;

use std::path::Path;

use index_server::{fixtures, IndexServer};
use run::{idx, stdout, Run};

/// An environment file with python `python` and the pip section `pip`.
fn env(python: &str, pip: &[&str]) -> String {
    let channel = url_of(&fixtures().join("pypi/channel"));
    let mut text = format!("name: t\nchannels:\n  - {channel}\ndependencies:\n  - python={python}\n  - pip=24.2\n  - pip:\n");
    for line in pip {
        text.push_str(&format!("      - {line}\n"));
    }
    text
}

fn codes(findings: &[String]) -> Vec<&str> {
    findings.iter().map(|f| f.split_whitespace().nth(1).unwrap_or("")).collect()
}

#[test]
fn each_finding_against_the_json_index() {
    let server = IndexServer::start();
    let index = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = run.env_file(&env(
        "3.12",
        &[
            "goodpkg>=1.0",
            "reqests==2.32.3",
            "goodpkg2==1.0",
            "goodpkg==3.0",
            "sdistonly",
            "winmac==1.0",
            "newpython",
            "oldwheel",
            "yanky==1.1",
            "yanky>1.0",
            "Foo_Bar==1.0",
            "pytorch==2.5.1",
            "compiled",
        ],
    ));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    let found = idx(&out);
    let expected = [
        // `reqests`: 404; the closest popular project is named.
        "7:9: IDX003 [error] no project `reqests` on `URL/pypi/simple`",
        "8:9: IDX003 [error] no project `goodpkg2` on `URL/pypi/simple`",
        "9:16: IDX004 [error] no release of `goodpkg` matches `==3.0` on `URL/pypi/simple`",
        // Published as sdists only: often pure Python, worth knowing.
        "10:9: IDX005 [info] `sdistonly` 1.0 is published as an sdist only: pip builds it at install time, which needs its build tools (and a compiler if it has extension modules)",
        "11:9: IDX005 [warning] no distribution of `winmac` installs on linux-64 with python 3.12: its wheels are for macosx_11_0_arm64, win_amd64",
        "12:9: IDX005 [warning] no distribution of `newpython` installs on linux-64 with python 3.12: 2.0 requires python >=3.13; its wheels for this platform are for cp311",
        // Its only wheel is `py3-none-any`: pure Python.
        "13:9: IDX005 [info] `oldwheel` 2.0 is published as an sdist only: pip builds it at install time, which needs its build tools (and a compiler if it has extension modules)",
        "14:14: IDX004 [info] `yanky` 1.1 was yanked (reason given: broken build); pip installs it because the pin names it exactly (PEP 592)",
        "15:14: IDX004 [error] only yanked releases of `yanky` match `>1.0` (1.1) on `URL/pypi/simple`; pip installs a yanked release only when the pin names it exactly",
        "17:9: IDX003 [error] no project `pytorch` on `URL/pypi/simple`",
        // 1.0 has a cp311 manylinux wheel (compiled code); 2.0, the newest, only an sdist.
        "18:9: IDX005 [warning] `compiled` 2.0 has no wheel for linux-64 with python 3.12: pip builds it from the sdist, which needs a compiler and the build tools",
    ];
    // Lines counted in the pip section; the file has two lines of channels before it.
    let expected: Vec<String> = expected.iter().map(|e| shift_line(&e.replace("URL", &server.url), 2)).collect();
    assert_eq!(found, expected, "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    // The same from the warm cache with --offline, without a request.
    let before = server.count();
    let offline = run.run(&file, &["--offline", "--pypi-index", &index], &[]);
    assert_eq!((idx(&offline), server.count()), (expected.clone(), before));
    // The help: the closest name, the newest releases, an older release with a wheel.
    let full = run.run(&file, &["--online", "--pypi-index", &index, "--output-format=full"], &[]);
    let full = stdout(&full);
    assert!(full.contains("did you mean `requests`?"), "{full}");
    assert!(full.contains("`pytorch` is the conda package's name; on PyPI the project is `torch`"), "{full}");
    assert!(full.contains("the newest releases are 2.0, 1.0"), "{full}");
    assert!(full.contains("1.5 has a wheel there: pin `oldwheel==1.5`"), "{full}");
    // Non-normalised names are asked for at their PEP 503 name, PEP 691 JSON first.
    let requests = server.requests();
    assert!(requests.iter().any(|r| r.path == "/pypi/simple/foo-bar/" && r.status == 200), "{requests:?}");
    assert!(requests.iter().all(|r| r.accept.starts_with("application/vnd.pypi.simple.v1+json")), "{requests:?}");
    // Each project page once, though three rules and IDX000 read it.
    let goodpkg = requests.iter().filter(|r| r.path == "/pypi/simple/goodpkg/").count();
    assert_eq!(goodpkg, 1, "{requests:?}");
}

#[test]
fn the_target_python_and_platform() {
    let server = IndexServer::start();
    let index = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = run.env_file(&env("3.12", &["winmac==1.0", "newpython"]));
    // On windows winmac has a wheel; newpython has no windows wheel at all.
    let out = run.run(&file, &["--online", "--pypi-index", &index, "--platform", "win-64"], &[]);
    assert_eq!(codes(&idx(&out)), ["IDX005"], "{}", stdout(&out));
    assert!(idx(&out)[0].contains("`newpython` installs on win-64 with python 3.12"), "{:?}", idx(&out));
    // Python 3.13 on linux: newpython 2.0's cp313 wheel installs; winmac still has none.
    let out = run.run(&file, &["--online", "--pypi-index", &index, "--python", "3.13"], &[]);
    assert_eq!(idx(&out).len(), 1, "{}", stdout(&out));
    assert!(idx(&out)[0].contains("`winmac` installs on linux-64 with python 3.13"), "{:?}", idx(&out));
    // The file's python pin decides without --python: 3.11 takes newpython 1.0's cp311 wheel.
    let file = run.env_file(&env("3.11", &["newpython"]));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
    // `platforms:` of the file: both targets are checked, one finding names both.
    let file = run.env_file(&format!("{}platforms:\n  - linux-64\n  - osx-arm64\n", env("3.12", &["compiled"])));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(idx(&out).len(), 1, "{}", stdout(&out));
    assert!(idx(&out)[0].contains("no wheel for linux-64 and osx-arm64 with python 3.12"), "{:?}", idx(&out));
    // A file that does not pin python: the conda solve picks it, so a wheel for the platform
    // counts whatever its python tags (newpython 2.0's cp313 wheel); no wheel for the platform
    // at all still does not install (winmac), and the message names no python.
    let file = run.env_file(&env("3.12", &["newpython", "winmac==1.0"]).replace("  - python=3.12\n", "  - python\n"));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(codes(&idx(&out)), ["IDX005"], "{}", stdout(&out));
    assert!(idx(&out)[0].contains("no distribution of `winmac` installs on linux-64: its wheels are for"), "{:?}", idx(&out));
}

#[test]
fn binary_options_of_the_pip_section() {
    let server = IndexServer::start();
    let index = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    // --prefer-binary: oldwheel 1.5's wheel over 2.0's sdist; --only-binary: sdistonly cannot
    // install; --no-binary: building sdistonly from source is what the file asks for.
    let file = run.env_file(&env("3.12", &["--prefer-binary", "--only-binary sdistonly", "oldwheel", "sdistonly"]));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(
        idx(&out),
        ["11:9: IDX005 [warning] no distribution of `sdistonly` installs on linux-64 with python 3.12: its sdist is excluded by `--only-binary`"],
        "{}",
        stdout(&out)
    );
    let file = run.env_file(&env("3.12", &["--no-binary sdistonly,oldwheel", "oldwheel", "sdistonly", "goodpkg"]));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
}

#[test]
fn included_requirements_files_and_constraints() {
    let server = IndexServer::start();
    let main = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    // The included file sets the index and holds a missing project: reported in that file.
    std::fs::write(run.home.path().join("requirements.txt"), format!("--index-url {main}\ngoodpkg==2.0\nreqests\n")).unwrap();
    // A constraint names a project pip only constrains: it is not looked up.
    std::fs::write(run.home.path().join("constraints.txt"), "not-a-real-project==1.0\n").unwrap();
    let file = run.env_file(&env("3.12", &["-r requirements.txt", "-c constraints.txt"]));
    let out = run.run(&file, &["--online"], &[]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(" IDX")).collect();
    assert_eq!(lines, ["requirements.txt:3:1: IDX003 [error] no project `reqests` on `URL/pypi/simple`".replace("URL", &server.url)], "{}", stdout(&out));
    assert!(!server.requests().iter().any(|r| r.path.contains("not-a-real-project")), "{:?}", server.requests());
}

#[test]
fn markers_false_on_the_target_are_not_looked_up() {
    let server = IndexServer::start();
    let index = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = run.env_file(&env("3.12", &["winmac==1.0 ; sys_platform == 'win32'", "missing-on-windows ; platform_system == 'Windows'", "goodpkg ; python_version >= '3.9'"]));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/pypi/simple/goodpkg/"], "only the requirement whose marker holds");
    // On windows the two others are looked up: one is missing.
    let out = run.run(&file, &["--online", "--pypi-index", &index, "--platform", "win-64"], &[]);
    assert_eq!(codes(&idx(&out)), ["IDX003"], "{}", stdout(&out));
}

#[test]
fn the_html_fallback_and_a_file_index() {
    let server = IndexServer::start();
    let reqs = ["htmlonly==1.0", "htmlonly>=1.1", "htmlonly==2.0", "yanky==1.1", "sdistonly", "goodpkg==2.0"];
    let expected_tail = |url: &str| {
        vec![
            format!("6:17: IDX004 [info] `htmlonly` 1.0 was yanked; pip installs it because the pin names it exactly (PEP 592)"),
            format!("8:9: IDX005 [warning] no distribution of `htmlonly` installs on linux-64 with python 3.12: 2.0 requires python >=4"),
            format!("9:14: IDX004 [info] `yanky` 1.1 was yanked (reason given: broken build); pip installs it because the pin names it exactly (PEP 592)"),
            format!("10:9: IDX005 [info] `sdistonly` 1.0 is published as an sdist only: pip builds it at install time, which needs its build tools (and a compiler if it has extension modules){url}"),
        ]
    };
    // `htmlonly` has only the PEP 503 page: the server answers HTML to pip's Accept header.
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let index = format!("{}/pypi/simple", server.url);
    let file = run.env_file(&env("3.12", &reqs));
    let out = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    let expected: Vec<String> = expected_tail("").iter().map(|f| shift_line(f, 2)).collect();
    assert_eq!(idx(&out), expected, "{}", stdout(&out));
    let offline = run.run(&file, &["--offline", "--pypi-index", &index], &[]);
    assert_eq!(idx(&offline), expected, "the HTML answers are cached too");
    // The same index as a `file://` URL in the pip section: pip reads `<project>/index.html`.
    let file_index = url_of(&fixtures().join("pypi/simple"));
    let mut with_option = vec![format!("--index-url {file_index}")];
    with_option.extend(reqs.iter().map(|r| r.to_string()));
    let file = run.env_file(&env("3.12", &with_option.iter().map(String::as_str).collect::<Vec<_>>()));
    let out = run.run(&file, &["--online"], &[]);
    let shifted: Vec<String> = expected_tail("").iter().map(|f| shift_line(f, 3)).collect();
    assert_eq!(idx(&out), shifted, "{}", stdout(&out));
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `L:C: …` with L moved by `by`.
fn shift_line(finding: &str, by: usize) -> String {
    let (line, rest) = finding.split_once(':').unwrap();
    format!("{}:{rest}", line.parse::<usize>().unwrap() + by)
}

#[test]
fn extra_indexes_find_links_and_configuration() {
    let server = IndexServer::start();
    let main = format!("{}/pypi/simple", server.url);
    let extra = format!("{}/pypi/extra", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    // private-tool is on the extra index only; with it, nothing is missing.
    let file = run.env_file(&env("3.12", &[&format!("--index-url {main}"), &format!("--extra-index-url {extra}"), "private-tool==3.2.0", "goodpkg"]));
    let out = run.run(&file, &["--online"], &[]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
    // Without the extra index it is not found, and the message names the index searched.
    let file = run.env_file(&env("3.12", &[&format!("--index-url {main}"), "private-tool==3.2.0"]));
    let out = run.run(&file, &["--online"], &[]);
    assert_eq!(idx(&out), [format!("9:9: IDX003 [error] no project `private-tool` on `{main}`")], "{}", stdout(&out));
    // PIP_EXTRA_INDEX_URL adds it; PIP_INDEX_URL sets the main index.
    let file = run.env_file(&env("3.12", &["private-tool==3.2.0", "goodpkg"]));
    let out = run.run(&file, &["--online"], &[("PIP_INDEX_URL", &main), ("PIP_EXTRA_INDEX_URL", &extra)]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
    // The pip configuration file: [install] over [global].
    let conf = run.home.path().join("pip.conf");
    std::fs::write(&conf, format!("[global]\nindex-url = http://127.0.0.1:1/nothing\n[install]\nindex-url = {main}\nextra-index-url =\n    {extra}\n")).unwrap();
    let out = run.run(&file, &["--online"], &[("PIP_CONFIG_FILE", conf.to_str().unwrap())]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}", stdout(&out));
    // A find-links directory (relative to the file) and a find-links page, with --no-index.
    std::fs::create_dir(run.home.path().join("wheels")).unwrap();
    for f in ["localwheel-0.1-py3-none-any.whl", "localwheel-0.2.tar.gz"] {
        std::fs::copy(fixtures().join("pypi/wheels").join(f), run.home.path().join("wheels").join(f)).unwrap();
    }
    server.reset();
    let page = format!("{}/pypi/links.html", server.url);
    let file = run.env_file(&env("3.12", &["--no-index", "--find-links ./wheels", &format!("-f {page}"), "localwheel==0.1", "linked>=0.3", "localwheel==0.3", "goodpkg"]));
    let out = run.run(&file, &["--online"], &[]);
    let found = idx(&out);
    assert_eq!(codes(&found), ["IDX005", "IDX004", "IDX003"], "{}", stdout(&out));
    assert!(found[0].starts_with("12:9:") && found[0].contains("`linked` 0.4 is published as an sdist only"), "{found:?}");
    assert!(found[1].starts_with("13:19:") && found[1].contains("no release of `localwheel` matches `==0.3`"), "{found:?}");
    assert!(found[2].ends_with(&format!("no project `goodpkg` on the find-links directory `./wheels` or the find-links page `{page}`")), "{found:?}");
    // --no-index: no index request at all, only the find-links page.
    assert!(server.requests().iter().all(|r| r.path == "/pypi/links.html"), "{:?}", server.requests());
    // Offline: the find-links page from the cache, the directory from disk.
    let offline = run.run(&file, &["--offline"], &[]);
    assert_eq!(idx(&offline), found);
}

#[test]
fn unreachable_indexes_are_one_idx000_each_and_never_a_not_found() {
    let server = IndexServer::start();
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    for (route, reason) in [("error500", "HTTP 500"), ("badjson", "not valid JSON")] {
        let index = format!("{}/{route}/simple", server.url);
        let file = run.env_file(&env("3.12", &[&format!("--index-url {index}"), "goodpkg", "sdistonly", "reqests"]));
        let out = run.run(&file, &["--online"], &[]);
        let found = idx(&out);
        assert_eq!(codes(&found), ["IDX000"], "{route}: {}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        assert!(found[0].contains("cannot read index `") && found[0].contains(reason), "{route}: {found:?}");
    }
    // Two indexes, one failing: one IDX000 for it, and the other's answers are not turned into
    // findings for projects the failing one might have had.
    let main = format!("{}/pypi/simple", server.url);
    let broken = format!("{}/error500/simple", server.url);
    let file = run.env_file(&env("3.12", &[&format!("--index-url {main}"), &format!("--extra-index-url {broken}"), "goodpkg==3.0", "reqests", "sdistonly"]));
    let out = run.run(&file, &["--online"], &[]);
    assert_eq!(idx(&out), [format!("10:9: IDX000 [warning] cannot read index `{broken}`: HTTP 500")], "{}", stdout(&out));
}

/// The library with a client whose limits are small: the test does not wait 10 s for a server
/// that never answers, nor read 64 MiB.
mod limits {
    use std::sync::Arc;
    use std::time::Duration;

    use condalint::index::fetch::HttpFetch;
    use condalint::index::{Index, Options};
    use condalint::{lint, MemoryFileSystem, Settings, SourceFile};

    use super::index_server::IndexServer;

    fn findings(timeout: Duration, limit: u64, text: &str) -> Vec<String> {
        let vars = [("PIP_CONFIG_FILE".to_owned(), "/dev/null".to_owned())].into_iter().collect();
        let index = Index::new(Options { online: true, vars, ..Options::default() }, Arc::new(HttpFetch::new(None, false, timeout, Duration::from_secs(30), limit, None)));
        let settings = Settings { index: Some(Arc::new(index)), ..Settings::default() };
        let source = SourceFile::from_text("environment.yml", text);
        lint(&source, &settings, &MemoryFileSystem::new()).into_iter().filter(|d| d.code.starts_with("IDX")).map(|d| format!("{} {}", d.code, d.message)).collect()
    }

    fn env(index: &str) -> String {
        let channel = super::url_of(&super::fixtures().join("pypi/channel"));
        format!("name: t\nchannels:\n  - {channel}\ndependencies:\n  - python=3.12\n  - pip=24.2\n  - pip:\n      - --index-url {index}\n      - goodpkg\n      - reqests\n")
    }

    #[test]
    fn an_index_that_never_answers_times_out() {
        let server = IndexServer::start();
        let index = format!("{}/hang/simple", server.url);
        assert_eq!(findings(Duration::from_millis(300), 1 << 20, &env(&index)), [format!("IDX000 cannot read index `{index}`: no answer within 0.3 s")]);
    }

    #[test]
    fn an_endless_page_is_cut_at_the_limit() {
        let server = IndexServer::start();
        let index = format!("{}/huge/simple", server.url);
        assert_eq!(findings(Duration::from_secs(10), 1 << 20, &env(&index)), [format!("IDX000 cannot read index `{index}`: the response is larger than 1 MiB")]);
    }
}

#[test]
fn no_request_without_online_and_the_same_findings_offline() {
    let server = IndexServer::start();
    let index = format!("{}/pypi/simple", server.url);
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = run.env_file(&env("3.12", &["goodpkg==3.0", "reqests", "sdistonly", "yanky==1.1"]));
    let quiet = run.run(&file, &["--pypi-index", &index], &[]);
    assert_eq!((idx(&quiet), server.count()), (Vec::<String>::new(), 0), "no --online: no IDX rule runs, no request");
    let online = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!(idx(&online).len(), 4, "{}", stdout(&online));
    let cold_requests = server.count();
    assert!(cold_requests >= 4, "{:?}", server.requests());
    // Warm and fresh: the same findings and no request; --offline: the same findings too.
    let warm = run.run(&file, &["--online", "--pypi-index", &index], &[]);
    assert_eq!((idx(&warm), server.count()), (idx(&online), cold_requests));
    let offline = run.run(&file, &["--offline", "--pypi-index", &index], &[]);
    assert_eq!((idx(&offline), server.count()), (idx(&online), cold_requests), "404s are cached too");
    // Offline with a cold cache: one IDX000, no not-found.
    let cold = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = cold.env_file(&env("3.12", &["goodpkg==3.0", "reqests"]));
    let out = cold.run(&file, &["--offline", "--pypi-index", &index], &[]);
    assert_eq!(codes(&idx(&out)), ["IDX000"], "{}", stdout(&out));
    assert!(idx(&out)[0].contains("not in the cache; run once with --online"), "{:?}", idx(&out));
}

#[test]
fn credentials_in_an_index_url_are_used_but_never_shown() {
    let server = IndexServer::start();
    let with_token = server.url.replace("http://", "http://builder:s3cr3t-token@") + "/error500/simple";
    let run = Run::pip("--select=IDX003,IDX004,IDX005,IDX000");
    let file = run.env_file(&env("3.12", &[&format!("--index-url {with_token}"), "goodpkg"]));
    let out = run.run(&file, &["--online"], &[]);
    let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains("s3cr3t-token"), "{all}");
    assert!(idx(&out).iter().any(|f| f.contains("builder:****@")), "{all}");
    // An index that answers: the not-found message names it, masked too.
    let with_token = server.url.replace("http://", "http://builder:s3cr3t-token@") + "/pypi/simple";
    let file = run.env_file(&env("3.12", &[&format!("--index-url {with_token}"), "goodpkg", "reqests"]));
    let out = run.run(&file, &["--online", "--output-format=full"], &[]);
    let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains("s3cr3t-token") && all.contains("no project `reqests` on `http://builder:****@"), "{all}");
}
