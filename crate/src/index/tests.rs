//! Unit tests of the index format: round trip, determinism, one test per corrupt-file case,
//! and thousands of random mutations thrown at `Index::open` (fixed seed).

use super::bytes::seal;
use super::*;
use crate::corpus::Issue;

fn sample_issues() -> Vec<Issue> {
    let json = r#"[{"source":"corpus/raw/t.txt","publication":"劲旅","date":"2024-01","unplaced":[],
      "articles":[
        {"id":"t-001","title":"拟薄水铝石产量创新高","subtitle":null,"authors":["郭美霞"],"photographers":[],
         "units":["精细氧化铝事业部"],"kind":"news","column":"两带两创",
         "paragraphs":["2023年，拟薄水铝石产量超年计划4.9%。","开展“三敬畏反三违”活动，ARL3460 直读光谱仪。"]},
        {"id":"t-002","title":null,"subtitle":null,"authors":[],"photographers":["刘立新"],
         "units":[],"kind":"photo","column":null,"paragraphs":["投身到炉、窑、磨、机等检修任务中。氧化铝粒度－45μm。"]},
        {"id":"t-003","title":"暖","subtitle":null,"authors":["王建强"],"photographers":[],
         "units":[],"kind":"literature","column":null,"paragraphs":["冬天的太阳","照在庄稼院里"]}
      ]}]"#;
    serde_json::from_str(json).unwrap()
}

fn config() -> BuildConfig {
    BuildConfig {
        userdict: "拟薄水铝石 n\n精细氧化铝事业部\n".into(),
        stopwords: "的\n".into(),
        themes_toml:
            "[[theme]]\nname = \"两带两创\"\nterms = [\"两带两创\", \"创新\"]\nnote = \"x\"\n"
                .into(),
    }
}

fn built() -> BuiltIndex {
    build(&sample_issues(), &config()).unwrap()
}

fn open(b: &BuiltIndex) -> Result<Index, IndexError> {
    Index::open(&b.manifest, &b.pieces)
}

#[test]
fn round_trip_keeps_articles_stats_and_themes() {
    let b = built();
    let idx = open(&b).unwrap();
    let issues = sample_issues();
    assert_eq!(idx.article_count(), 3);
    for (d, a) in issues[0].articles.iter().enumerate() {
        assert_eq!(idx.article(d as u32).as_ref(), Some(a));
        assert_eq!(idx.doc_by_id(&a.id), Some(d as u32));
    }
    assert_eq!(idx.article(3), None);
    assert_eq!(idx.issue_of(0).publication, "劲旅");
    assert_eq!(idx.themes()[0].terms, vec!["两带两创", "创新"]);
    assert_eq!(idx.stopwords(), &["的".to_string()]);
    let s = idx.stats();
    assert_eq!((s.articles, s.issues), (3, 1));
    assert!(s.tokens > 10 && s.terms > 10, "{s:?}");
    let (ord, info) = idx.term("拟薄水铝石").expect("userdict word is one term");
    assert_eq!(info.doc_freq, 1);
    assert_eq!(info.coll_freq, 2);
    // Word lists hold documents and counts, no positions.
    let words = idx.term_postings(ord).unwrap();
    assert_eq!((words.docs.clone(), words.tf_at(0), words.positions.len()), (vec![0], 2, 0));
    // The character tier knows every char, with positions into the search text.
    let l = idx.char_postings('窑').unwrap().unwrap();
    assert_eq!(l.docs, vec![1]);
    let (text, _, _) = idx.search_text(1).unwrap().unwrap();
    assert_eq!(text.chars().nth(l.positions[0] as usize), Some('窑'));
    assert_eq!(
        idx.facets().kinds,
        vec![
            ("literature".into(), 1),
            ("news".into(), 1),
            ("photo".into(), 1)
        ]
    );
    assert_eq!(
        b.pieces.len(),
        Manifest::parse(&b.manifest).unwrap().piece_names().len()
    );
}

#[test]
fn same_input_gives_byte_identical_index() {
    assert_eq!(built(), built());
}

#[test]
fn empty_corpus_builds_and_opens() {
    let b = build(&[], &BuildConfig::default()).unwrap();
    let idx = open(&b).unwrap();
    assert_eq!(idx.article_count(), 0);
    assert_eq!(idx.stats().terms, 0);
}

