//! Text: normalisation and segmentation.
//!
//! Takes raw strings; returns normalised strings and token boundaries. Guarantees:
//! - [`normalize_char`] maps one char to one char (full-width digits and Latin to half-width,
//!   lowercase, micro sign to μ), so char offsets into normalised text are offsets into the
//!   original text too: snippets and highlights can be computed on one and shown on the other.
//! - Index time ([`Segmenter`], feature `builder`): jieba-rs with its full dictionary (embedded
//!   natively, a compact file in the #/mine worker: [`Dictionary`]), HMM off, plus
//!   `corpus/userdict.txt` and words the corpus itself names (quoted slogans, authors, units).
//! - Query time ([`segment_by_vocab`], everywhere): the most probable path over the index's own
//!   vocabulary, no jieba, so native and WebAssembly split a query identically.

mod lowercase;
mod normalize;
#[cfg(feature = "builder")]
mod dictionary;
#[cfg(feature = "builder")]
mod segment;
mod vocab_seg;

pub use normalize::{is_punct, is_searchable, is_word_token, normalize, normalize_char};
#[cfg(feature = "builder")]
pub use dictionary::{checksum as dictionary_checksum, write as write_dictionary, Dictionary, DictionaryError, DICTIONARY_VERSION};
#[cfg(feature = "builder")]
pub use segment::{parse_userdict, quoted_slogans, Segmenter, Token, UserWord};
pub use vocab_seg::{segment_by_vocab, Segment, MAX_TERM_CHARS};
