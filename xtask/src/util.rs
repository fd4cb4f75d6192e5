//! Small helpers every task shares: where the repository and the target dir are, how to run
//! cargo and other programs (echoing the command, failing with its exit status), recursive
//! copies, and the two encodings a static host sends (gzip -9 and brotli quality 11, both
//! deterministic) for the build's precompressed siblings and its size summary. Nothing here
//! knows about Yuliao's data.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root: xtask lives in `<root>/xtask`.
pub fn root() -> PathBuf {
    yuliao::corpus::repo_root_from(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("xtask sits below the repository root, which holds corpus/ and Cargo.toml")
}

/// The shared cargo target dir (`CARGO_TARGET_DIR` or `<root>/target`), absolute.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => absolute(Path::new(&dir)),
        None => root().join("target"),
    }
}

/// `path` made absolute against the repository root (not the current directory: xtask is
/// normally started from the root, but `cargo xtask` may be run from any member).
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        root().join(path)
    }
}

/// A `cargo` command (the one that started xtask, via `CARGO`) running in the repository root.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs `cmd` with inherited stdio, echoing it first; fails unless it exits 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{}`", describe(cmd)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(cmd));
    }
    Ok(())
}

/// The command line of `cmd`, for messages.
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Copies the directory tree `from` into `to` (created if missing).
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)
                .with_context(|| format!("copying {} to {}", entry.path().display(), dest.display()))?;
        }
    }
    Ok(())
}

/// Every file under `dir`, as paths relative to it, sorted (so summaries are stable).
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                walk(base, &entry.path(), out)?;
            } else {
                out.push(entry.path().strip_prefix(base)?.to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// `bytes` as a gzip member: deflate at level 9 (flate2's `best`, as `gzip -9` or a static
/// host would send it). Reproducible: mtime 0, no file name or comment, OS byte 255 (unknown).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(bytes.len() / 3 + 32), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to a Vec");
    enc.finish().expect("writing to a Vec")
}

/// `bytes` as a brotli stream at quality 11 (the best), with the window the reference `brotli`
/// tool picks: the smallest from 2^10 to 2^24 bytes that covers the input. Same bytes in, same
/// stream out (the encoder is single-threaded and keeps no clock or random state).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut lgwin = 10;
    // Brotli can reach back (1 << lgwin) - 16 bytes.
    while lgwin < 24 && (1usize << lgwin) - 16 < bytes.len() {
        lgwin += 1;
    }
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 + 32);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing into a Vec");
    out
}

/// Whether `bytes` is worth giving to the encoders above: a fast deflate (level 1) makes it
/// smaller. Data that is compressed already (most index pieces) only grows under level 1, and
/// then gzip -9 and brotli 11 (a hundred times slower) would not shrink it either.
pub fn compressible(bytes: &[u8]) -> bool {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::with_capacity(bytes.len() + 64), flate2::Compression::fast());
    enc.write_all(bytes).expect("writing to a Vec");
    enc.finish().expect("writing to a Vec").len() < bytes.len()
}

/// Whether `rel` (a file under `dir`) is a precompressed copy of another file there: it ends
/// in `.gz` or `.br` and the file without that ending exists. Summaries count such a pair once.
pub fn is_precompressed_sibling(dir: &Path, rel: &Path) -> bool {
    let name = rel.to_string_lossy();
    ["gz", "br"].iter().any(|ext| {
        name.strip_suffix(ext)
            .and_then(|n| n.strip_suffix('.'))
            .is_some_and(|original| !original.is_empty() && dir.join(original).is_file())
    })
}

/// A byte count for people: `1234567` → `1.18 MiB (1234567 B)`.
pub fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.2} MiB ({bytes} B)", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB ({bytes} B)", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_member_has_header_crc_and_length() {
        use std::io::Read;
        let text = "两带两创 两带两创 两带两创".repeat(50);
        let gz = gzip(text.as_bytes());
        // Magic, deflate, no flags (no name), mtime 0, best compression, OS unknown.
        assert_eq!(&gz[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
        assert!(gz.len() < text.len() / 4, "repetitive text must compress, got {} B", gz.len());
        let n = gz.len();
        assert_eq!(u32::from_le_bytes(gz[n - 4..].try_into().unwrap()) as usize, text.len());
        // flate2's decoder checks the CRC and the length in the trailer.
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut inflated).unwrap();
        assert_eq!(inflated, text.as_bytes());
    }

    #[test]
    fn brotli_round_trips_and_is_reproducible() {
        use std::io::Read;
        let text = "两带两创 提质增效 ".repeat(300);
        let br = brotli(text.as_bytes());
        assert!(br.len() < text.len() / 10, "repetitive text must compress, got {} B", br.len());
        assert_eq!(br, brotli(text.as_bytes()));
        let mut out = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut out).unwrap();
        assert_eq!(out, text.as_bytes());
        // Empty input is a valid stream too.
        let mut out = Vec::new();
        brotli::Decompressor::new(&brotli(b"")[..], 4096).read_to_end(&mut out).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn compressed_data_is_not_worth_compressing_again() {
        let text = "两带两创 提质增效 ".repeat(300);
        assert!(compressible(text.as_bytes()));
        assert!(compressible(&[0; 64]));
        // What the index pieces hold: deflated text (the seed issue's).
        let seed = std::fs::read(root().join("corpus/clean/000_d2874fb822b0e5bc.json")).unwrap();
        assert!(compressible(&seed));
        let deflated = gzip(&seed);
        assert!(!compressible(&deflated));
        assert!(gzip(&deflated).len() >= deflated.len() && brotli(&deflated).len() >= deflated.len());
        assert!(!compressible(b""));
    }

    #[test]
    fn precompressed_siblings_need_their_original() {
        let dir = std::env::temp_dir().join(format!("yuliao-siblings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("index")).unwrap();
        for f in ["a.js", "a.js.br", "a.js.gz", "index/p.bin", "index/p.bin.br", "lone.gz", "x.br"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let siblings: Vec<_> = files_under(&dir)
            .unwrap()
            .into_iter()
            .filter(|f| is_precompressed_sibling(&dir, f))
            .collect();
        let expected = ["a.js.br", "a.js.gz", "index/p.bin.br"].map(PathBuf::from);
        assert_eq!(siblings, expected);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(12), "12 B");
        assert_eq!(human(2048), "2.0 KiB (2048 B)");
        assert_eq!(human(3 << 20), "3.00 MiB (3145728 B)");
    }
}