#[test]
fn bad_themes_file_is_a_config_error() {
    let mut c = config();
    c.themes_toml = "[[theme]]\nname = 3\n".into();
    assert!(matches!(
        build(&sample_issues(), &c),
        Err(IndexError::Config { .. })
    ));
}

#[test]
fn empty_manifest() {
    let b = built();
    assert_eq!(
        Index::open(&[], &b.pieces).unwrap_err(),
        IndexError::Empty {
            piece: MANIFEST_FILE.into()
        }
    );
}

#[test]
fn truncated_manifest_and_piece() {
    let b = built();
    let short = &b.manifest[..b.manifest.len() - 3];
    assert!(matches!(
        Index::open(short, &b.pieces),
        Err(IndexError::Truncated { .. })
    ));
    assert!(matches!(
        Index::open(&b.manifest[..7], &b.pieces),
        Err(IndexError::Truncated {
            expected: 20,
            got: 7,
            ..
        })
    ));
    let mut pieces = b.pieces.clone();
    let n = pieces[0].1.len();
    pieces[0].1.truncate(n - 1);
    assert!(matches!(
        Index::open(&b.manifest, &pieces),
        Err(IndexError::PieceMismatch { .. })
    ));
}

#[test]
fn bad_magic() {
    let b = built();
    let mut m = b.manifest.clone();
    m[0] = b'X';
    assert!(matches!(
        Index::open(&m, &b.pieces),
        Err(IndexError::BadMagic { .. })
    ));
}

#[test]
fn newer_version_is_named() {
    let b = built();
    let mut m = b.manifest.clone();
    m[4..6].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let e = Index::open(&m, &b.pieces).unwrap_err();
    assert_eq!(
        e,
        IndexError::NewerVersion {
            piece: MANIFEST_FILE.into(),
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        }
    );
    assert!(e.to_string().contains("newer"));
}

#[test]
fn wrong_kind_checksum_trailing_and_missing() {
    let b = built();
    // A document group given as the manifest.
    let store = &b
        .pieces
        .iter()
        .find(|(n, _)| n.starts_with("docs-"))
        .unwrap()
        .1;
    assert!(matches!(
        Index::open(store, &b.pieces),
        Err(IndexError::WrongKind { .. })
    ));
    let mut m = b.manifest.clone();
    let last = m.len() - 1;
    m[last] ^= 0x55;
    assert!(matches!(
        Index::open(&m, &b.pieces),
        Err(IndexError::Checksum { .. })
    ));
    let mut m = b.manifest.clone();
    m.push(0);
    assert!(matches!(
        Index::open(&m, &b.pieces),
        Err(IndexError::TrailingBytes { extra: 1, .. })
    ));
    let pieces: Vec<_> = b.pieces[1..].to_vec();
    assert_eq!(
        Index::open(&b.manifest, &pieces).unwrap_err(),
        IndexError::MissingPiece {
            name: b.pieces[0].0.clone()
        }
    );
    // A flipped byte inside a piece (same length) is caught by its checksum.
    let mut pieces = b.pieces.clone();
    let mid = pieces[2].1.len() / 2 + 10;
    pieces[2].1[mid] ^= 1;
    assert!(matches!(
        Index::open(&b.manifest, &pieces),
        Err(IndexError::Checksum { .. })
    ));
}

