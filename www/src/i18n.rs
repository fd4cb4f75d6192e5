//! Every label of the app in both languages: Simplified Chinese (the default) and English.
//!
//! Takes a [`Lang`]; returns `&'static str` labels and formatted sentences through [`Tr`].
//! Guarantees: no view or component writes user-facing text of its own; corpus text (titles,
//! names, units) is data and is never translated. The language choice is kept in
//! `localStorage` (`yuliao.lang`) and can be forced for an embed with `lang=en` in the hash query.

use yuliao::analysis::fixed;
use yuliao::corpus::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh-cn" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// The value of `lang=` in a link.
    pub fn param(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// Groups digits by thousands (`12,345`), the same in both languages.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Human-readable byte size: `812 B`, `35.2 KB`, `1.40 MB`.
pub fn bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{} KB", fixed(n as f64 / 1024.0, 1))
    } else {
        format!("{} MB", fixed(n as f64 / (1024.0 * 1024.0), 2))
    }
}

/// The translator handed to every view through context.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tr {
    pub lang: Lang,
}

macro_rules! labels {
    ($($name:ident => $zh:expr, $en:expr;)*) => {
        impl Tr {
            $(
                pub fn $name(&self) -> &'static str {
                    match self.lang {
                        Lang::Zh => $zh,
                        Lang::En => $en,
                    }
                }
            )*
        }
    };
}

