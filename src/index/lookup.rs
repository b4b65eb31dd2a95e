//! Looking things up by key rather than by query: the stored text of a file's
//! lines around a place, for `explain` (a record by its id is in `reader.rs`).

use super::schema::TYPE_PAGE;
use super::writer::{BoardIndex, IndexError};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{ReloadPolicy, Searcher, TantivyDocument};

/// One line of a file's extracted text, as the index stores it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TextLine {
    /// 1-based line in the file's extracted text.
    pub line: u32,
    /// 1-based physical page, where the file has pages.
    pub page: Option<u32>,
    pub text: String,
}

impl BoardIndex {
    fn lookup_searcher(&self) -> Result<Searcher, IndexError> {
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| IndexError::tantivy(&self.dir, e))?;
        Ok(reader.searcher())
    }

    fn docs_matching(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<Vec<TantivyDocument>, IndexError> {
        let err = |e| IndexError::tantivy(&self.dir, e);
        let found = searcher.search(query, &DocSetCollector).map_err(err)?;
        found
            .into_iter()
            .map(|a| searcher.doc(a).map_err(err))
            .collect()
    }

    /// Lines `first..=last` (1-based) of a file's extracted text, from the
    /// page text the index stores. Lines the index holds no text for (blank
    /// stretches between documents) are left out.
    pub fn file_lines(
        &self,
        path: &str,
        first: u32,
        last: u32,
    ) -> Result<Vec<TextLine>, IndexError> {
        let searcher = self.lookup_searcher()?;
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, term(self.fields.path, path)),
            (Occur::Must, term(self.fields.doc_type, TYPE_PAGE)),
        ]);
        let mut out = Vec::new();
        for doc in self.docs_matching(&searcher, &query)? {
            let u32_of = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_u64())
                    .and_then(|n| u32::try_from(n).ok())
            };
            let Some(start) = u32_of(self.fields.line) else {
                continue;
            };
            let page = u32_of(self.fields.page);
            let text = doc
                .get_first(self.fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            for (i, l) in text.split('\n').enumerate() {
                let n = start + i as u32;
                if n >= first && n <= last && !(l.is_empty() && i + 1 == text.split('\n').count()) {
                    out.push(TextLine {
                        line: n,
                        page,
                        text: l.to_string(),
                    });
                }
            }
        }
        out.sort_by_key(|l| l.line);
        out.dedup_by_key(|l| l.line);
        Ok(out)
    }
}