/// Exercise the decoders after open: nothing may panic on an index that opened.
/// Reads everything a page reads from `idx` (an index that opened although some bytes were
/// changed) and checks that every answer is well-formed: a damaged index may answer
/// differently or fail with an error, never panic or hand out an answer that points outside
/// itself. Returns how many reads failed with an error.
fn exercise(idx: &Index) -> usize {
    let mut errors = 0;
    let n = idx.article_count();
    assert_eq!(idx.stats().articles, n);
    for d in 0..n as u32 + 1 {
        match idx.try_article(d) {
            Ok(Some(a)) => assert!((d as usize) < n && !a.id.is_empty(), "doc {d} of {n}"),
            Ok(None) => assert!(d as usize >= n || idx.meta(d).is_none(), "doc {d} of {n} has metadata but no article"),
            Err(e) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
        }
    }
    let opts = crate::query::SearchOptions::default();
    for q in ["拟薄水铝石", "窑", "薄水 产量", "\"两带两创\"", "a OR 暖", "-窑 unit:精细"] {
        match crate::query::search(idx, q, &opts) {
            Ok(r) => {
                assert!(r.hits.len() <= opts.limit && r.hits.len() <= r.total && r.total <= n, "{q}: {} of {}", r.hits.len(), r.total);
                for h in &r.hits {
                    assert!((h.doc as usize) < n, "{q}: doc {}", h.doc);
                    let len = h.snippet.text.chars().count();
                    assert!(h.snippet.highlights.iter().all(|[a, b]| a < b && *b <= len), "{q}: {:?} in {len} chars", h.snippet.highlights);
                }
                assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score), "{q}: ranked");
            }
            // The queries are valid: only a damaged piece may refuse them.
            Err(crate::query::QueryError::Index(e)) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
            Err(e) => panic!("{q}: {e}"),
        }
    }
    let news = crate::analysis::FreqOptions { kind: Some(crate::corpus::Kind::News), ..Default::default() };
    match crate::analysis::try_frequencies(idx, &news) {
        Ok(t) => assert!(t.rows.windows(2).all(|w| w[0].count >= w[1].count), "frequencies ranked"),
        Err(_) => errors += 1,
    }
    match crate::analysis::try_kwic(idx, &["窑".into()], 5, 0) {
        Ok(lines) => assert!(lines.iter().all(|l| l.keyword.chars().count() == 1), "one-char keywords"),
        Err(_) => errors += 1,
    }
    assert!(crate::query::suggest(idx, "拟", 5).iter().all(|s| s.term.starts_with('拟')));
    errors
}

#[test]
fn random_mutations_never_panic() {
    let b = built();
    let mut rng = fastrand::Rng::with_seed(0x5eed_1234);
    let mut errors = 0;
    for round in 0..3000 {
        let mut manifest = b.manifest.clone();
        let mut pieces = b.pieces.clone();
        let target = rng.usize(0..=pieces.len());
        let bytes: &mut Vec<u8> = if target == 0 {
            &mut manifest
        } else {
            &mut pieces[target - 1].1
        };
        match round % 4 {
            0 => {
                let i = rng.usize(0..bytes.len());
                bytes[i] = bytes[i].wrapping_add(rng.u8(1..));
            }
            1 => {
                let n = rng.usize(0..bytes.len());
                bytes.truncate(n);
            }
            2 => {
                let i = rng.usize(0..bytes.len());
                bytes[i] ^= 1 << rng.u8(0..8);
            }
            _ => {
                let i = rng.usize(0..=bytes.len());
                bytes.insert(i, rng.u8(..));
            }
        }
        match Index::open(&manifest, &pieces) {
            Ok(idx) => {
                exercise(&idx);
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
        }
    }
    // Every mutation changes a checksummed byte range or a length, so every one is refused.
    assert_eq!(errors, 3000);
}

#[test]
fn mutated_manifest_bodies_with_valid_checksums_never_panic() {
    let b = built();
    let body = b.manifest[HEADER_LEN..].to_vec();
    let mut rng = fastrand::Rng::with_seed(42);
    let mut opened = 0;
    for _ in 0..3000 {
        let mut m = body.clone();
        for _ in 0..rng.usize(1..4) {
            let i = rng.usize(0..m.len());
            m[i] = rng.u8(..);
        }
        if rng.bool() {
            let n = rng.usize(0..m.len());
            m.truncate(n);
        }
        let sealed = seal(PieceKind::Manifest, &m);
        if let Ok(idx) = Index::open(&sealed, &b.pieces) {
            opened += 1;
            exercise(&idx);
        }
    }
    // Some mutations only touch stopwords, theme text or key ranges and still open; most
    // break the structure and are refused.
    assert!(opened > 0 && opened < 1500, "{opened} of 3000 opened");
}

#[test]
fn mutated_piece_bodies_with_valid_checksums_never_panic() {
    // Reseal a mutated piece and its manifest entry so the decoders themselves are tested.
    let b = built();
    let m = Manifest::parse(&b.manifest).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut refused, mut failed) = (0usize, 0usize);
    for round in 0..2000 {
        let p = round % b.pieces.len();
        let (name, bytes) = &b.pieces[p];
        // Listed pieces first, then the document groups (not listed one by one).
        let kind = m.pieces.get(p).map_or(PieceKind::Docs, |e| e.kind);
        let mut body = bytes[HEADER_LEN..].to_vec();
        if body.is_empty() {
            continue;
        }
        let i = rng.usize(0..body.len());
        body[i] = rng.u8(..);
        let sealed = seal(kind, &body);
        let mut pieces = b.pieces.clone();
        pieces[p] = (name.clone(), sealed.clone());
        let manifest = if p < m.pieces.len() {
            reseal_manifest_with(&m, p, sealed.len() as u64, super::bytes::crc32(&body))
        } else {
            b.manifest.clone()
        };
        match Index::open(&manifest, &pieces) {
            Ok(idx) => failed += usize::from(exercise(&idx) > 0),
            Err(_) => refused += 1,
        }
    }
    // A changed byte of a deflated or checked body is mostly caught, when the piece is opened
    // or when a query reads it; the rest answer differently, well-formed (checked above).
    assert!(refused + failed > 1000, "{refused} refused, {failed} failed a read, of 2000");
}