labels! {
    app_name => "语料", "Yuliao";
    tagline => "报纸语料检索与分析", "Newspaper corpus explorer";
    nav_search => "检索", "Search";
    nav_freq => "词频", "Frequencies";
    nav_themes => "主题", "Themes";
    nav_issues => "各期", "Issues";
    nav_label => "主导航", "Main";
    skip_to_main => "跳到正文", "Skip to content";
    pager_label => "翻页", "Pages";
    back_nav_label => "返回", "Back";
    neighbours_label => "上一篇与下一篇", "Previous and next article";
    switch_to => "English", "中文";
    switch_title => "Switch to English", "切换到中文";
    runs_locally => "全部在浏览器中运行，不向任何服务器发送数据。", "Runs entirely in your browser; nothing is sent anywhere.";

    loading => "正在加载索引…", "Loading the index…";
    retry => "重试", "Try again";
    fetching => "正在读取所需的索引片段…", "Fetching the parts of the index this needs…";
    error_missing => "暂时无法打开语料", "The corpus is not available right now";
    error_corrupt => "语料文件已损坏或已过期", "The corpus files are damaged or out of date";
    error_network => "无法下载语料", "Could not download the corpus";
    error_hint_missing => "这个网站上的语料文件找不到了。请稍后再试；如果问题一直存在，请告知网站管理员。",
                          "This site's corpus files could not be found. Please try again later; if it keeps happening, let the site's maintainer know.";
    error_hint_corrupt => "请刷新页面再试；如果问题一直存在，请告知网站管理员。",
                          "Please reload the page; if it keeps happening, let the site's maintainer know.";
    error_hint_network => "请检查网络连接后重试。", "Check the connection, then try again.";
    error_details => "技术细节（供网站管理员参考）", "Technical details (for the site's maintainer)";

    search_placeholder => "输入词语，如 两带两创（按 / 聚焦）", "Type a word, e.g. 两带两创 (press / to focus)";
    search_button => "检索", "Search";
    search_label => "检索语料", "Search the corpus";
    suggestions_label => "联想词", "Suggestions";
    syntax_help => "多个词：同时出现 · \"精确短语\" · A OR B · -排除 · author:作者 · photographer:摄影 · unit:单位 · kind:news · title:标题",
                   "Several words: all of them · \"exact phrase\" · A OR B · -exclude · author:X · photographer:X · unit:X · kind:news · title:X";
    no_results => "没有找到匹配的文章。", "No article matches.";
    missing_terms => "语料中没有这些词：", "Not in the corpus:";
    try_instead => "可以试试：", "Try instead:";
    matches_label => "文中匹配", "Matches in the text";
    prev_match => "上一处匹配", "Previous match";
    next_match => "下一处匹配", "Next match";
    caption => "图片说明", "Caption";
    keywords => "关键词", "Keywords";
    keywords_hint => "这篇文章最有特色的词：在本文中多见、在其他文章中少见（TF-IDF）", "This article's most distinctive words: frequent here, rare elsewhere (TF-IDF)";
    without_missing => "（去掉语料中没有的词）", "(without the words the corpus lacks)";
    matched_in => "匹配于：", "Matched in:";
    query_error => "查询有误：", "Query error:";
    engine_error => "部分语料文件已损坏，无法给出这里的结果。", "Part of the corpus files is damaged, so this answer cannot be given.";
    untitled => "无标题", "Untitled";
    untitled_mark => "（无标题）", " (untitled)";
    working_title_hint => "原文没有标题：这是开头的文字", "No title in the paper: these are its opening words";
    facet_kind => "类型", "Kind";
    facet_unit => "单位", "Unit";
    facet_author => "作者", "Author";
    facet_photographer => "摄影", "Photographer";
    facets_title => "缩小范围", "Narrow down";
    more => "更多", "More";
    page_prev => "← 上一页", "← Previous";
    page_next => "下一页 →", "Next →";
    start_hint => "从一个词开始，或试试：", "Start with a word, or try:";

    by => "作者", "By";
    photos_by => "摄影", "Photos";
    units => "单位", "Units";
    kind => "类型", "Kind";
    column => "栏目", "Column";
    issue => "刊期", "Issue";
    prev_article => "← 上一篇", "← Previous article";
    next_article => "下一篇 →", "Next article →";
    back_to_results => "返回检索结果", "Back to the results";
    back_to_theme => "返回主题追踪", "Back to the theme";
    open_full_app => "在完整应用中打开 ↗", "Open in the full app ↗";
    article_not_found => "找不到这篇文章：", "No such article:";
    closest_same_opening => "开头相同", "same opening";
    closest_holds_query => "含检索词", "holds the search terms";
    no_text => "（本篇没有正文，可能是图片。）", "(No text: this may be a photo.)";

    freq_title => "词频", "Word frequencies";
    remove_stopwords => "去除停用词", "Remove stopwords";
    min_len => "最短词长（字）", "Minimum length (characters)";
    all => "全部", "All";
    top_n => "显示前", "Show top";
    col_term => "词", "Term";
    col_count => "次数", "Count";
    col_per_10k => "每万词", "Per 10k tokens";
    col_articles => "篇数", "Articles";
    col_links => "查看", "Open";
    link_theme => "主题", "theme";
    download_csv => "下载 CSV", "Download CSV";
    no_terms => "这个子集里没有符合条件的词。", "No term matches these settings.";
    chart_label_freq => "高频词条形图（数据见旁边的表格）", "Bar chart of the top terms (the table beside it lists them)";

    themes_title => "主题追踪", "Theme tracker";
    preset_themes => "预设主题", "Themes";
    tracked_terms => "追踪的词语", "Tracked terms";
    add_term_placeholder => "添加词语，回车确认", "Add a term, press Enter";
    add_term => "添加", "Add";
    remove_term => "移除", "Remove";
    choose_theme => "选择一个主题，或输入要追踪的词语。", "Pick a theme or type the terms to track.";
    col_order => "序", "#";
    col_title => "标题", "Title";
    col_unit => "单位", "Unit";
    col_kind => "类型", "Kind";
    chart_caption_theme => "各篇文章中的出现次数（按阅读顺序，灰线为未出现）", "Occurrences per article, in reading order (grey ticks: none)";
    chart_caption_theme_issues => "各期中的出现次数（按期序）", "Occurrences per issue, in issue order";
    kwic_title => "语境索引（KWIC）", "Concordance (KWIC)";
    download_theme_csv => "下载统计 CSV", "Download counts CSV";
    download_kwic_csv => "下载语境 CSV", "Download concordance CSV";
    not_in_corpus => "这些词在语料中没有出现。", "These terms do not occur in the corpus.";
    count_rule => "计数为文章标题和正文中的字符串出现次数，分词切开的词也算在内；几个词重叠处（如“提质增效”里的“提质”）只算一次。", "Counts are exact string occurrences in title and text, even where the segmenter split the word; where several terms overlap (提质 inside 提质增效) the place counts once.";

    issues_title => "各期目录", "Issues of the paper";
    browse_issues => "浏览各期目录 →", "Browse the issues →";
    latest_issues => "最近几期", "Latest issues";
    issue_not_found => "没有这一期：", "No such issue:";
    all_issues => "← 全部各期", "← All issues";
    toc_label => "本期目录", "Contents of this issue";
    undated => "日期不详", "Undated";

    not_found => "页面不存在。", "There is no such page.";
    go_search => "去检索", "Go to search";
}

