//! The conda side of the index checks (IDX000, IDX001, IDX002) end to end: the built binary
//! against the local mirror (`tests/index_server`), never the internet.

mod index_server;
#[path = "index_server/run.rs"]
#[allow(dead_code)] // `Run::pip` is the PyPI tests'
mod run;

use std::process::{Command, Output};

use index_server::IndexServer;
use run::{idx, stdout, Run};


const ENV: &str = "name: t\nchannels:\n  - main\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - requests>=2.32\n  - tqdm\n";

#[test]
fn a_clean_file_against_each_form_of_repodata() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    for channel in ["main", "sharded", "zstchan"] {
        let run = Run::new();
        let file = run.env_file(&ENV.replace("- main", &format!("- {channel}")));
        let out = run.run(&file, &["--online", "--channel-alias", &alias], &[]);
        assert_eq!(idx(&out), Vec::<String>::new(), "{channel}: {}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    }
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert!(paths.iter().any(|p| p.starts_with("/conda/sharded/linux-64/shards/")), "shards were read: {paths:?}");
    assert!(!paths.iter().any(|p| p == "/conda/sharded/linux-64/repodata.json"), "no full repodata for a sharded channel");
    // Only the shards of the names in the file: python and numpy on linux-64, not pytorch or libstdcxx.
    let shards = paths.iter().filter(|p| p.starts_with("/conda/sharded/linux-64/shards/")).count();
    assert_eq!(shards, 2, "{paths:?}");
    assert!(paths.iter().any(|p| p == "/conda/zstchan/linux-64/repodata.json.zst"));
}

#[test]
fn a_missing_name_and_a_missing_version_with_their_help() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    let run = Run::new();
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - numpyy\n  - numpy=1.27\n  - numpy=1.26.4=py39*\n  - python>=3.13\n");
    let out = run.run(&file, &["--online", "--channel-alias", &alias, "--output-format=json"], &[]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let found: Vec<(String, String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("IDX"))
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["message"].as_str().unwrap().to_owned(), d["help"].as_str().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            ("IDX001".into(), "no package `numpyy` in channel `main` for linux-64 (or noarch)".into(), "did you mean `numpy`?".into()),
            ("IDX002".into(), "no `numpy` matching `numpy=1.27` in channel `main` for linux-64 (or noarch)".into(), "the nearest versions there are linux-64: 1.21.6, 1.26.4, 2.1.3".into()),
            (
                "IDX002".into(),
                "no `numpy` matching `numpy=1.26.4=py39*` in channel `main` for linux-64 (or noarch)".into(),
                "the version exists, but not that build; the builds there are linux-64: 1.26.4 py311h64a7726_0".into()
            ),
            ("IDX002".into(), "no `python` matching `python>=3.13` in channel `main` for linux-64 (or noarch)".into(), "the nearest versions there are linux-64: 3.11.10, 3.12.7".into()),
        ]
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn target_subdirs_come_from_the_file_then_the_flag_then_linux_64() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    let run = Run::new();
    // mlx is on osx-arm64 only.
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - mlx=0.21\n  - requests\n");
    let online = ["--online", "--channel-alias", alias.as_str()];
    assert_eq!(idx(&run.run(&file, &online, &[])), ["5:5: IDX001 [error] no package `mlx` in channel `main` for linux-64 (or noarch)"]);
    let osx = [&online[..], &["--platform", "osx-arm64"]].concat();
    assert_eq!(idx(&run.run(&file, &osx, &[])), Vec::<String>::new());
    let both = [&online[..], &["--platform", "osx-arm64", "--platform", "linux-64"]].concat();
    assert_eq!(idx(&run.run(&file, &both, &[])), ["5:5: IDX001 [error] no package `mlx` in channel `main` for linux-64 (or noarch)"]);
    // The file's `platforms:` wins over the flag.
    let file = run.env_file("name: t\nchannels:\n  - main\nplatforms:\n  - osx-arm64\ndependencies:\n  - mlx=0.21\n");
    assert_eq!(idx(&run.run(&file, &[&online[..], &["--platform", "linux-64"]].concat(), &[])), Vec::<String>::new());
    // A channel written with a subdir is read in that subdir only.
    let file = run.env_file("name: t\nchannels:\n  - main/osx-arm64\ndependencies:\n  - mlx=0.21\n");
    assert_eq!(idx(&run.run(&file, &online, &[])), Vec::<String>::new());
    assert!(server.requests().iter().all(|r| !r.path.contains("/win-64/")));
}

