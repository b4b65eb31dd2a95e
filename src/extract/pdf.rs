//! PDF reading.
use super::{ExtractError, ExtractOptions, ExtractedText};
use std::path::Path;
pub fn extract_pdf(
    _path: &Path,
    _bytes: &[u8],
    _opts: &ExtractOptions,
) -> Result<ExtractedText, ExtractError> {
    Err(ExtractError::Unsupported("not yet".into()))
}
