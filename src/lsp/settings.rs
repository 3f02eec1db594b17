//! The client's settings (`initializationOptions`, `workspace/didChangeConfiguration`) over the
//! configuration files, found per file as on the command line.

use std::path::Path;

use serde_json::Value;

use crate::config::{Layers, Lookup, Overrides};
use crate::files::DiskFileSystem;
use crate::settings::{Settings, Target};

/// Configuration files are read from the disk (an unsaved `condalint.toml` does not count).
static DISK: DiskFileSystem = DiskFileSystem;

/// What the client sets: the keys of the command line's flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientOptions {
    select: Option<String>,
    extend_select: Option<String>,
    ignore: Option<String>,
    target: Option<Target>,
}

impl ClientOptions {
    /// Reads `{select, ignore, extend-select, target}`, directly or under a `condalint` key (the
    /// shape VS Code's settings have); lists are arrays of codes or comma-separated strings.
    pub fn parse(value: &Value) -> Result<Self, String> {
        let value = value.get("condalint").filter(|v| v.is_object()).unwrap_or(value);
        if value.is_null() {
            return Ok(Self::default());
        }
        let Some(object) = value.as_object() else { return Err("settings must be an object".into()) };
        let list = |keys: &[&str]| -> Result<Option<String>, String> {
            let Some(item) = keys.iter().find_map(|k| object.get(*k)).filter(|v| !v.is_null()) else { return Ok(None) };
            match item {
                Value::String(s) => Ok(Some(s.clone())),
                Value::Array(items) => {
                    let codes: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                    codes.map(|c| Some(c.join(","))).ok_or_else(|| format!("`{}` must be a list of rule codes", keys[0]))
                }
                _ => Err(format!("`{}` must be a list of rule codes", keys[0])),
            }
        };
        let target = match object.get("target").filter(|v| !v.is_null()) {
            None => None,
            Some(Value::String(t)) => Some(<Target as clap::ValueEnum>::from_str(t, false).map_err(|_| format!("unknown target `{t}`; one of conda, mamba, conda-lock, pixi"))?),
            Some(_) => return Err("`target` must be a string".into()),
        };
        let options = Self { select: list(&["select"])?, extend_select: list(&["extend-select", "extendSelect"])?, ignore: list(&["ignore"])?, target };
        // The selectors are checked now, so that a bad one is reported when it is set.
        options.overrides(None)?;
        Ok(options)
    }

    fn overrides(&self, today: Option<String>) -> Result<Overrides, String> {
        let mut overrides = Overrides::parse(self.select.as_deref(), self.extend_select.as_deref(), self.ignore.as_deref(), today)?;
        overrides.target = self.target;
        Ok(overrides)
    }
}

/// The settings of every file: the configuration files (discovered from the server's directory
/// and each file's) under the client's options.
pub struct Configuration {
    layers: Layers<'static>,
}

impl Configuration {
    /// Reads the configuration; an invalid configuration file is reported (the message) and
    /// the defaults are used under the client's options.
    pub fn load(options: &ClientOptions, today: Option<String>) -> (Self, Option<String>) {
        let overrides = options.overrides(today).unwrap_or_default();
        match Layers::new(Lookup::Discover, &DISK) {
            Ok(layers) => (Self { layers: layers.with(overrides) }, None),
            Err(error) => {
                let layers = Layers::new(Lookup::Isolated, &DISK).expect("no file is read in isolation");
                (Self { layers: layers.with(overrides) }, Some(describe(&error)))
            }
        }
    }

    /// The settings of the file at `path` (`None`: a buffer with no file), or why its
    /// configuration file is invalid (the defaults are used).
    pub fn settings_for(&mut self, path: Option<&Path>) -> (Settings, Option<String>) {
        let Some(path) = path else { return (self.layers.run_settings(), None) };
        match self.layers.config_for(path) {
            Ok(config) => (self.layers.settings_for(config.as_deref(), path), None),
            Err(error) => (self.layers.settings_for(None, path), Some(describe(&error))),
        }
    }
}

/// A configuration error in one line, for the client's message window.
fn describe(error: &crate::config::ConfigError) -> String {
    format!("{}: invalid configuration: {}", error.path, error.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_take_lists_or_strings_and_reject_bad_codes() {
        let options = ClientOptions::parse(&serde_json::json!({"condalint": {"select": ["ENV", "PIP"], "extendSelect": "SEC001", "target": "pixi"}})).unwrap();
        assert_eq!((options.select.as_deref(), options.extend_select.as_deref(), options.target), (Some("ENV,PIP"), Some("SEC001"), Some(Target::Pixi)));
        assert!(ClientOptions::parse(&serde_json::json!({"ignore": ["NOPE999"]})).is_err());
        assert!(ClientOptions::parse(&serde_json::json!({"target": "pip"})).unwrap_err().contains("unknown target"));
        assert_eq!(ClientOptions::parse(&Value::Null).unwrap(), ClientOptions::default());
    }
}
