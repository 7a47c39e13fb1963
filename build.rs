//! Generates the `i18n` module (`$OUT_DIR/i18n/mod.rs`, included by `src/lib.rs`)
//! from `locales/*.json` and `[package.metadata.leptos-i18n]`.
//!
//! This is what `leptos_i18n_macro::load_locales!()` does, with the same parser and
//! code generator, plus `interpolate_display`, which the macro cannot turn on:
//! with it, `t_string!(i18n, key, name = value)` builds the string and fails to
//! compile when an argument is missing, misspelled or left over. Problems in the
//! locale files (a key missing from one language, a plural form a language does not
//! use) come out as compile errors and deprecation warnings, as with the macro.

use leptos_i18n_parser::parse_locales::{
    cfg_file::ConfigFile,
    options::{Config, ParseOptions},
    parse_locales,
};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales");
    // The module is only compiled for the browser (see src/lib.rs).
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let mut dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let cfg_file = ConfigFile::new(&mut dir).unwrap_or_else(|e| panic!("leptos-i18n config: {e}"));
    let mut cfg: Config = cfg_file.into();
    cfg.options = ParseOptions::default().interpolate_display(true);
    let parsed = parse_locales(Some(dir), cfg).unwrap_or_else(|e| panic!("locales: {e}"));
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, true, None, true)
        .unwrap_or_else(|e| panic!("i18n codegen: {e}"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n");
    std::fs::create_dir_all(&out).expect("create $OUT_DIR/i18n");
    std::fs::write(out.join("mod.rs"), code.to_string()).expect("write $OUT_DIR/i18n/mod.rs");
}
