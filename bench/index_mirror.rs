//! The local mirror `bench/index.sh` measures against: the index tests' fixtures
//! (`tests/fixtures/index`, prepared as `tests/index_server` serves them) plus a generated
//! conda channel `bench` of 60 packages × 5 versions in `linux-64` and `noarch`, served as CEP 16
//! shards, and `bench-json`, the same as plain `repodata.json`; and a PyPI index `pypi/bench`
//! of 30 generated projects.
//!
//!   cargo run --release --example index_mirror -- DIR   → prints the URL, serves until stdin closes

#[path = "../tests/index_server/mod.rs"]
mod index_server;

use std::io::{Read, Write};
use std::path::Path;

fn channel(dir: &Path, sharded: bool) {
    for subdir in ["linux-64", "noarch"] {
        let mut packages = serde_json::Map::new();
        for i in 0..60 {
            let noarch = i % 3 == 0;
            if noarch != (subdir == "noarch") {
                continue;
            }
            for minor in 0..5 {
                let name = format!("pkg{i:02}");
                let version = format!("1.{minor}.0");
                let build = if noarch { "pyhd8ed1ab_0".to_owned() } else { format!("h{minor}abc_0") };
                packages.insert(
                    format!("{name}-{version}-{build}.conda"),
                    serde_json::json!({"name": name, "version": version, "build": build, "build_number": 0, "subdir": subdir, "depends": [], "md5": "0".repeat(32), "size": 1000}),
                );
            }
        }
        let repodata = serde_json::json!({"info": {"subdir": subdir}, "packages": {}, "packages.conda": packages});
        let path = dir.join(subdir);
        std::fs::create_dir_all(&path).unwrap();
        if sharded {
            index_server::write_sharded(&path, &repodata);
        } else {
            std::fs::write(path.join("repodata.json"), serde_json::to_vec(&repodata).unwrap()).unwrap();
        }
    }
}

/// A PEP 691 index `bench` of 30 projects × 5 releases, each with a pure-python wheel, a
/// cp312 manylinux wheel and an sdist (the shape of a popular project's page, smaller).
fn pypi(dir: &Path) {
    for i in 0..30 {
        let name = format!("proj{i:02}");
        let mut files = Vec::new();
        for minor in 0..5 {
            let version = format!("1.{minor}");
            for filename in [
                format!("{name}-{version}-py3-none-any.whl"),
                format!("{name}-{version}-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
                format!("{name}-{version}.tar.gz"),
            ] {
                files.push(serde_json::json!({"filename": filename, "url": format!("../../files/{filename}"), "hashes": {"sha256": "0".repeat(64)}, "requires-python": ">=3.8", "yanked": false}));
            }
        }
        let versions: Vec<String> = (0..5).map(|minor| format!("1.{minor}")).collect();
        let page = serde_json::json!({"meta": {"api-version": "1.1"}, "name": name, "versions": versions, "files": files});
        let path = dir.join(&name);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("index.json"), serde_json::to_vec(&page).unwrap()).unwrap();
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: index_mirror DIR");
    let dir = Path::new(&dir);
    index_server::prepare(&index_server::fixtures(), dir);
    channel(&dir.join("conda/bench"), true);
    channel(&dir.join("conda/bench-json"), false);
    pypi(&dir.join("pypi/bench"));
    let server = index_server::IndexServer::serve(dir);
    println!("{}", server.url);
    std::io::stdout().flush().unwrap();
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    eprintln!("index_mirror: {} requests", server.count());
}