#[test]
fn a_channel_prefix_searches_that_channel_only() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    let run = Run::new();
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - mychan::private-pkg=1.0\n  - private-pkg\n  - mychan::numpy\n");
    let out = run.run(&file, &["--online", "--channel-alias", &alias], &[]);
    assert_eq!(
        idx(&out),
        [
            "6:5: IDX001 [error] no package `private-pkg` in channel `main` for linux-64 (or noarch)",
            "7:13: IDX001 [error] no package `numpy` in channel `mychan` for linux-64 (or noarch)",
        ],
        "{}",
        stdout(&out)
    );
    // The help names the channel this run read that has it.
    let json = run.run(&file, &["--online", "--channel-alias", &alias, "--output-format=json"], &[]);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let findings: Vec<&serde_json::Value> = findings.as_array().unwrap().iter().filter(|d| d["code"].as_str().unwrap().starts_with("IDX")).collect();
    assert_eq!(findings[0]["help"], "`mychan` has it: add it to `channels:` or write `mychan::private-pkg`");
    assert_eq!(findings[1]["help"], "`main` has it: add it to `channels:` or write `main::numpy`");
}

#[test]
fn file_channels_are_read_from_disk() {
    let server = IndexServer::start();
    let run = Run::new();
    let main = index_server::fixtures().join("conda/main");
    let url = format!("file://{}", main.display());
    let file = run.env_file(&format!("name: t\nchannels:\n  - {url}\n  - {}\ndependencies:\n  - numpy=1.26\n  - numpyy\n", index_server::fixtures().join("conda/mychan").display()));
    let out = run.run(&file, &["--online"], &[]);
    assert_eq!(idx(&out), [format!("7:5: IDX001 [error] no package `numpyy` in channels `{url}`, `{}` for linux-64 (or noarch)", index_server::fixtures().join("conda/mychan").display())]);
    assert_eq!(server.count(), 0);
}

#[test]
fn condarc_and_environment_say_where_channels_are() {
    let server = IndexServer::start();
    let run = Run::new();
    let rc = run.home.path().join("condarc");
    std::fs::write(&rc, format!("channel_alias: {0}/conda\ncustom_channels:\n  internal: {0}/conda/custom\n", server.url)).unwrap();
    let rc = rc.display().to_string();
    let file = run.env_file("name: t\nchannels:\n  - main\n  - internal\ndependencies:\n  - numpy=1.26\n  - internal-lib=2.0\n  - internal::numpy\n");
    let out = run.run(&file, &["--online"], &[("CONDARC", &rc)]);
    assert_eq!(idx(&out), ["8:15: IDX001 [error] no package `numpy` in channel `internal` for linux-64 (or noarch)"], "{}", stdout(&out));
    // CONDA_CHANNEL_ALIAS over .condarc, --channel-alias over both.
    let elsewhere = "http://127.0.0.1:9/nothing";
    let out = run.run(&file, &["--online"], &[("CONDARC", &rc), ("CONDA_CHANNEL_ALIAS", elsewhere)]);
    assert!(idx(&out).iter().any(|f| f.contains("IDX000") && f.contains("`main`")), "{}", stdout(&out));
    let out = run.run(&file, &["--online", "--channel-alias", &format!("{}/conda", server.url)], &[("CONDARC", &rc), ("CONDA_CHANNEL_ALIAS", elsewhere)]);
    assert_eq!(idx(&out).len(), 1, "{}", stdout(&out));
    // ~/.condarc is read too, and `defaults` is CONDA_DEFAULT_CHANNELS.
    std::fs::write(run.home.path().join(".condarc"), format!("channel_alias: {}/conda\n", server.url)).unwrap();
    let file = run.env_file("name: t\nchannels:\n  - defaults\ndependencies:\n  - numpy=1.26\n  - private-pkg\n");
    let defaults = format!("{0}/conda/main, {0}/conda/mychan", server.url);
    assert_eq!(idx(&run.run(&file, &["--online"], &[("CONDA_DEFAULT_CHANNELS", &defaults)])), Vec::<String>::new());
    // Without `channels:`, conda uses the configured channels (`defaults`).
    let file = run.env_file("name: t\ndependencies:\n  - numpyy\n");
    assert_eq!(
        idx(&run.run(&file, &["--online"], &[("CONDA_DEFAULT_CHANNELS", &defaults)])),
        ["3:5: IDX001 [error] no package `numpyy` in the channels conda is configured with for linux-64 (or noarch)"]
    );
}

