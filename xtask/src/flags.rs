//! Command-line flags for the tasks: a tiny parser over the arguments after the task name.
//! Takes `--name`, `--name VALUE` and `--name=VALUE`; anything left over is an error that
//! names it, so a typo never silently changes what a task does.

use anyhow::{bail, Result};

/// The arguments of one task, consumed flag by flag.
pub struct Flags {
    rest: Vec<String>,
}

impl Flags {
    pub fn new(args: &[String]) -> Flags {
        Flags { rest: args.to_vec() }
    }

    /// True when `--name` is present (and removes it).
    pub fn switch(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() != before
    }

    /// The value of `--name VALUE` or `--name=VALUE` (and removes it).
    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        let mut i = 0;
        while i < self.rest.len() {
            if self.rest[i] == name {
                if i + 1 >= self.rest.len() || self.rest[i + 1].starts_with("--") {
                    bail!("{name} needs a value");
                }
                let value = self.rest.remove(i + 1);
                self.rest.remove(i);
                return Ok(Some(value));
            }
            if let Some(v) = self.rest[i].strip_prefix(&prefix) {
                let value = v.to_string();
                self.rest.remove(i);
                return Ok(Some(value));
            }
            i += 1;
        }
        Ok(None)
    }

    /// Fails when arguments remain that no flag took.
    pub fn finish(self, usage: &str) -> Result<()> {
        if !self.rest.is_empty() {
            bail!("unexpected argument(s) {:?}\nusage: {usage}", self.rest);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(args: &[&str]) -> Flags {
        Flags::new(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn switches_values_and_leftovers() {
        let mut f = flags(&["--dev", "--corpus", "x/y", "--out=z"]);
        assert!(f.switch("--dev"));
        assert!(!f.switch("--dev"));
        assert_eq!(f.value("--corpus").unwrap().as_deref(), Some("x/y"));
        assert_eq!(f.value("--out").unwrap().as_deref(), Some("z"));
        assert_eq!(f.value("--port").unwrap(), None);
        assert!(f.finish("u").is_ok());

        let mut f = flags(&["--port"]);
        assert!(f.value("--port").is_err());
        let f = flags(&["--prot", "1"]);
        let err = f.finish("usage line").unwrap_err().to_string();
        assert!(err.contains("--prot") && err.contains("usage line"), "{err}");
    }
}
