//! The generator's one error type: what went wrong, in which file, at which JSON pointer.

use std::fmt;

/// A generation failure. The message names the file and, where it applies, the JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The file the error is about (the spec, or an output path).
    pub file: String,
    /// JSON pointer into the spec (`#/components/schemas/...`), if the error is about one place.
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error about the whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: file.into(), pointer: None, message: message.into() }
    }

    /// An error about one place in the spec.
    pub fn at(file: impl Into<String>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: file.into(), pointer: Some(pointer.into()), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pointer {
            Some(pointer) => write!(f, "{}: at {}: {}", self.file, pointer, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of the generator.
pub type Result<T> = std::result::Result<T, Error>;
