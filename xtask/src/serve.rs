//! `cargo xtask serve [--port 8080] [--dev] [--corpus DIR] [--out DIR]`: build, then serve the
//! dist folder at http://127.0.0.1:PORT/ until stopped.
//!
//! The server is std's `TcpListener` with a thread per connection, not a crate: it is ~150
//! lines, adds nothing to xtask's build, and we control every header (correct MIME types incl.
//! `application/wasm`, which `WebAssembly.instantiateStreaming` requires; `no-cache`, so a
//! rebuild is seen on reload; `nosniff`). It answers GET and HEAD for files under its root,
//! maps a folder to its `index.html`, never serves outside the root (`..`, encoded or not, is
//! refused), redirects a folder without its trailing `/` to a path on this same server (never
//! `//host/…`), takes request lines ending in CRLF or a bare LF, and closes each connection
//! after one response. It binds 127.0.0.1 only.
//!
//! Compression, as a static host with `brotli_static`/`gzip_static` does it: it compresses
//! nothing itself, but when the request's `Accept-Encoding` accepts `br` (or else `gzip`) and
//! the build wrote the file's `.br` (or `.gz`) sibling, it sends that sibling's bytes with
//! `Content-Encoding` and the original file's `Content-Type`. Every answer for a file that has
//! a sibling carries `Vary: Accept-Encoding`. Without such a header, or without a sibling, the
//! plain file goes out. The tests of `cargo xtask test` use the same server on free ports
//! (`Server::bind(0, …)`).

use crate::build;
use crate::flags::Flags;
use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

pub const USAGE: &str = "cargo xtask serve [--port 8080] [--dev] [--corpus DIR] [--out DIR]";

pub fn run(args: &[String]) -> Result<()> {
    let mut flags = Flags::new(args);
    let port = match flags.value("--port")? {
        Some(p) => p.parse::<u16>().with_context(|| format!("--port {p}: not a port number"))?,
        None => 8080,
    };
    let opts = build::Options::from_flags(&mut flags)?;
    flags.finish(USAGE)?;
    build::build(&opts)?;
    let server = Server::bind(port, &opts.out)?;
    println!("\nserving {} at {}  (Ctrl-C stops)", opts.out.display(), server.url());
    server.serve_forever();
    Ok(())
}

/// A static file server on 127.0.0.1.
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 = any free port) to serve the files under `root`.
    pub fn bind(port: u16, root: &Path) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .with_context(|| format!("binding 127.0.0.1:{port} (in use? try --port)"))?;
        let root = root.canonicalize().with_context(|| format!("serving {}", root.display()))?;
        Ok(Server { listener, root })
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        let port = self.listener.local_addr().map(|a| a.port()).unwrap_or(0);
        format!("http://127.0.0.1:{port}/")
    }

    /// Serves until the process ends.
    pub fn serve_forever(self) {
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let root = self.root.clone();
            std::thread::spawn(move || {
                // A client that hangs up early is not our error.
                let _ = handle(stream, &root);
            });
        }
    }

    /// Serves in a background thread (for tests); returns the URL.
    pub fn spawn(self) -> String {
        let url = self.url();
        std::thread::spawn(move || self.serve_forever());
        url
    }
}

/// The MIME type for a file name.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "ts" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The codings of an `Accept-Encoding` value that the server can send, best first: `br`
/// before `gzip`. A coding with `q=0` is refused; `*` stands for either one not named.
pub fn accepted_encodings(header: &str) -> Vec<&'static str> {
    let mut named: Vec<(String, bool)> = Vec::new();
    for item in header.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if coding.is_empty() {
            continue;
        }
        let refused = parts.filter_map(|p| p.split_once('=')).any(|(name, q)| {
            name.trim().eq_ignore_ascii_case("q") && q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
        });
        named.push((coding, !refused));
    }
    let star = named.iter().find(|(c, _)| c == "*").map(|&(_, ok)| ok).unwrap_or(false);
    ["br", "gzip"]
        .into_iter()
        .filter(|coding| match named.iter().find(|(c, _)| c == coding || (*coding == "gzip" && c == "x-gzip")) {
            Some(&(_, ok)) => ok,
            None => star,
        })
        .collect()
}

