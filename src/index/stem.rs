//! English stemming with a memo of the words already stemmed.
//!
//! Committee papers repeat a small vocabulary ("council", "report", "children")
//! thousands of times; the Snowball stemmer costs about as much as the rest of
//! indexing a word. Each analyser (one per indexing thread, one per query
//! parser) keeps its own memo, so no lock is taken. The stems are exactly the
//! Snowball English stems tantivy's own `Stemmer` gives.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words longer than this are stemmed every time: they are rare, and keeping
/// them would let a few odd tokens fill the memo.
const MAX_MEMO_WORD: usize = 24;
/// Entries kept before the memo starts again empty: a few MB at most, and far
/// more than the distinct words of a council's papers.
const MAX_MEMO_ENTRIES: usize = 100_000;

/// Token filter: Snowball English stems, memoised.
#[derive(Clone, Default)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            stemmer: Arc::new(Stemmer::create(Algorithm::English)),
            memo: FxHashMap::default(),
        }
    }
}

pub struct MemoStemmerFilter<T> {
    inner: T,
    stemmer: Arc<Stemmer>,
    memo: FxHashMap<Box<str>, Box<str>>,
}

impl<T: Clone> Clone for MemoStemmerFilter<T> {
    /// A clone starts with an empty memo: clones go to other threads, and
    /// copying a full memo would cost more than refilling it.
    fn clone(&self) -> Self {
        MemoStemmerFilter {
            inner: self.inner.clone(),
            stemmer: Arc::clone(&self.stemmer),
            memo: FxHashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &self.stemmer,
            memo: &mut self.memo,
        }
    }
}

pub struct MemoStemmerStream<'a, S> {
    tail: S,
    stemmer: &'a Stemmer,
    memo: &'a mut FxHashMap<Box<str>, Box<str>>,
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = match self.stemmer.stem(&token.text) {
            Cow::Borrowed(s) => s.into(),
            Cow::Owned(s) => s.into(),
        };
        if token.text.len() <= MAX_MEMO_WORD {
            if self.memo.len() >= MAX_MEMO_ENTRIES {
                self.memo.clear();
            }
            self.memo.insert(token.text.as_str().into(), stem.clone());
        }
        token.text.clear();
        token.text.push_str(&stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{
        Language, LowerCaser, SimpleTokenizer, Stemmer as TantivyStemmer, TextAnalyzer,
    };

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    /// The memo must never change a stem: every word of the seed papers,
    /// twice over (first stemmed, then from the memo), against tantivy's stemmer.
    #[test]
    fn memo_stems_equal_snowball_stems_on_the_seeds() {
        let mut memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer)
            .build();
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(TantivyStemmer::new(Language::English))
            .build();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
        let mut words = 0;
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.expect("walk");
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("seed text");
            for _ in 0..2 {
                let got = tokens(&mut memo, &text);
                assert_eq!(got, tokens(&mut plain, &text), "{}", entry.path().display());
                words += got.len();
            }
        }
        assert!(words > 20_000, "{words}");
    }

    #[test]
    fn a_full_memo_starts_again_and_long_words_are_still_stemmed() {
        let mut memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(MemoStemmer)
            .build();
        let text: String = (0..MAX_MEMO_ENTRIES + 10)
            .map(|i| format!("caring{i} "))
            .collect();
        assert_eq!(tokens(&mut memo, &text).len(), MAX_MEMO_ENTRIES + 10);
        let long = "internationalisationsprogrammes";
        assert!(long.len() > MAX_MEMO_WORD);
        let got = tokens(&mut memo, &format!("{long} carers {long}"));
        let texts: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "internationalisationsprogramm",
                "carer",
                "internationalisationsprogramm"
            ]
        );
    }
}
