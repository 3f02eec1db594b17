//! The local mirror `bench/index.sh` measures against: the index tests' fixtures
//! (`tests/fixtures/index`, prepared as `tests/index_server` serves them) plus a generated
//! conda channel `bench` of 60 packages × 5 versions in `linux-64` and `noarch`, served as CEP 16
//! shards, and `bench-json`, the same as plain `repodata.json`.
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

fn main() {
    let dir = std::env::args().nth(1).expect("usage: index_mirror DIR");
    let dir = Path::new(&dir);
    index_server::prepare(&index_server::fixtures(), dir);
    channel(&dir.join("conda/bench"), true);
    channel(&dir.join("conda/bench-json"), false);
    let server = index_server::IndexServer::serve(dir);
    println!("{}", server.url);
    std::io::stdout().flush().unwrap();
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    eprintln!("index_mirror: {} requests", server.count());
}