/// Re-encodes a manifest with one entry's length and CRC replaced (test helper).
fn reseal_manifest_with(m: &Manifest, p: usize, len: u64, crc: u32) -> Vec<u8> {
    let mut m = m.clone();
    m.pieces[p].len = len;
    m.pieces[p].crc = crc;
    seal(PieceKind::Manifest, &m.write())
}

#[test]
fn reseal_helper_reproduces_the_manifest() {
    let b = built();
    let m = Manifest::parse(&b.manifest).unwrap();
    assert_eq!(
        reseal_manifest_with(&m, 0, m.pieces[0].len, m.pieces[0].crc),
        b.manifest
    );
}

#[test]
fn checksums_agree_with_the_standard_and_with_fst() {
    use super::bytes::{crc32, fst_checksum_ok};
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926, "the CRC-32 check value");
    assert_eq!(crc32(b""), 0);
    let mut b = fst::MapBuilder::memory();
    let mut keys: Vec<&str> = vec!["两带", "两创", "拟薄水铝石", "窑"];
    keys.sort();
    for (i, k) in keys.iter().enumerate() {
        b.insert(k.as_bytes(), i as u64).unwrap();
    }
    let mut bytes = b.into_inner().unwrap();
    let map = fst::Map::new(bytes.clone()).unwrap();
    assert!(map.as_fst().verify().is_ok() && fst_checksum_ok(&bytes));
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    assert!(!fst_checksum_ok(&bytes), "a flipped byte fails the check");
    assert!(!fst_checksum_ok(&[1, 2, 3]));
}