#[test]
fn failing_channels_are_one_warning_each_never_a_not_found() {
    let server = IndexServer::start();
    let run = Run::new();
    let u = &server.url;
    let file = run.env_file(&format!(
        "name: t\nchannels:\n  - {u}/error500/main\n  - {u}/badjson/main\n  - http://builder:s3cret-token@127.0.0.1:{}/error500/private\n  - {u}/conda/notachannel\nplatforms:\n  - linux-64\n  - osx-arm64\ndependencies:\n  - numpy\n  - nosuchpackage\n",
        u.rsplit(':').next().unwrap()
    ));
    let out = run.run(&file, &["--online"], &[]);
    let text = stdout(&out);
    assert!(!text.contains("s3cret"), "credentials are redacted: {text}");
    assert_eq!(
        idx(&out),
        [
            format!("3:5: IDX000 [warning] cannot read channel `{u}/error500/main`: HTTP 500 for {u}/error500/main/linux-64/repodata_shards.msgpack.zst"),
            format!("4:5: IDX000 [warning] cannot read channel `{u}/badjson/main`: invalid repodata.json (EOF while parsing a value at line 1 column 24)"),
            format!("5:5: IDX000 [warning] cannot read channel `http://builder:****@{}/error500/private`: HTTP 500 for http://builder:****@{}/error500/private/linux-64/repodata_shards.msgpack.zst", u.trim_start_matches("http://"), u.trim_start_matches("http://")),
            format!("6:5: IDX000 [warning] cannot read channel `{u}/conda/notachannel`: HTTP 404: no noarch/repodata.json, so not a channel"),
        ],
        "{text}"
    );
}

#[test]
fn no_request_without_online() {
    let server = IndexServer::start();
    let run = Run::new();
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - numpyy\n");
    let alias = format!("{}/conda", server.url);
    let out = run.run(&file, &["--channel-alias", &alias, "--platform", "osx-arm64"], &[("CONDA_CHANNEL_ALIAS", &alias)]);
    assert_eq!(idx(&out), Vec::<String>::new());
    assert_eq!(server.count(), 0, "no request without --online");
    // `online = true` in the configuration turns them on.
    std::fs::write(run.home.path().join("condalint.toml"), "online = true\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_condalint"));
    let out = command
        .args(["check", "--output-format=concise", "--cache-dir"])
        .arg(&run.cache)
        .args(["--channel-alias", &alias, "environment.yml"])
        .env("HOME", run.home.path())
        .env_remove("CONDARC")
        .current_dir(run.home.path())
        .output()
        .unwrap();
    assert_eq!(idx(&out), ["5:5: IDX001 [error] no package `numpyy` in channel `main` for linux-64 (or noarch)"], "{}", String::from_utf8_lossy(&out.stderr));
    assert!(server.count() > 0);
}

#[test]
fn the_cache_answers_a_rerun_and_offline_gives_the_same_findings() {
    let server = IndexServer::start();
    let run = Run::new();
    let alias = format!("{}/conda", server.url);
    let file = run.env_file("name: t\nchannels:\n  - sharded\n  - main\ndependencies:\n  - numpy=1.26\n  - numpyy\n  - python=3.10\n");
    let online = ["--online", "--channel-alias", alias.as_str()];
    let first = run.run(&file, &online, &[]);
    let findings = idx(&first);
    assert_eq!(findings.len(), 2, "{}", stdout(&first));
    let cold = server.count();
    assert!(cold > 0);
    // Fresh (max-age=600): no request at all.
    server.reset();
    assert_eq!(idx(&run.run(&file, &online, &[])), findings);
    assert_eq!(server.count(), 0, "{:?}", server.requests());
    // Stale (answers stored with max-age=0): conditional requests, answered 304, the same findings.
    server.set_max_age(0);
    let stale = Run::new();
    let file = stale.env_file("name: t\nchannels:\n  - sharded\n  - main\ndependencies:\n  - numpy=1.26\n  - numpyy\n  - python=3.10\n");
    assert_eq!(idx(&stale.run(&file, &online, &[])), findings);
    server.reset();
    let out = stale.run(&file, &online, &[]);
    assert_eq!(idx(&out), findings);
    let requests = server.requests();
    assert!(!requests.is_empty());
    // What was there is revalidated (304); a 404 has no validators, so it is asked again; the
    // shards are immutable (content-addressed), so they are not asked again at all.
    assert!(requests.iter().all(|r| (r.conditional && r.status == 304) || (!r.conditional && r.status == 404)), "{requests:?}");
    assert!(requests.iter().any(|r| r.status == 304));
    assert!(!requests.iter().any(|r| r.path.contains("/shards/")), "{requests:?}");
    // Offline on the warm cache: the same findings, no request.
    server.reset();
    let out = run.run(&file, &["--offline", "--channel-alias", &alias], &[]);
    assert_eq!(idx(&out), findings);
    assert_eq!(server.count(), 0);
    // Offline on a cold cache: one IDX000 per channel saying so.
    let cold_run = Run::new();
    let file = cold_run.env_file("name: t\nchannels:\n  - sharded\ndependencies:\n  - numpyy\n");
    let out = cold_run.run(&file, &["--offline", "--channel-alias", &alias], &[]);
    assert_eq!(idx(&out), ["3:5: IDX000 [warning] cannot read channel `sharded`: not in the cache; run once with --online"]);
    assert_eq!(server.count(), 0);
}

