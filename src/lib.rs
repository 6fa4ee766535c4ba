//! jxlint: a linter for Chinese government project performance-target tables
//! (项目支出绩效目标表).
//!
//! The flow: a [`walk`] lists the candidate files; the [`engine`] checks each with
//! [`engine::check_one`]: its bytes go to a reader ([`read`]: Word text, YAML), grid formats
//! through the form recogniser ([`form`]) into a [`model::Document`]; the per-project
//! [`rules`] produce findings, placed as [`diagnostic::Diagnostic`]s; input-wide rules run
//! after every file; [`report`] emitters format the result.

pub mod baseline;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod disclosure;
pub mod engine;
pub mod extract;
pub mod fields;
pub mod form;
pub mod grid;
pub mod headers;
pub mod lexicon;
pub mod library;
pub mod limits;
pub mod model;
pub mod parallel;
mod places;
pub mod progress;
pub mod read;
pub mod report;
pub mod rules;
pub mod segment;
pub mod source;
pub mod suggest;
pub mod suppress;
mod t2s;
pub mod text;
pub mod value;
pub mod walk;
pub mod yamltree;

pub use diagnostic::{Diagnostic, FileError, FileReport, Report, Severity};
pub use engine::{Input, Options, check};
pub use read::read_source;