impl Tr {
    pub fn kind_name(&self, kind: &str) -> &'static str {
        match (self.lang, Kind::parse(kind)) {
            (Lang::Zh, Some(Kind::News)) => "新闻",
            (Lang::Zh, Some(Kind::Photo)) => "图片",
            (Lang::Zh, Some(Kind::Feature)) => "通讯",
            (Lang::Zh, Some(Kind::Literature)) => "文艺",
            (Lang::En, Some(Kind::News)) => "News",
            (Lang::En, Some(Kind::Photo)) => "Photo",
            (Lang::En, Some(Kind::Feature)) => "Feature",
            (Lang::En, Some(Kind::Literature)) => "Literature",
            (_, None) => "?",
        }
    }

    pub fn stats(&self, articles: u64, issues: u64, tokens: u64, chars: u64) -> String {
        let (a, i, t, c) = (thousands(articles), thousands(issues), thousands(tokens), thousands(chars));
        match self.lang {
            Lang::Zh => format!("{a} 篇文章 · {i} 期 · {t} 词 · {c} 字"),
            Lang::En => {
                let issues = if issues == 1 { "issue" } else { "issues" };
                let articles = if articles == 1 { "article" } else { "articles" };
                format!("{a} {articles} · {i} {issues} · {t} tokens · {c} characters")
            }
        }
    }

    /// What the corpus is, for the landing page: its publications, issues, date range and size.
    pub fn about(&self, publications: &str, issues: u64, dates: Option<(String, String)>, articles: u64, tokens: u64) -> String {
        let (i, a, t) = (thousands(issues), thousands(articles), thousands(tokens));
        let dates = match dates {
            Some((lo, hi)) if lo == hi => lo,
            Some((lo, hi)) => match self.lang {
                Lang::Zh => format!("{lo} 至 {hi}"),
                Lang::En => format!("{lo} to {hi}"),
            },
            None => String::new(),
        };
        match self.lang {
            Lang::Zh => {
                let dates = if dates.is_empty() { String::new() } else { format!("（{dates}）") };
                format!("这里收录《{publications}》{i} 期{dates}，共 {a} 篇文章、{t} 词：可以检索全文、按期浏览、统计词频、追踪主题。")
            }
            Lang::En => {
                let issues = if issues == 1 { "issue" } else { "issues" };
                let dates = if dates.is_empty() { String::new() } else { format!(" ({dates})") };
                format!("{i} {issues} of {publications}{dates}: {a} articles, {t} words, to search in full, browse issue by issue, count words and track themes.")
            }
        }
    }

    /// An issue's article count.
    pub fn articles_n(&self, n: u64) -> String {
        let s = thousands(n);
        match self.lang {
            Lang::Zh => format!("{s} 篇"),
            Lang::En if n == 1 => "1 article".to_string(),
            Lang::En => format!("{s} articles"),
        }
    }

    /// A word count.
    pub fn words_n(&self, n: u64) -> String {
        let s = thousands(n);
        match self.lang {
            Lang::Zh => format!("{s} 词"),
            Lang::En if n == 1 => "1 word".to_string(),
            Lang::En => format!("{s} words"),
        }
    }

    /// An issue's heading: `劲旅 2024-01`.
    pub fn issue_name(&self, publication: &str, date: Option<&str>) -> String {
        format!("{publication} {}", date.unwrap_or(self.undated())).trim().to_string()
    }

    /// The tab title: what the page shows, then the app's name.
    pub fn doc_title(&self, what: &str) -> String {
        if what.is_empty() {
            self.app_name().to_string()
        } else {
            format!("{what} · {}", self.app_name())
        }
    }

    pub fn progress(&self, loaded: u64, total: Option<u64>) -> String {
        match total {
            Some(t) => format!("{} / {}", bytes(loaded), bytes(t)),
            None => bytes(loaded),
        }
    }

    /// Why a query could not run, in the page's language (the engine's own message is English).
    pub fn query_error_text(&self, e: &yuliao::query::QueryError) -> String {
        use yuliao::query::QueryError as E;
        match (self.lang, e) {
            (Lang::En, e) => {
                let s = e.to_string();
                let mut c = s.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
            (Lang::Zh, E::Empty) => "检索词为空：请输入词语、\"短语\"，或 unit:热电分厂 这样的筛选。".into(),
            (Lang::Zh, E::OnlyPunctuation { query }) => format!("“{query}”只有标点符号，请输入要找的文字。"),
            (Lang::Zh, E::TooLong { chars, max }) => format!("检索词有 {} 个字，最多 {} 个，请缩短。", thousands(*chars as u64), thousands(*max as u64)),
            (Lang::Zh, E::TooManyTerms { count, max }) => format!("检索词有 {count} 项，最多 {max} 项，请减少。"),
            (Lang::Zh, E::BadFilter { field, value, .. }) if value.is_empty() => format!("筛选 {field}: 的冒号后面需要写上要找的内容。"),
            (Lang::Zh, E::BadFilter { field, value, .. }) => format!("筛选 {field}:{value} 无效：类型只能是 news（新闻）、photo（图片）、feature（通讯）、literature（文艺）。"),
            (Lang::Zh, E::Index(e)) => format!("语料文件有误，暂时无法检索（{e}）。"),
        }
    }

    /// "(instead of X, N occurrences)" after an offered query.
    pub fn instead_of(&self, missing: &str, count: u64) -> String {
        let n = thousands(count);
        match self.lang {
            Lang::Zh => format!("（代替“{missing}”，出现 {n} 次）"),
            Lang::En => format!("(instead of “{missing}”, {n} occurrences)"),
        }
    }

    /// A field of a hit's card that holds the query (`author`, `photographer`, `unit`,
    /// `column`, `subtitle`).
    pub fn field_name(&self, field: &str) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, "author") => "作者",
            (Lang::Zh, "photographer") => "摄影",
            (Lang::Zh, "unit") => "单位",
            (Lang::Zh, "column") => "栏目",
            (Lang::Zh, _) => "副标题",
            (Lang::En, "author") => "author",
            (Lang::En, "photographer") => "photographer",
            (Lang::En, "unit") => "unit",
            (Lang::En, "column") => "column",
            (Lang::En, _) => "subtitle",
        }
    }

    pub fn hits(&self, n: usize) -> String {
        let n = thousands(n as u64);
        match self.lang {
            Lang::Zh => format!("共 {n} 篇文章"),
            Lang::En if n == "1" => "1 article".to_string(),
            Lang::En => format!("{n} articles"),
        }
    }

    pub fn page_of(&self, page: usize, pages: usize) -> String {
        match self.lang {
            Lang::Zh => format!("第 {page} / {pages} 页"),
            Lang::En => format!("Page {page} of {pages}"),
        }
    }

    pub fn denominator(&self, total_tokens: u64) -> String {
        let t = thousands(total_tokens);
        match self.lang {
            Lang::Zh => format!("每万词 = 次数 ÷ 总词数 × 10,000。当前范围内的总词数（含停用词）为 {t}。"),
            Lang::En => format!("Per 10k tokens = count ÷ total tokens × 10,000. Total tokens in this selection (stopwords included): {t}."),
        }
    }

    pub fn theme_total(&self, total: u64, articles: usize) -> String {
        let (t, a) = (thousands(total), thousands(articles as u64));
        match self.lang {
            Lang::Zh => format!("共出现 {t} 次，分布在 {a} 篇文章中"),
            Lang::En => format!("{t} occurrences in {a} articles"),
        }
    }

    pub fn closest_intro(&self, publication: &str, issue: &str) -> String {
        match self.lang {
            Lang::Zh => format!("文本重新整理后文章编号可能已变。这是{publication}（{issue}）这一期中最接近的文章："),
            Lang::En => format!("The article's id may have changed when the text was re-extracted. The closest articles of {publication} ({issue}):"),
        }
    }

    pub fn theme_rows_shown(&self, shown: usize, matched: usize) -> String {
        let (s, m) = (thousands(shown as u64), thousands(matched as u64));
        match self.lang {
            Lang::Zh => format!("下表列出出现次数最多的 {s} 篇（共 {m} 篇），按阅读顺序排列。"),
            Lang::En => format!("The table lists the {s} articles with the most occurrences (of {m}), in reading order."),
        }
    }

    pub fn facets_of_page(&self, counted: usize) -> String {
        match self.lang {
            Lang::Zh => format!("按本页 {counted} 篇统计"),
            Lang::En => format!("Counted over the {counted} articles of this page"),
        }
    }

    pub fn kwic_count(&self, shown: usize) -> String {
        match self.lang {
            Lang::Zh => format!("（{shown} 行）"),
            Lang::En => format!("({shown} lines)"),
        }
    }

    pub fn search_term(&self, term: &str) -> String {
        match self.lang {
            Lang::Zh => format!("检索“{term}”"),
            Lang::En => format!("Search for “{term}”"),
        }
    }

    pub fn track_term(&self, term: &str) -> String {
        match self.lang {
            Lang::Zh => format!("在主题追踪中查看“{term}”"),
            Lang::En => format!("Track “{term}” in the theme view"),
        }
    }

    pub fn chart_bar_title(&self, title: &str, count: u64) -> String {
        match self.lang {
            Lang::Zh => format!("{title}：{count} 次"),
            Lang::En => format!("{title}: {count}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_sized() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(2048), "2.0 KB");
        assert_eq!(bytes(3 * 1024 * 1024), "3.00 MB");
    }

    #[test]
    fn every_kind_has_a_name_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for k in Kind::ALL {
                assert_ne!(Tr { lang }.kind_name(k.as_str()), "?");
            }
        }
        assert_eq!(Tr { lang: Lang::Zh }.kind_name("news"), "新闻");
        assert_eq!(Lang::parse("en").map(Lang::other), Some(Lang::Zh));
    }
}