#[test]
fn posting_lists_say_which_region_each_occurrence_lies_in() {
    use super::postings::{count_regions, decode, Encoder, Region};
    // Title 0..4, paragraphs ..10, subtitle ..12, no column, authors ..20, photographers ..25,
    // units after.
    let ends = [4, 10, 12, 12, 20, 25];
    assert_eq!(count_regions(&[0, 3, 9, 15, 30], &ends), [2, 1, 0, 0, 1, 0, 1]);
    assert_eq!(count_regions(&[], &ends), [0; 7]);
    let mut e = Encoder::new(1 << 16, true, 10, 20);
    e.start_list();
    e.push_doc(2, &[0, 3, 9], &ends); // two in the title, one in the paragraphs
    e.push_doc(5, &[7, 8], &ends); // paragraphs only: no region bytes
    e.push_doc(6, &[21, 26], &ends); // a photographer and a unit
    e.end_list();
    let (infos, bodies) = e.finish();
    let raw = super::postings::open_lists("p", &bodies[0].2).unwrap();
    let list = decode(&raw, &infos[0], 10, 20, "p", true).unwrap();
    assert_eq!(list.docs, vec![2, 5, 6]);
    assert_eq!(list.regions, vec![[2, 1, 0, 0, 0, 0, 0], [0, 2, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 1]]);
    assert_eq!(list.positions_at(2), &[21, 26]);
    assert_eq!(list.regions_at(0)[Region::Title as usize], 2);
    // One occurrence a document: flag bits, then the region of each flagged document.
    let mut e = Encoder::new(1 << 16, true, 10, 20);
    e.start_list();
    e.push_doc(1, &[2], &ends); // title
    e.push_doc(3, &[5], &ends); // paragraphs
    e.push_doc(4, &[22], &ends); // photographer
    e.end_list();
    let (infos, bodies) = e.finish();
    let raw = super::postings::open_lists("p", &bodies[0].2).unwrap();
    let list = decode(&raw, &infos[0], 10, 20, "p", true).unwrap();
    assert_eq!((list.docs.clone(), list.positions.clone()), (vec![1, 3, 4], vec![2, 5, 22]));
    assert_eq!(list.regions, vec![[1, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0]]);
    // Corrupt region bytes: doc 0, tf 2 with the flag (code 5), a mask, the counts, positions.
    for (bytes, what) in [
        (vec![0u8, 5, 1, 3, 0], "occurrences in a region is 3"),
        (vec![0u8, 5, 1, 0, 0], "zero occurrences in a region"),
        (vec![0u8, 5, 2, 1, 0], "region mask 0x02"),
        (vec![0u8, 5, 0x81, 1, 0], "region mask 0x81"),
    ] {
        let info = TermInfo { doc_freq: 1, coll_freq: 2, piece: 0, offset: 0, len: bytes.len() as u64 };
        let err = decode(&bytes, &info, 10, 20, "p", true).unwrap_err().to_string();
        assert!(err.contains(what), "{what}: {err}");
    }
    // A flagged single occurrence must name a region other than the paragraphs.
    for (bytes, what) in [(vec![0u8, 1, 1, 0], "region 1 of a flagged"), (vec![0u8, 1, 7, 0], "region 7 of a flagged")] {
        let info = TermInfo { doc_freq: 1, coll_freq: 1, piece: 0, offset: 0, len: bytes.len() as u64 };
        let err = decode(&bytes, &info, 10, 20, "p", true).unwrap_err().to_string();
        assert!(err.contains(what), "{what}: {err}");
    }
}

#[test]
fn the_char_code_round_trips_and_bad_codes_and_bits_are_errors() {
    use super::bytes::{BitWriter, Cursor, Writer};
    use super::charcode::{CharCode, ESCAPE, MAX_CODE_LEN};
    // Frequent chars get short codes; chars without a code go through the escape.
    let weights = [('的', 1000u64), ('一', 500), ('是', 250), ('了', 120), ('我', 60), (ESCAPE, 30)];
    let code = CharCode::build(&weights);
    let lens: std::collections::HashMap<char, u32> = code.lengths().collect();
    assert_eq!(lens[&'的'], 1);
    assert!(lens[&'一'] <= lens[&'是'] && lens[&'是'] <= lens[&'了'] && lens[&'了'] <= lens[&'我']);
    // Kraft: a Huffman code fills its code space exactly.
    assert_eq!(lens.values().map(|&l| 1u64 << (MAX_CODE_LEN as u32 - l)).sum::<u64>(), 1 << MAX_CODE_LEN);
    let mut m = Writer::new();
    code.write(&mut m);
    let mut c = Cursor::new(&m.buf, "m");
    assert_eq!(CharCode::read(&mut c).unwrap(), code);
    c.finish().unwrap();
    let text = "的一是了我\u{9F8D}a\n😀\0的";
    let mut bits = BitWriter::default();
    code.encoder().write(text, &mut bits);
    let n = bits.bits();
    // Five coded chars of 1 to 5 bits, five escaped ones of 21 bits more each.
    assert!(n < 5 * 5 + 5 * (5 + 21) + 1 + 5, "{n} bits");
    let bytes = bits.finish();
    let c = Cursor::new(&bytes, "g");
    let mut b = c.bits();
    let back: String = (0..text.chars().count()).map(|_| code.decode(&mut b).unwrap()).collect();
    assert_eq!(back, text);
    assert!(b.remaining() < 8);
    // A lone char takes one bit; a skewed code longer than the limit is flattened to fit.
    assert_eq!(CharCode::build(&[('a', 5)]).lengths().collect::<Vec<_>>(), [('a', 1)]);
    let fib: Vec<(char, u64)> = (0..40u32).scan((1u64, 1u64), |s, i| {
        *s = (s.1, s.0 + s.1);
        Some((char::from_u32(0x4E00 + i).unwrap(), s.0))
    }).collect();
    let deep = CharCode::build(&fib);
    let deepest = deep.lengths().map(|(_, l)| l).max().unwrap();
    assert!((20..=MAX_CODE_LEN as u32).contains(&deepest), "{deepest}");
    // Bad codes in a manifest.
    let bad = |bytes: Vec<u8>, what: &str| {
        let err = CharCode::read(&mut Cursor::new(&bytes, "m")).unwrap_err().to_string();
        assert!(err.contains(what), "{bytes:?}: {err}");
    };
    bad(vec![1, 3, 0x61, 1, 1], "overfill");
    bad(vec![25], "code lengths");
    bad(vec![2, 2, 0], "unused length");
    bad(vec![1, 2, 0x61, 0], "twice");
    bad(vec![1, 1, 0x80, 0xb0, 0x03], "no char"); // U+D800, a surrogate
    bad(vec![1, 2, 0x61], "unexpected end");
    // Bad bits: running out, an incomplete code's unused codes, an escaped surrogate.
    let two = CharCode::build(&[('a', 3), (ESCAPE, 1)]);
    let err = two.decode(&mut Cursor::new(&[], "g").bits()).unwrap_err().to_string();
    assert!(err.contains("unexpected end"), "{err}");
    let mut m = Writer::new();
    CharCode::build(&[('a', 1), ('b', 1), ('c', 2)]).write(&mut m);
    m.buf[2] = 1; // two codes of two bits, not three: "11" names nothing
    let holey = CharCode::read(&mut Cursor::new(&m.buf, "m")).unwrap();
    let err = holey.decode(&mut Cursor::new(&[0xff], "g").bits()).unwrap_err().to_string();
    assert!(err.contains("no code"), "{err}");
    let mut bits = BitWriter::default();
    // Canonical order puts U+0000 first among the one-bit codes: the escape is 0.
    assert_eq!(two.lengths().next(), Some((ESCAPE, 1)));
    bits.msb_first(0, 1);
    bits.msb_first(0xD800, 21);
    let bytes = bits.finish();
    let err = two.decode(&mut Cursor::new(&bytes, "g").bits()).unwrap_err().to_string();
    assert!(err.contains("no char"), "{err}");
}