#[test]
fn usage_errors() {
    let run = Run::new();
    let file = run.env_file("name: t\ndependencies:\n  - numpy\n");
    for args in [&["--online", "--platform", "linux64"][..], &["--online", "--python", "three"], &["--online", "--offline"]] {
        let out = run.run(&file, args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The library with a client whose limits are small: the test does not wait 10 s for a
/// server that never answers, nor read 64 MiB.
mod limits {
    use std::sync::Arc;
    use std::time::Duration;

    use condalint::index::fetch::HttpFetch;
    use condalint::index::{Index, Options};
    use condalint::{lint, MemoryFileSystem, Settings, SourceFile};

    use super::index_server::IndexServer;

    fn findings(index: Index, text: &str) -> Vec<String> {
        let settings = Settings { index: Some(Arc::new(index)), ..Settings::default() };
        let source = SourceFile::from_text("environment.yml", text);
        let fs = MemoryFileSystem::new();
        lint(&source, &settings, &fs).into_iter().filter(|d| d.code.starts_with("IDX")).map(|d| format!("{} {}", d.code, d.message)).collect()
    }

    fn index(timeout: Duration, budget: Duration, limit: u64) -> Index {
        Index::new(Options { online: true, ..Options::default() }, Arc::new(HttpFetch::new(None, false, timeout, budget, limit, None)))
    }

    #[test]
    fn a_server_that_never_answers_times_out() {
        let server = IndexServer::start();
        let u = &server.url;
        let text = format!("name: t\nchannels:\n  - {u}/hang/main\n  - {u}/conda/main\ndependencies:\n  - numpy\n");
        assert_eq!(findings(index(Duration::from_millis(300), Duration::from_secs(30), 1 << 20), &text), [format!("IDX000 cannot read channel `{u}/hang/main`: no answer within 0.3 s")]);
    }

    #[test]
    fn an_endless_response_is_cut_at_the_limit() {
        let server = IndexServer::start();
        let u = &server.url;
        let text = format!("name: t\nchannels:\n  - {u}/huge/main\ndependencies:\n  - numpy\n");
        assert_eq!(findings(index(Duration::from_secs(10), Duration::from_secs(30), 1 << 20), &text), [format!("IDX000 cannot read channel `{u}/huge/main`: the response is larger than 1 MiB")]);
    }

    #[test]
    fn a_spent_budget_stops_the_requests() {
        let server = IndexServer::start();
        let u = &server.url;
        let text = format!("name: t\nchannels:\n  - {u}/conda/main\ndependencies:\n  - numpy\n");
        assert_eq!(findings(index(Duration::from_secs(1), Duration::ZERO, 1 << 20), &text), [format!("IDX000 cannot read channel `{u}/conda/main`: the run's time budget of 0 s is spent")]);
        assert_eq!(server.count(), 0);
    }
}

#[test]
fn the_help_names_conda_forge_when_its_cached_repodata_has_the_name() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    let run = Run::new();
    let online = ["--online", "--channel-alias", alias.as_str(), "--output-format=json"];
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - forge-only\n");
    let help = |out: &Output| -> String {
        let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        findings.as_array().unwrap().iter().find(|d| d["code"] == "IDX001").map(|d| d["help"].as_str().unwrap_or_default().to_owned()).unwrap_or_default()
    };
    // Cold: nothing says where it is, and conda-forge is not asked for it.
    assert_eq!(help(&run.run(&file, &online, &[])), "check the name on the channel, or add the channel that has it to `channels:`");
    assert!(!server.requests().iter().any(|r| r.path.starts_with("/conda/conda-forge/")));
    // Once a run has read conda-forge, its cached repodata answers (still no request for it).
    let forge = run.env_file("name: t\nchannels:\n  - conda-forge\ndependencies:\n  - tqdm\n");
    run.run(&forge, &online, &[]);
    server.reset();
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - forge-only\n");
    assert_eq!(help(&run.run(&file, &online, &[])), "`conda-forge` has it: add it to `channels:` or write `conda-forge::forge-only`");
    assert!(!server.requests().iter().any(|r| r.path.starts_with("/conda/conda-forge/")), "{:?}", server.requests());
}
