//! `yuliao clean` and `yuliao show`: being written.
use clap::Args;

#[derive(Args)]
pub struct CleanArgs {}

#[derive(Args)]
pub struct ShowArgs {
    pub id: String,
}

pub fn run_clean(_args: CleanArgs) -> anyhow::Result<()> {
    anyhow::bail!("clean: being written")
}

pub fn run_show(_args: ShowArgs) -> anyhow::Result<()> {
    anyhow::bail!("show: being written")
}
