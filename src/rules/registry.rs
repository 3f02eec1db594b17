use super::*;

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &invalid_yaml::InvalidYaml,
    &not_a_mapping::NotAMapping,
    &unknown_key::UnknownKey,
    &duplicate_key::DuplicateKey,
    &missing_dependencies::MissingDependencies,
    &wrong_type::WrongType,
    &invalid_name::InvalidName,
    &missing_include::MissingInclude,
    &tool_specific_key::ToolSpecificKey,
    &unknown_subsection::UnknownSubsection,
    &absolute_prefix::AbsolutePrefix,
    &invalid_variables::InvalidVariables,
    &invalid_platforms::InvalidPlatforms,
    &selector_problems::SelectorProblems,
    &template_file::TemplateFile,
    &non_utf8_encoding::NonUtf8Encoding,
    &exported_environment::ExportedEnvironment,
    &missing_channels::MissingChannels,
    &mixed_defaults_conda_forge::MixedDefaultsCondaForge,
    &duplicate_channel::DuplicateChannel,
    &misspelled_channel::MisspelledChannel,
    &insecure_channel_url::InsecureChannelUrl,
    &undeclared_channel::UndeclaredChannel,
    &implicit_defaults::ImplicitDefaults,
    &invalid_spec::InvalidSpec,
    &conda_too_old::CondaTooOld,
    &duplicate_package::DuplicatePackage,
    &conda_pip_duplicate::CondaPipDuplicate,
    &python_unpinned::PythonUnpinned,
    &build_string_pinned::BuildStringPinned,
    &lenient_spec::LenientSpec,
    &operator_spacing::OperatorSpacing,
    &superseded_package::SupersededPackage,
    &python_end_of_life::PythonEndOfLife,
    &misleading_spec::MisleadingSpec,
    &pip_not_declared::PipNotDeclared,
    &pip_not_pinned::PipNotPinned,
    &pip_resolver_loop::PipResolverLoop,
    &invalid_requirement::InvalidRequirement,
    &hash_mode_incomplete::HashModeIncomplete,
    &empty_pip_section::EmptyPipSection,
    &duplicate_requirement::DuplicateRequirement,
    &unpinned_requirement::UnpinnedRequirement,
    &unpinned_vcs::UnpinnedVcs,
    &misplaced_option::MisplacedOption,
    &editable_install::EditableInstall,
    &tool_incompatible::ToolIncompatible,
    &deprecated_pypi_package::DeprecatedPypiPackage,
    &local_version_without_index::LocalVersionWithoutIndex,
    &insecure_index::InsecureIndex,
    &extra_index_url::ExtraIndexUrl,
    &credentials_in_url::CredentialsInUrl,
    &typosquat_name::TyposquatName,
    &unencrypted_vcs_url::UnencryptedVcsUrl,
    &index_unreachable::IndexUnreachable,
    &conda_package_not_found::CondaPackageNotFound,
    &conda_version_not_found::CondaVersionNotFound,
    &pypi_package_not_found::PypiPackageNotFound,
    &pypi_version_not_found::PypiVersionNotFound,
    &no_compatible_distribution::NoCompatibleDistribution,
    // Build-log findings: reported by `condalint explain`, never run by `check`.
    &crate::explain::codes::UnknownFailure,
    &crate::explain::codes::MissingCondaPackage,
    &crate::explain::codes::PipNoMatchingDistribution,
    &crate::explain::codes::PipHashMismatch,
    &crate::explain::codes::PipCannotUninstall,
    &crate::explain::codes::PipResolverLoop,
    &crate::explain::codes::NetworkTimeout,
    &crate::explain::codes::CondaLockHeld,
    &crate::explain::codes::DistutilsMissing,
    &crate::explain::codes::SolverExhausted,
    &crate::explain::codes::ImagePullFailed,
    &crate::explain::codes::RegistryUnauthorized,
    &crate::explain::codes::InteractiveAuth,
    &crate::explain::codes::BareRedirection,
    &crate::explain::codes::CompileFailure,
    &crate::explain::codes::IncompatiblePython,
    &image_or_build_required::ImageOrBuildRequired,
    &conda_file_needs_image::CondaFileNeedsImage,
    &conda_content_in_definition::CondaContentInDefinition,
    &image_not_pinned::ImageNotPinned,
    &invalid_image_reference::InvalidImageReference,
    &missing_path::MissingPath,
    &version_not_string::VersionNotString,
    &missing_conda_dependencies::MissingCondaDependencies,
    &deprecated_base_image::DeprecatedBaseImage,
    &reserved_name::ReservedName,
    &spark_precache::SparkPrecache,
    &registry_credentials::RegistryCredentials,
    &deprecated_docker_setting::DeprecatedDockerSetting,
    &build_context_conflict::BuildContextConflict,
    &unpinned_environment_reference::UnpinnedEnvironmentReference,
    &user_managed_ignores_conda::UserManagedIgnoresConda,
    &dockerfile_distutils::DockerfileDistutils,
    &dockerfile_too_large::DockerfileTooLarge,
    &base_conda_environment::BaseCondaEnvironment,
    &unused_suppression::UnusedSuppression,
];

/// A rule by code or name (case-insensitive).
pub fn lookup(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// The rule catalogue as Markdown: `lints/README.md` is this text (a test keeps it fresh).
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# condalint rules\n\n<!-- Generated from the rule registry; `UPDATE_CATALOGUE=1 cargo test --test registry` rewrites it. -->\n\n\
         Each rule's page says what it does, why it matters, and shows examples that the test suite runs.\n\
         Rules that are off by default run when selected by exact code or name, or with `--select ALL`; `online` rules run with `--online` (or `--offline` on the cache), `explain` rules in `condalint explain`.\n\n\
         | code | name | severity | default | fix | summary |\n|---|---|---|---|---|---|\n",
    );
    for rule in RULES {
        let m = rule.meta();
        let fix = match m.fix {
            FixAvailability::None => "",
            FixAvailability::Sometimes => "sometimes",
        };
        out.push_str(&format!(
            "| {} | [{}]({}.md) | {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.name,
            m.severity.as_str(),
            m.default_label(),
            fix,
            m.summary.replace('|', "\\|")
        ));
    }
    out
}