/// The file extension of a coding's precompressed sibling.
fn sibling_ext(coding: &str) -> &'static str {
    if coding == "br" {
        "br"
    } else {
        "gz"
    }
}

/// `file` with `.ext` appended to its name.
fn with_ext(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file under `root` that `target` (the request target) names, or `None` if it names
/// something outside the root or is malformed.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    // Control characters (a bare CR left in the request line) never name a file, and must not
    // reach a Location header.
    if !path.starts_with('/') || path.chars().any(char::is_control) {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut file = root.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(file)
}

/// Whether `buf` holds a whole request head: it ends at the first empty line. Lines may end in
/// CRLF or, as RFC 9112 lets a server accept, a bare LF (`printf 'GET / HTTP/1.1\n\n'`):
/// waiting for a CRLF CRLF that never comes would hold such a client until the read timeout.
fn ends_head(buf: &[u8]) -> bool {
    buf.windows(2).any(|w| w == b"\n\n") || buf.windows(3).any(|w| w == b"\n\r\n")
}

/// Where to send a request for folder `path` (the request target's path, no trailing `/`): the
/// same path with a `/` added, made into a path on this server. Leading slashes collapse to one,
/// since `//host/x` in a `Location` is another site (a scheme-relative URL).
fn folder_location(path: &str) -> String {
    format!("/{}/", path.trim_start_matches('/'))
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8], head_only: bool, extra: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !ends_head(&buf) {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.len() > 16 * 1024 {
            return respond(&mut stream, "431 Request Header Fields Too Large", "text/plain", b"headers too large\n", false, "");
        }
    }
    let text = String::from_utf8_lossy(&buf);
    let accept_encoding = text
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("accept-encoding"))
        .map(|(_, value)| value.trim())
        .collect::<Vec<_>>()
        .join(",");
    let mut parts = text.lines().next().unwrap_or("").split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"only GET and HEAD\n", false, "Allow: GET, HEAD\r\n");
    }
    let Some(mut file) = resolve(root, target) else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad path\n", head_only, "");
    };
    if file.is_dir() {
        let path = target.split(['?', '#']).next().unwrap_or("/");
        if !path.ends_with('/') {
            // Relative URLs in the page resolve against the folder, so send the browser there.
            let location = format!("Location: {}\r\n", folder_location(path));
            return respond(&mut stream, "301 Moved Permanently", "text/plain", b"", head_only, &location);
        }
        file.push("index.html");
    }
    if !file.is_file() {
        return respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", head_only, "");
    }
    let has_sibling = ["br", "gz"].iter().any(|ext| with_ext(&file, ext).is_file());
    let vary = if has_sibling { "Vary: Accept-Encoding\r\n" } else { "" };
    for coding in accepted_encodings(&accept_encoding) {
        if let Ok(body) = std::fs::read(with_ext(&file, sibling_ext(coding))) {
            let extra = format!("Content-Encoding: {coding}\r\n{vary}");
            return respond(&mut stream, "200 OK", mime(&file), &body, head_only, &extra);
        }
    }
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, "200 OK", mime(&file), &body, head_only, vary),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", head_only, ""),
    }
}

/// Fetches `path` from a server on 127.0.0.1 (for tests): status line, headers, body.
#[cfg(test)]
fn get(url: &str, method: &str, path: &str) -> (String, String, Vec<u8>) {
    get_with(url, method, path, "")
}

/// [`get`] with extra request header lines (each ending in `\r\n`).
#[cfg(test)]
fn get_with(url: &str, method: &str, path: &str, headers: &str) -> (String, String, Vec<u8>) {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let (status, headers) = head.split_once("\r\n").unwrap();
    (status.to_string(), headers.to_string(), raw[split + 4..].to_vec())
}

