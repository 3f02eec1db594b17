use super::*;
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    SparkPrecache { code: "AML011", name: "spark-precache", severity: Warning, default_on: true, fix: Sometimes, document: Document::Aml }
    summary: "a v1 environment with Spark packages precaches them, which makes the image build fail";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(v1) = e.v1.as_deref() else { continue };
            let Some(packages) = v1.spark_packages else { continue };
            match &v1.precache_packages {
                Some(precache) if precache.value => {
                    cx.report(precache.range, "`precachePackages` is true while `spark.packages` lists packages")
                        .label(packages, "Spark packages")
                        .help("set `\"precachePackages\": false`: image builds that precache Spark packages fail")
                        .fix(Fix::safe("set precachePackages to false", [Edit::replace(precache.range, "false")]));
                }
                Some(_) => {}
                None => {
                    cx.report(TextRange::new(packages.start, packages.start + 1), "`spark.packages` lists packages and `precachePackages` is not set, so they are precached (the default is true)")
                        .help("add `\"precachePackages\": false` to the `spark` section: image builds that precache Spark packages fail");
                }
            }
        }
    }
}