#[test]
fn rice_sections_round_trip_and_bad_bits_are_errors() {
    use super::bytes::{Cursor, Writer};
    let values = [0u64, 1, 7, 8, 9, 300, 2];
    for k in [0u32, 1, 3, 8] {
        let mut w = Writer::new();
        w.rice(&values, k);
        w.u8(0xAB);
        let mut c = Cursor::new(&w.buf, "r");
        assert_eq!(c.rice(values.len(), k, 300).unwrap(), values, "k = {k}");
        assert_eq!(c.u8().unwrap(), 0xAB, "the section ends on a byte boundary");
        c.finish().unwrap();
    }
    // Gaps of a list of 1 of 10 documents take 3 low bits; a list of all of them none.
    assert_eq!((super::postings::rice_k(10, 1), super::postings::rice_k(10, 10)), (3, 0));
    for (bytes, k, max, what) in [
        (vec![0xffu8], 0, 100, "unexpected end of a bit section"), // unary never stops
        (vec![0x00u8], 9, 100, "unexpected end of a bit section"), // low bits missing
        (vec![0xffu8, 0x00], 0, 5, "beyond 5"),                     // 8 > the largest allowed
        (vec![0x0cu8], 3, 5, "rice value 6 beyond 5"),              // q 0, low bits 6
    ] {
        let err = Cursor::new(&bytes, "r").rice(1, k, max).unwrap_err().to_string();
        assert!(err.contains(what), "{bytes:?} k={k}: {err}");
    }
}

