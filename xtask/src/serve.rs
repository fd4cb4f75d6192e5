//! `cargo xtask serve [--port 8080] [--dev] [--corpus DIR] [--out DIR]`: build, then serve the
//! dist folder at http://127.0.0.1:PORT/ until stopped.
//!
//! The server is std's `TcpListener` with a thread per connection, not a crate: it is ~150
//! lines, adds nothing to xtask's build, and we control every header (correct MIME types incl.
//! `application/wasm`, which `WebAssembly.instantiateStreaming` requires; `no-cache`, so a
//! rebuild is seen on reload; `nosniff`). It answers GET and HEAD for files under its root,
//! maps a folder to its `index.html`, never serves outside the root (`..`, encoded or not, is
//! refused) and closes each connection after one response. It binds 127.0.0.1 only. No gzip:
//! the build summary reports gzip sizes instead. The tests of `cargo xtask test` use the same
//! server on free ports (`Server::bind(0, …)`).

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
    if !path.starts_with('/') {
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
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
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
            let location = format!("Location: {path}/\r\n");
            return respond(&mut stream, "301 Moved Permanently", "text/plain", b"", head_only, &location);
        }
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, "200 OK", mime(&file), &body, head_only, ""),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", head_only, ""),
    }
}

/// Fetches `path` from a server on 127.0.0.1 (for tests): status line, headers, body.
#[cfg(test)]
fn get(url: &str, method: &str, path: &str) -> (String, String, Vec<u8>) {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
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

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yuliao-serve-test-{}", std::process::id()));
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
        let root = site();
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
        assert!(headers.contains("Location: /index/"), "{headers}");

        assert!(get(&url, "GET", "/nope.js").0.starts_with("HTTP/1.1 404"));
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/index/..%2F..%2Fx", "/a%zz", "relative"] {
            let (status, _, _) = get(&url, "GET", bad);
            assert!(status.starts_with("HTTP/1.1 400"), "{bad}: {status}");
        }
        assert!(get(&url, "POST", "/").0.starts_with("HTTP/1.1 405"));
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn mime_table() {
        assert_eq!(mime(Path::new("a/yuliao_www.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("style.css")), "text/css; charset=utf-8");
        assert_eq!(mime(Path::new("index/manifest.bin")), "application/octet-stream");
        assert_eq!(mime(Path::new("x.wasm")), "application/wasm");
    }
}
