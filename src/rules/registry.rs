use super::*;

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &invalid_yaml::InvalidYaml,
    &not_a_mapping::NotAMapping,
    &unknown_key::UnknownKey,
    &duplicate_key::DuplicateKey,
    &missing_dependencies::MissingDependencies,
    &wrong_type::WrongType,
    &template_file::TemplateFile,
    &non_utf8_encoding::NonUtf8Encoding,
    &invalid_spec::InvalidSpec,
    &conda_too_old::CondaTooOld,
    &pip_not_declared::PipNotDeclared,
    &pip_not_pinned::PipNotPinned,
    &pip_resolver_loop::PipResolverLoop,
    &invalid_requirement::InvalidRequirement,
];

/// A rule by code or name (case-insensitive).
pub fn lookup(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
    })
}