/// Fails unless the server answers `HEAD /` with 200 (for tests).
#[cfg(test)]
pub fn check_up(url: &str) -> Result<()> {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).with_context(|| format!("connecting to {url}"))?;
    write!(s, "HEAD / HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    if !raw.starts_with(b"HTTP/1.1 200") {
        anyhow::bail!("{url} answered {:?}", String::from_utf8_lossy(&raw[..raw.len().min(40)]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yuliao-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("index")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>语料</title>").unwrap();
        std::fs::write(dir.join("yuliao_www_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("index/manifest.bin"), [1u8, 2, 3]).unwrap();
        std::fs::write(dir.join("index/两带两创.txt"), "x").unwrap();
        dir
    }

    #[test]
    fn serves_files_with_mime_types_and_refuses_escapes() {
        let root = site("plain");
        let url = Server::bind(0, &root).unwrap().spawn();
        check_up(&url).unwrap();

        let (status, headers, body) = get(&url, "GET", "/");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(headers.contains("Content-Type: text/html; charset=utf-8"), "{headers}");
        assert_eq!(body, "<!doctype html><title>语料</title>".as_bytes());

        let (status, headers, body) = get(&url, "GET", "/yuliao_www_bg.wasm?v=1");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(headers.contains("Content-Type: application/wasm"), "{headers}");
        assert_eq!(body, b"\0asm\x01\0\0\0");

        let (_, headers, body) = get(&url, "HEAD", "/index/manifest.bin");
        assert!(headers.contains("Content-Length: 3"), "{headers}");
        assert!(body.is_empty());

        let (status, _, body) = get(&url, "GET", "/index/%E4%B8%A4%E5%B8%A6%E4%B8%A4%E5%88%9B.txt");
        assert_eq!((status.as_str(), body.as_slice()), ("HTTP/1.1 200 OK", b"x".as_slice()));

        let (status, headers, _) = get(&url, "GET", "/index");
        assert!(status.starts_with("HTTP/1.1 301"), "{status}");
        assert!(headers.contains("Location: /index/\r\n"), "{headers}");
        // `//index` is a folder here too, but `Location: //index/` would send the browser to
        // the host `index`: the redirect stays on this server.
        for folder in ["//index", "///index", "//index?q=1"] {
            let (status, headers, _) = get(&url, "GET", folder);
            assert!(status.starts_with("HTTP/1.1 301"), "{folder}: {status}");
            assert!(headers.contains("Location: /index/\r\n"), "{folder}: {headers}");
        }

        assert!(get(&url, "GET", "/nope.js").0.starts_with("HTTP/1.1 404"));
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/index/..%2F..%2Fx", "/a%zz", "relative"] {
            let (status, _, _) = get(&url, "GET", bad);
            assert!(status.starts_with("HTTP/1.1 400"), "{bad}: {status}");
        }
        assert!(get(&url, "POST", "/").0.starts_with("HTTP/1.1 405"));
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn bare_lf_requests_are_answered_at_once() {
        let root = site("lf");
        let url = Server::bind(0, &root).unwrap().spawn();
        let addr = url.trim_start_matches("http://").trim_end_matches('/');
        for request in ["GET / HTTP/1.1\nHost: x\n\n", "HEAD /index/manifest.bin HTTP/1.0\n\n", "GET / HTTP/1.1\r\nHost: x\n\r\n"] {
            let started = std::time::Instant::now();
            let mut s = TcpStream::connect(addr).unwrap();
            // The server's own timeout is 10 s: a hang fails the read well before it.
            s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
            s.write_all(request.as_bytes()).unwrap();
            let mut raw = Vec::new();
            s.read_to_end(&mut raw).unwrap_or_else(|e| panic!("{request:?}: no answer: {e}"));
            assert!(raw.starts_with(b"HTTP/1.1 200 OK\r\n"), "{request:?}: {}", String::from_utf8_lossy(&raw));
            assert!(started.elapsed() < Duration::from_secs(2), "{request:?} took {:?}", started.elapsed());
        }
        assert!(ends_head(b"GET / HTTP/1.1\r\n\r\n") && !ends_head(b"GET / HTTP/1.1\r\nHost: x\r\n"));
        // A CR alone in the target is no path, so it cannot reach a Location header.
        assert_eq!(resolve(&root, "/index\rSet-Cookie:x"), None);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn precompressed_sibling_is_sent_when_the_client_accepts_it() {
        use std::io::Read as _;
        let root = site("encoded");
        let js = "export function 两带两创() { return '提质增效'; }\n".repeat(40);
        std::fs::write(root.join("yuliao_www.js"), &js).unwrap();
        assert_eq!(crate::build::precompress_file(&root.join("yuliao_www.js")).unwrap(), 2);
        let br = std::fs::read(root.join("yuliao_www.js.br")).unwrap();
        let gz = std::fs::read(root.join("yuliao_www.js.gz")).unwrap();
        assert!(br != gz && br.len() < js.len());
        let url = Server::bind(0, &root).unwrap().spawn();

        let (status, headers, body) = get_with(&url, "GET", "/yuliao_www.js", "Accept-Encoding: gzip, deflate, br, zstd\r\n");
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(headers.contains("Content-Encoding: br\r\n"), "{headers}");
        assert!(headers.contains("Content-Type: text/javascript; charset=utf-8"), "{headers}");
        assert!(headers.contains("Vary: Accept-Encoding"), "{headers}");
        assert!(headers.contains(&format!("Content-Length: {}\r\n", br.len())), "{headers}");
        assert_eq!(body, br);
        let mut decoded = String::new();
        brotli::Decompressor::new(&body[..], 4096).read_to_string(&mut decoded).unwrap();
        assert_eq!(decoded, js);

        let (_, headers, body) = get_with(&url, "GET", "/yuliao_www.js", "accept-encoding: br;q=0, gzip\r\n");
        assert!(headers.contains("Content-Encoding: gzip\r\n"), "{headers}");
        assert_eq!(body, gz);

        for plain in ["", "Accept-Encoding: identity\r\n", "Accept-Encoding: deflate\r\n"] {
            let (status, headers, body) = get_with(&url, "GET", "/yuliao_www.js", plain);
            assert_eq!(status, "HTTP/1.1 200 OK");
            assert!(!headers.contains("Content-Encoding"), "{plain:?}: {headers}");
            assert!(headers.contains("Vary: Accept-Encoding"), "{headers}");
            assert_eq!(body, js.as_bytes(), "{plain:?}");
        }

        // A file without siblings is sent plain, with no Vary, whatever the client accepts.
        let (_, headers, body) = get_with(&url, "GET", "/yuliao_www_bg.wasm", "Accept-Encoding: br, gzip\r\n");
        assert!(!headers.contains("Content-Encoding") && !headers.contains("Vary"), "{headers}");
        assert_eq!(body, b"\0asm\x01\0\0\0");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn accept_encoding_is_parsed_with_q_values() {
        assert_eq!(accepted_encodings("gzip, deflate, br, zstd"), ["br", "gzip"]);
        assert_eq!(accepted_encodings("gzip"), ["gzip"]);
        assert_eq!(accepted_encodings("BR;q=1.0"), ["br"]);
        assert_eq!(accepted_encodings("br;q=0, gzip;q=0.5"), ["gzip"]);
        assert_eq!(accepted_encodings("gzip; q=0.000, br"), ["br"]);
        assert_eq!(accepted_encodings("*"), ["br", "gzip"]);
        assert_eq!(accepted_encodings("*, gzip;q=0"), ["br"]);
        assert!(accepted_encodings("").is_empty());
        assert!(accepted_encodings("identity, deflate").is_empty());
        assert!(accepted_encodings("brotli, gzipped").is_empty());
        assert_eq!(accepted_encodings("br;两=0, gzip;Q=0"), ["br"], "odd parameters are not q");
    }

    #[test]
    fn mime_table() {
        assert_eq!(mime(Path::new("a/yuliao_www.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("style.css")), "text/css; charset=utf-8");
        assert_eq!(mime(Path::new("index/manifest.bin")), "application/octet-stream");
        assert_eq!(mime(Path::new("x.wasm")), "application/wasm");
    }
}