#[test]
fn front_coded_dictionary_pieces_round_trip_and_bad_order_is_an_error() {
    use super::termdict::{read, write};
    // In byte order (三 E4 B8 89 before 二 E4 BA 8C).
    let terms: Vec<String> = ["一三", "一二", "丁丁", "七"].iter().map(|s| s.to_string()).collect();
    let infos: Vec<TermInfo> = (0..4).map(|i| TermInfo { doc_freq: 1, coll_freq: 1, piece: 0, offset: i * 3, len: 3 }).collect();
    let postings = PieceEntry { kind: PieceKind::BigramPostings, name: "b".into(), len: 0, crc: 0, from: 0, to: 4, first: String::new() };
    let pieces = write(&terms, &infos, PieceKind::BigramDict, 1 << 12).unwrap();
    assert_eq!(pieces.len(), 1);
    let entry = PieceEntry { kind: PieceKind::BigramDict, name: "d".into(), len: 0, crc: 0, from: 0, to: 4, first: terms[0].clone() };
    let piece = read(&entry, &pieces[0].2, &[&postings], 10).unwrap();
    for (ord, t) in terms.iter().enumerate() {
        assert_eq!(piece.get(t), Some((ord as u32, infos[ord])), "{t}");
    }
    assert_eq!(piece.get("一"), None);
    let mut seen = Vec::new();
    piece.range("一二".as_bytes(), Some("七".as_bytes()), |t, o, _| {
        seen.push((t.to_string(), o));
        true
    });
    assert_eq!(seen, vec![("一二".to_string(), 1), ("丁丁".to_string(), 2)]);
    // The writer refuses unsorted terms; the reader, a piece whose terms are not ascending.
    let unsorted: Vec<String> = vec!["b".into(), "a".into()];
    assert!(write(&unsorted, &infos[..2], PieceKind::CharDict, 1 << 12).is_err());
    let mut raw = super::bytes::Writer::new();
    for t in ["b", "a"] {
        raw.varint(0);
        raw.str(t);
    }
    raw.varint(0);
    for i in &infos[..2] {
        super::postings::write_info(&mut raw, i);
    }
    let mut body = super::bytes::Writer::new();
    body.varint(2);
    body.deflated(&raw.buf);
    let entry = PieceEntry { to: 2, first: "b".into(), ..entry };
    let err = read(&entry, &body.buf, &[&postings], 10).err().expect("out of order").to_string();
    assert!(err.contains("out of order"), "{err}");
}

#[test]
fn document_groups_read_back_and_cut_or_extra_bits_are_errors() {
    use super::bytes::unseal;
    let b = built();
    let m = Manifest::parse(&b.manifest).unwrap();
    let g = &m.doc_groups;
    assert!(!g.code.is_empty());
    let name = g.file_name(0);
    let body = unseal(&name, PieceKind::Docs, &b.pieces.iter().find(|(n, _)| *n == name).unwrap().1).unwrap().to_vec();
    let (articles, issues) = (m.stats.articles, m.issues.len());
    let group = super::docs::read(&name, 0, g, &body, articles, issues).unwrap();
    let issue = &sample_issues()[0];
    assert_eq!(group.docs[0].1, issue.articles[0].paragraphs);
    assert_eq!(group.docs[0].0.title, issue.articles[0].title);
    let err = |body: &[u8]| super::docs::read(&name, 0, g, body, articles, issues).err().map(|e| e.to_string()).unwrap_or_default();
    // Cut: the chars run out. Extra: a byte after the last one's bits.
    assert!(err(&body[..body.len() - 1]).contains("unexpected end of a bit section"), "{}", err(&body[..body.len() - 1]));
    let mut longer = body.clone();
    longer.push(0);
    assert!(err(&longer).contains("unread bytes"), "{}", err(&longer));
    // A text length beyond the bits there are.
    let mut c = super::bytes::Cursor::new(&body, "g");
    let (_, _) = (c.varint().unwrap(), c.varint().unwrap());
    let meta = c.deflated_part("m").unwrap();
    let mut forged = super::bytes::Writer::new();
    forged.varint(0);
    forged.varint(group.docs.len() as u64);
    let mut raw = meta;
    // The first doc: issue, id (length + bytes), then the title's option tag and its length.
    let id_len = group.docs[0].0.id.len();
    let title_len_at = 1 + 1 + id_len + 1;
    assert_eq!(raw[title_len_at] as usize, issue.articles[0].title.as_ref().unwrap().chars().count());
    // A million chars: more than the bits left could hold.
    raw.splice(title_len_at..title_len_at + 1, [0x80, 0x80, 0x40]);
    forged.deflated_part(&raw);
    forged.buf.extend_from_slice(&body[body.len() - c.remaining()..]);
    assert!(err(&forged.buf).contains("text length"), "{}", err(&forged.buf));
}
