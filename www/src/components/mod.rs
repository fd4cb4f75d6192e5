//! Small pure components: they render their props and emit callbacks; none calls the engine.

pub mod bar_chart;
pub mod column_chart;
pub mod csv_button;
pub mod facets;
pub mod highlight;
pub mod kwic;
pub mod pager;
pub mod progress;
pub mod search_box;
