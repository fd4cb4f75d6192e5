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

/// The lite module's hand-over to the full one (`views::full_module`); the full module never
/// shows it.
#[cfg(not(feature = "full"))]
impl Tr {
    pub fn loading_full(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "正在加载分析工具…",
            Lang::En => "Loading the analysis tools…",
        }
    }

    pub fn loading_full_why(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "检索与阅读所用的精简程序已在运行；这一页还需要完整程序（词频、主题、分析与“我的文本”），只需下载一次。",
            Lang::En => "The lean program for searching and reading is running; this page needs the full one (frequencies, themes, analysis and “My texts”), downloaded once.",
        }
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
    present => "全屏演示", "Present full screen";
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

    nav_analysis => "分析", "Analysis";
    analysis_nav_label => "分析工具", "Analysis tools";
    nav_summary => "概览", "Summary";
    nav_kwic => "语境", "Concordance";
    nav_colloc => "搭配", "Collocates";
    nav_keyness => "主题词", "Keywords";
    nav_dispersion => "分布", "Dispersion";
    nav_ngrams => "多词与口号", "N-grams";

    go_button => "查看", "Go";
    enter_term => "输入一个词开始，或试试：", "Enter a term to start, or try:";
    analysis_refused => "无法计算：", "Cannot compute this:";
    formula => "公式", "Formula";
    colon => "：", ": ";
    count_note_label => "计数说明", "What is counted";
    download_svg => "下载 SVG", "Download SVG";
    download_png => "下载 PNG", "Download PNG";
    word_links_label => "这个词的", "This word's";
    wl_kwic => "语境", "concordance";
    wl_colloc => "搭配", "collocates";
    wl_dispersion => "分布", "dispersion";
    wl_theme => "主题", "theme";
    wl_search => "检索", "search";
    sort_by => "排序：", "Sort by ";

    kwic_view_title => "语境索引", "Concordance";
    term_label => "词语", "Term";
    kwic_placeholder => "词或字符串，如 安全", "A word or string, e.g. 安全";
    width_label => "语境宽度（字）", "Context width (characters)";
    col_source => "来源", "Source";
    col_left => "左语境", "Left context";
    col_node => "节点词", "Node";
    col_right => "右语境", "Right context";
    reading_order => "阅读顺序", "Reading order";
    kwic_sort_hint => "点击 1L、1R 等按左、右第几个词排序；再点另一个，前一个变为次要排序键。", "Click 1L, 1R … to sort by the nth word left or right of the node; click another and the previous one becomes the next key.";
    kwic_count_rule => "行数是该字符串在标题和正文中的出现次数（与主题追踪、分布相同）；词频表只数分词后的整词，所以可能更少。", "Lines are occurrences of the string in titles and text (as in the theme tracker and dispersion); the frequency list counts segmented words only, so it may show fewer.";

    colloc_title => "搭配词", "Collocates";
    measure_label => "统计量", "Measure";
    span_label => "跨距（左右各几个词）", "Span (words each side)";
    min_co_label => "最少共现", "Minimum co-occurrences";
    col_co => "共现 f_AB", "Co-occ. f_AB";
    col_freq_b => "词频 f_B", "Freq. f_B";
    col_score => "得分", "Score";
    colloc_count_rule => "f_A 是节点字符串在标题和正文中的出现次数；f_AB 数左右窗口内的词（按索引词表切分，不跨段落，标点不算）；f_B 和 N 数分词后的词（与词频表相同）。", "f_A counts the node string in titles and text; f_AB counts the words in the window either side (cut by the index vocabulary, never across a paragraph, punctuation not counted); f_B and N count segmented words (as the frequency list).";
    no_collocates => "没有达到最少共现次数的搭配词。", "No collocate reaches the minimum co-occurrences.";

    keyness_title => "主题词（关键性）", "Keywords (keyness)";
    target_label => "目标子集", "Target";
    reference_label => "参照子集", "Reference";
    reference_placeholder => "留空＝其余全部", "Empty = the rest";
    subset_hint => "子集用检索的筛选写法：kind:literature、kind:news、unit:单位、author:作者、期号，或文章编号。", "Subsets in the search filter syntax: kind:literature, kind:news, unit:X, author:X, an issue stem or article ids.";
    positive_keywords => "正主题词（目标中用得多）", "Positive keywords (more frequent in the target)";
    negative_keywords => "负主题词（目标中用得少）", "Negative keywords (less frequent in the target)";
    col_a => "目标频次", "Target freq.";
    col_b => "参照频次", "Reference freq.";
    keyness_count_rule => "按分词后的词计数（与词频表相同）。", "Counts segmented words (as the frequency list does).";
    none_significant => "没有达到临界值的词。", "No word reaches the critical value.";
    the_rest => "其余全部", "the rest";

    dispersion_title => "分布", "Dispersion";
    parts_label => "分段", "Parts";
    by_article => "按文章", "By article";
    by_issue => "按期", "By issue";
    col_part => "分段", "Part";
    col_size => "词数", "Tokens";
    dispersion_count_rule => "次数是该字符串在标题和正文中的出现次数（与主题追踪、语境索引相同）；分段大小是分词后的词数。词频表只数分词后的整词，所以可能更少。", "Counts are occurrences of the string in titles and text (as in the theme tracker and the concordance); part sizes are segmented word tokens. The frequency list counts segmented words only, so it may show fewer.";
    plot_caption_article => "分布图：每条竖线是一次出现；深浅相间的段是各篇文章（按阅读顺序），宽度与词数成正比。", "Dispersion plot: each tick is one occurrence; the alternating bands are the articles in reading order, as wide as their token counts.";
    plot_caption_issue => "分布图：每段是一期，宽度与词数成正比；按期统计没有位置，期内的竖线均匀排开。", "Dispersion plot: each band is an issue, as wide as its token count; issue counts carry no positions, so the ticks are spread evenly within each issue.";

    ngrams_title => "多词序列与口号", "N-grams and slogans";
    ngrams_section => "反复出现的多词序列", "Recurring word sequences";
    quoted_section => "引号中的提法", "Quoted phrases";
    patterns_section => "数字口号（两X两Y）", "Numbered slogans (两X两Y)";
    sets_section => "四字格排比", "Four-character sets";
    col_pattern => "模式", "Pattern";
    col_tokens => "切分", "Tokens";
    pattern_quoted => "引号", "quoted";
    pattern_set => "四字格", "set";
    ngrams_count_rule => "序列按索引词表切分，不跨标点；引号中的提法和口号数标题和正文中的全部出现（加不加引号都算）。", "Sequences are cut by the index vocabulary and never cross punctuation; quoted phrases and slogans count every occurrence in titles and text, quoted or not.";
    candidate_hint => "这些都是候选主题：点词语可以查看它的语境、搭配、分布，或在主题追踪中跟踪。", "Each is a candidate theme: click a term for its concordance, collocates, dispersion, or to track it as a theme.";

    summary_title => "语料概览", "Corpus summary";
    sum_issues => "期数", "Issues";
    sum_articles => "文章", "Articles";
    sum_tokens => "词（分词后）", "Tokens (segmented words)";
    sum_types => "不同的词", "Types (distinct words)";
    sum_chars => "字数", "Characters";
    sum_ttr => "类符/形符比", "Type/token ratio";
    distinctive_title => "各类文章最有特色的词", "The most distinctive words of each kind";
    distinctive_hint => "每类文章与其余文章相比的正主题词：G² 超过临界值的词里 Log Ratio 最大的。", "Positive keywords of each kind against the rest: the largest Log Ratio among the words above the critical value.";
    top_freq_title => "高频词", "Most frequent words";
    all_rows => "全部 →", "All →";
    summary_count_rule => "词数和不同的词都按分词后的词计算（标点不算），与词频表相同。", "Tokens and types count segmented words (punctuation left out), as the frequency list does.";

    not_found => "页面不存在。", "There is no such page.";
    go_search => "去检索", "Go to search";

    nav_mine => "我的文本", "My texts";
    mine_title => "我的文本", "Your texts";
    mine_privacy => "你的文本只在这个浏览器里清洗、分词、建索引，并保存在浏览器的 IndexedDB 中，从不上传。", "Your texts are cleaned, segmented and indexed in this browser and kept in its IndexedDB; nothing is uploaded.";
    mine_pick => "选择 .txt 文件（UTF-8、GBK/GB18030 或带 BOM 的 UTF-16）", "Choose .txt files (UTF-8, GBK/GB18030 or UTF-16 with a BOM)";
    mine_drop_hint => "也可以把文件拖到这里。", "Or drop files here.";
    mine_paste => "或粘贴文本", "Or paste text";
    mine_paste_add => "添加粘贴的文本", "Add the pasted text";
    mine_failed => "出错了：", "Something went wrong:";
    mine_none => "还没有文本。添加一个 .txt 文件或粘贴一段文本。", "No texts yet. Add a .txt file or paste some text.";
    mine_texts_caption => "已保存的文本", "Kept texts";
    mine_col_name => "名称", "Name";
    mine_col_articles => "文章", "Articles";
    mine_col_chars => "字数", "Characters";
    mine_col_remove => "移除", "Remove";
    mine_remove => "移除", "Remove";
    mine_views_label => "在我的文本中", "On your texts";
    mine_progress_label => "处理进度", "Progress";
    mine_fetching_dictionary => "正在下载分词词典…", "Fetching the segmenter's dictionary…";
    mine_working => "正在处理…", "Working…";
    mine_banner => "正在查看：我的文本。", "Showing: your texts.";
    mine_back => "回到报纸语料", "Back to the newspaper corpus";
    mine_empty_title => "还没有你的文本", "No texts of yours yet";
    mine_open => "添加文本", "Add texts";
}

impl Tr {
    pub fn mine_refused(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("未收录 {name}："),
            Lang::En => format!("{name} was not added:"),
        }
    }

    /// Why a text was not added, by [`yuliao::clean::CleanError::code`] (`index`: the index over
    /// the texts could not be built).
    pub fn mine_refusal(&self, code: &str) -> &'static str {
        match (self.lang, code) {
            (Lang::Zh, "empty") => "文件是空的，没有文字。",
            (Lang::Zh, "binary") => "这不是文本文件（是二进制文件）。",
            (Lang::Zh, "undecodable") => "无法识别它的文字编码，请另存为 UTF-8 或 GBK。",
            (Lang::Zh, "no_articles") => "文本里找不到可以成为文章的正文。",
            (Lang::Zh, _) => "无法为这些文本建立索引。",
            (Lang::En, "empty") => "The file is empty: it holds no text.",
            (Lang::En, "binary") => "This is not a text file (it is binary).",
            (Lang::En, "undecodable") => "Its text encoding is not recognised; save it as UTF-8 or GBK.",
            (Lang::En, "no_articles") => "The text holds nothing that could become an article.",
            (Lang::En, _) => "The index over these texts could not be built.",
        }
    }

    pub fn mine_remove_label(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("移除 {name}"),
            Lang::En => format!("Remove {name}"),
        }
    }

    pub fn mine_indexing(&self, done: u64, total: u64) -> String {
        match self.lang {
            Lang::Zh => format!("正在分词、建索引：{} / {} 篇", thousands(done), thousands(total)),
            Lang::En => format!("Segmenting and indexing: {} of {} articles", thousands(done), thousands(total)),
        }
    }

    pub fn mine_also(&self, total: usize) -> String {
        let n = thousands(total as u64);
        match self.lang {
            Lang::Zh => format!("我的文本中也有 {n} 篇文章匹配 →"),
            Lang::En => format!("Your texts: {n} matching articles →"),
        }
    }
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
                // The engine's messages start with an ASCII letter: an ASCII capital keeps core's
                // Unicode upper-case table (13.8 KB, 5.3 KB gzip) out of the wasm.
                let mut s = e.to_string();
                if let Some(first) = s.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                s
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

/// A statistic a view shows: [`Tr::stat_name`], [`Tr::stat_what`] (one plain line) and
/// [`Tr::stat_formula`] (on demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    LogDice,
    Mi,
    Mi3,
    T,
    Ll,
    G2,
    LogRatio,
    Range,
    Dp,
    DpNorm,
    JuillandD,
    Ttr,
}

impl Stat {
    /// The statistic of a collocation measure.
    pub fn of_measure(m: yuliao::analysis::Measure) -> Stat {
        use yuliao::analysis::Measure as M;
        match m {
            M::LogDice => Stat::LogDice,
            M::Mi => Stat::Mi,
            M::Mi3 => Stat::Mi3,
            M::T => Stat::T,
            M::Ll => Stat::Ll,
        }
    }
}

impl Tr {
    pub fn stat_name(&self, s: Stat) -> &'static str {
        match (self.lang, s) {
            (_, Stat::LogDice) => "logDice",
            (_, Stat::Mi) => "MI",
            (_, Stat::Mi3) => "MI3",
            (_, Stat::T) => "T-score",
            (_, Stat::Ll) | (_, Stat::G2) => "G²",
            (_, Stat::LogRatio) => "Log Ratio",
            (Lang::Zh, Stat::Range) => "分布范围",
            (Lang::En, Stat::Range) => "Range",
            (_, Stat::Dp) => "DP",
            (_, Stat::DpNorm) => "DPnorm",
            (Lang::Zh, Stat::JuillandD) => "Juilland D",
            (Lang::En, Stat::JuillandD) => "Juilland's D",
            (Lang::Zh, Stat::Ttr) => "类符/形符比",
            (Lang::En, Stat::Ttr) => "Type/token ratio",
        }
    }

    /// One plain-language line: what the number says.
    pub fn stat_what(&self, s: Stat) -> &'static str {
        match (self.lang, s) {
            (Lang::Zh, Stat::LogDice) => "两个词常在一起的程度；不受语料大小影响，最大 14，每加 1 表示搭配强一倍。",
            (Lang::En, Stat::LogDice) => "How strongly two words go together; independent of corpus size, at most 14, +1 means twice as strong.",
            (Lang::Zh, Stat::Mi) => "实际共现比随机预期多几倍（以 2 为底的对数）；偏爱罕见词。",
            (Lang::En, Stat::Mi) => "How many times more often the words meet than chance predicts (log base 2); favours rare words.",
            (Lang::Zh, Stat::Mi3) => "MI 的变体，把共现次数立方，减少对罕见词的偏爱。",
            (Lang::En, Stat::Mi3) => "MI with the co-occurrences cubed, so rare words are favoured less.",
            (Lang::Zh, Stat::T) => "共现比预期多出多少，以共现次数的平方根衡量；偏爱高频词，约 2 以上算可靠。",
            (Lang::En, Stat::T) => "How far co-occurrence exceeds chance, scaled by its square root; favours frequent words, above about 2 is reliable.",
            (Lang::Zh, Stat::Ll) => "对数似然：共现是否只是偶然；越大越不可能是巧合，3.84 对应 p < .05。",
            (Lang::En, Stat::Ll) => "Log-likelihood: could the co-occurrence be chance? The larger, the less likely; 3.84 is p < .05.",
            (Lang::Zh, Stat::G2) => "对数似然：两部分的差别是否只是偶然；越大越可靠，负数表示目标中用得少。",
            (Lang::En, Stat::G2) => "Log-likelihood: could the difference between the two parts be chance? The larger, the surer; negative means rarer in the target.",
            (Lang::Zh, Stat::LogRatio) => "效应大小：目标中的相对频率是参照中的几倍（以 2 为底）；+1 是两倍，−1 是一半。",
            (Lang::En, Stat::LogRatio) => "Effect size: how many times more frequent in the target than in the reference (log base 2); +1 is twice, −1 half.",
            (Lang::Zh, Stat::Range) => "出现在多少个分段（文章或期）中。",
            (Lang::En, Stat::Range) => "In how many parts (articles or issues) the term occurs.",
            (Lang::Zh, Stat::Dp) => "Gries 提出：实际分布与按篇幅比例分布的差距；0 表示均匀，接近 1 表示集中在少数分段。",
            (Lang::En, Stat::Dp) => "Gries': how far the spread departs from one in proportion to part sizes; 0 is even, near 1 concentrated in a few parts.",
            (Lang::Zh, Stat::DpNorm) => "把 DP 换算到 0 到 1 之间，便于不同语料比较。",
            (Lang::En, Stat::DpNorm) => "DP rescaled to run from 0 to 1, to compare corpora.",
            (Lang::Zh, Stat::JuillandD) => "1 表示各分段的相对频率相同，接近 0 表示很不均匀；用总体标准差（除以 n）计算。",
            (Lang::En, Stat::JuillandD) => "1 when every part uses the term equally often, near 0 when very uneven; uses the population standard deviation (divide by n).",
            (Lang::Zh, Stat::Ttr) => "不同的词数除以总词数；语料越大越小，只宜比较大小相近的语料。",
            (Lang::En, Stat::Ttr) => "Distinct words divided by all words; it falls as a corpus grows, so compare only corpora of similar size.",
        }
    }

    /// The formula, with its symbols explained.
    pub fn stat_formula(&self, s: Stat) -> &'static str {
        match (self.lang, s) {
            (_, Stat::LogDice) => "logDice = 14 + log₂(2·f_AB / (f_A + f_B))",
            (_, Stat::Mi) => "MI = log₂(f_AB · N / (f_A · f_B))",
            (_, Stat::Mi3) => "MI3 = log₂(f_AB³ · N / (f_A · f_B))",
            (_, Stat::T) => "T = (f_AB − f_A · f_B / N) / √f_AB",
            (Lang::Zh, Stat::Ll) => "G² = 2 Σ O·ln(O/E)，四格表：O11 = f_AB，R1 = 窗口内的词数，C1 = f_B，总数 N；E = 行和 × 列和 / N；O11 < E11 时取负。",
            (Lang::En, Stat::Ll) => "G² = 2 Σ O·ln(O/E) over the 2×2 table: O11 = f_AB, R1 = tokens in the windows, C1 = f_B, total N; E = row total × column total / N; negative when O11 < E11.",
            (Lang::Zh, Stat::G2) => "G² = 2 Σ O·ln(O/E)，四格表：O11 = 目标频次 a，O21 = 参照频次 b，R1 = 目标词数 T，R2 = 参照词数 R；E = 行和 × 列和 / N；临界值按 Šidák 校正：α′ = 1 − (1 − α)^(1/m)，m 为检验的词数。",
            (Lang::En, Stat::G2) => "G² = 2 Σ O·ln(O/E) over the 2×2 table: O11 = target freq. a, O21 = reference freq. b, R1 = target tokens T, R2 = reference tokens R; E = row total × column total / N; critical value Šidák-corrected: α′ = 1 − (1 − α)^(1/m), m = words tested.",
            (Lang::Zh, Stat::LogRatio) => "Log Ratio = log₂((a / T) / (b / R))，频次为 0 时按 0.5 计。",
            (Lang::En, Stat::LogRatio) => "Log Ratio = log₂((a / T) / (b / R)), a zero count taken as 0.5.",
            (Lang::Zh, Stat::Range) => "分布范围 = 次数 v_i > 0 的分段数。",
            (Lang::En, Stat::Range) => "Range = number of parts with v_i > 0.",
            (Lang::Zh, Stat::Dp) => "DP = ½ Σ |v_i / f − s_i|；v_i 为第 i 段的次数，f = Σ v_i，s_i 为该段词数占全部的比例。",
            (Lang::En, Stat::Dp) => "DP = ½ Σ |v_i / f − s_i|; v_i hits in part i, f = Σ v_i, s_i the part's share of all tokens.",
            (Lang::Zh, Stat::DpNorm) => "DPnorm = DP / (1 − min s_i)",
            (Lang::En, Stat::DpNorm) => "DPnorm = DP / (1 − min s_i)",
            (Lang::Zh, Stat::JuillandD) => "D = 1 − CV(p) / √(n − 1)；p_i = v_i / 第 i 段词数，CV = 总体标准差 / 平均值（除以 n，不是 n − 1），n 为分段数。",
            (Lang::En, Stat::JuillandD) => "D = 1 − CV(p) / √(n − 1); p_i = v_i / size of part i, CV = population SD / mean (divide by n, not n − 1), n parts.",
            (Lang::Zh, Stat::Ttr) => "TTR = 不同的词数 / 总词数",
            (Lang::En, Stat::Ttr) => "TTR = types / tokens",
        }
    }

    /// "sampled N of M articles".
    pub fn sampled(&self, read: usize, of: usize) -> String {
        let (r, o) = (thousands(read as u64), thousands(of as u64));
        match self.lang {
            Lang::Zh => format!("语料太大：只均匀抽取了 {o} 篇中的 {r} 篇来计算（抽样）。"),
            Lang::En => format!("A large corpus: sampled {r} of {o} articles, evenly spaced."),
        }
    }

    /// The concordance's count line.
    pub fn kwic_lines(&self, shown: usize, total: usize) -> String {
        let (s, t) = (thousands(shown as u64), thousands(total as u64));
        match self.lang {
            Lang::Zh if shown < total => format!("共 {t} 行，显示前 {s} 行"),
            Lang::Zh => format!("共 {t} 行"),
            Lang::En if shown < total => format!("{t} lines, the first {s} shown"),
            Lang::En => format!("{t} lines"),
        }
    }

    /// With sort keys on a concordance longer than the engine sorts.
    pub fn kwic_sorted_of(&self, sorted: usize, total: usize) -> String {
        let (s, t) = (thousands(sorted as u64), thousands(total as u64));
        match self.lang {
            Lang::Zh => format!("只对阅读顺序中的前 {s} 行（共 {t} 行）排序。"),
            Lang::En => format!("Only the first {s} of {t} lines in reading order are sorted."),
        }
    }

    pub fn colloc_summary(&self, node: &str, fa: u64, n: u64, window: usize, r1: u64) -> String {
        let (fa, n, r1) = (thousands(fa), thousands(n), thousands(r1));
        match self.lang {
            Lang::Zh => format!("节点词“{node}”出现 f_A = {fa} 次；语料共 N = {n} 词；跨距左右各 {window} 个词，窗口内共 R1 = {r1} 词。"),
            Lang::En => format!("Node “{node}”: f_A = {fa} occurrences; the corpus has N = {n} tokens; span {window} words each side, R1 = {r1} tokens in the windows."),
        }
    }

    pub fn keyness_sizes(&self, target: &str, t: u64, reference: &str, r: u64) -> String {
        let (t, r) = (thousands(t), thousands(r));
        match self.lang {
            Lang::Zh => format!("目标“{target}”共 T = {t} 词；参照“{reference}”共 R = {r} 词。"),
            Lang::En => format!("Target “{target}”: T = {t} tokens; reference “{reference}”: R = {r} tokens."),
        }
    }

    pub fn critical_value(&self, critical: f64, tested: usize) -> String {
        let (c, m) = (fixed(critical, 2), thousands(tested as u64));
        match self.lang {
            Lang::Zh => format!("临界值：|G²| ≥ {c}（p < .05，按 Šidák 校正检验的 {m} 个词）。只列出超过临界值的词。"),
            Lang::En => format!("Critical value: |G²| ≥ {c} (p < .05, Šidák-corrected for the {m} words tested). Only words above it are listed."),
        }
    }

    pub fn dispersion_freq(&self, freq: u64, range: usize, parts: usize) -> String {
        let (f, r, p) = (thousands(freq), thousands(range as u64), thousands(parts as u64));
        match self.lang {
            Lang::Zh => format!("共出现 {f} 次，分布在 {p} 个分段中的 {r} 个"),
            Lang::En => format!("{f} occurrences, in {r} of {p} parts"),
        }
    }

    pub fn plot_label(&self, term: &str, freq: u64, range: usize, parts: usize) -> String {
        let (f, r, p) = (thousands(freq), thousands(range as u64), thousands(parts as u64));
        match self.lang {
            Lang::Zh => format!("“{term}”的分布图：{f} 次出现，分布在 {p} 个分段中的 {r} 个（数据见下表）"),
            Lang::En => format!("Dispersion plot of “{term}”: {f} occurrences in {r} of {p} parts (the table below lists them)"),
        }
    }

    /// The count of a candidate list.
    pub fn rows_n(&self, n: usize) -> String {
        let n = thousands(n as u64);
        match self.lang {
            Lang::Zh => format!("（{n} 条）"),
            Lang::En => format!("({n})"),
        }
    }

    pub fn docs_read(&self, docs: usize) -> String {
        let d = thousands(docs as u64);
        match self.lang {
            Lang::Zh => format!("读取了全部 {d} 篇文章。"),
            Lang::En => format!("Read all {d} articles."),
        }
    }

    /// A kind's heading in the summary, with its size.
    pub fn kind_tokens(&self, kind: &str, tokens: u64) -> String {
        let t = thousands(tokens);
        match self.lang {
            Lang::Zh => format!("{}（{t} 词）", self.kind_name(kind)),
            Lang::En => format!("{} ({t} tokens)", self.kind_name(kind)),
        }
    }
}

labels! {
    chart_by => "图表按", "Chart by";
    by_date => "按日期", "By date";
    by_unit => "按单位", "By unit";
    by_kind => "按类型", "By kind";
    counts_label => "计数", "Counts";
    raw_counts => "原始次数", "Raw counts";
    per_10k_tokens => "每万词", "Per 10,000 tokens";
    ma_label => "移动平均", "Moving average";
    ma_off => "不平滑", "Off";
    theme_total_series => "主题合计", "Theme total";
    col_period => "时期", "Period";
    col_issues => "期数", "Issues";
    col_word_tokens => "词数", "Tokens";
    col_total => "合计", "Total";
    per_10k_rule => "每万词 = 次数 ÷ 该期（或该月、该单位、该类型）标题和正文的总词数 × 10,000；总词数来自索引的预计算表。",
                    "Per 10,000 tokens = count ÷ the word tokens of that issue's (month's, unit's, kind's) titles and text × 10,000; token totals come from the index's precomputed tables.";
    ma_rule => "居中移动平均：每个时期取以它为中心的 k 期中有数值的各期的平均；没有出版的月份和时间轴以外的时期不计入，空缺处仍是空缺。",
               "Centred moving average: each period takes the mean of the periods with a value among the k centred on it; months without an issue and periods beyond the axis are left out, and a gap stays a gap.";
    gaps_rule => "灰色竖条是没有出版的月份：折线在那里断开，不算作零。", "Grey bands are months without an issue: the line breaks there, they are not zeros.";
    download_series_csv => "下载图表数据 CSV", "Download chart data CSV";
    cooc_title => "共现：同一篇文章中出现", "Co-occurrence: in the same article";
    cooc_hint => "每格是同时含有两项的文章篇数；对角线是含有该项的篇数。预设主题算作其中任一词。", "Each cell counts the articles holding both items; the diagonal, the articles holding the item. A preset theme counts as any of its terms.";
    col_item => "词语或主题", "Term or theme";
    col_item_type => "类别", "Type";
    item_term => "追踪的词", "tracked term";
    item_preset => "预设主题", "preset theme";
    download_cooc_csv => "下载共现 CSV", "Download co-occurrence CSV";
    cooc_with_presets => "也与预设主题交叉（需读取预设主题各词的索引）", "Cross with the preset themes too (reads their terms' index entries)";
    cooc_without_presets => "只看追踪的词", "Tracked terms only";
    suggestions_title => "建议主题（来自口号发现）", "Suggested themes (from the slogan finder)";
    no_suggestions => "没有更多建议。", "No further suggestion.";
    freq_count_rule => "这里数的是分词后的整词，只数标题和正文；主题追踪和语境索引数的是字符串（分词切开的也算），检索数的是文章篇数，还查署名和单位，所以同一个词的数字可能不同。",
                       "This counts segmented words in titles and text only; the theme tracker and the concordance count the string (even where the segmenter split it), and search counts articles and also looks in bylines and units, so the same word may show other numbers there.";
    theme_vs_other => "词频表只数分词后的整词，可能更少；检索数的是文章篇数，还查署名和单位。", "The frequency list counts segmented words only, so it may show fewer; search counts articles and also looks in bylines and units.";
    search_count_rule => "篇数包括只在署名、单位等处匹配的文章；主题追踪数的是标题和正文中的出现次数，词频表数分词后的整词。", "Articles include those matching only in bylines, units and other fields; the theme tracker counts occurrences in titles and text, the frequency list segmented words.";
    show_label => "显示", "Show";
    show_table => "图表和表格", "Chart and table";
    show_cloud => "词云", "Word cloud";
}

impl Tr {
    /// The name of a chart axis choice.
    pub fn theme_by_name(&self, by: &str) -> &'static str {
        match by {
            "article" => self.by_article(),
            "issue" => self.by_issue(),
            "date" => self.by_date(),
            "unit" => self.by_unit(),
            _ => self.by_kind(),
        }
    }

    /// A moving average's option and series name.
    pub fn moving_average(&self, k: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{k}期移动平均"),
            Lang::En => format!("{k}-period moving average"),
        }
    }

    /// The accessible name of the theme's series chart: what, over what, how many periods.
    pub fn series_chart_label(&self, terms: &[String], by: &str, per_10k: bool, first: &str, last: &str, periods: usize, gaps: usize, ma: usize) -> String {
        let t = terms.join("、");
        let by = self.theme_by_name(by);
        let unit = if per_10k { self.per_10k_tokens() } else { self.raw_counts() };
        let mut s = match self.lang {
            Lang::Zh => format!("主题“{t}”{by}的图表（{unit}）：{first} 至 {last}，共 {periods} 项"),
            Lang::En => format!("Chart of the theme “{t}” ({by}; {unit}): {first} to {last}, {periods} periods"),
        };
        if gaps > 0 {
            s.push_str(&match self.lang {
                Lang::Zh => format!("，其中 {gaps} 个月没有出版（空缺）"),
                Lang::En => format!(", {gaps} of them months without an issue (gaps)"),
            });
        }
        if ma > 0 {
            s.push_str(if self.lang == Lang::Zh { "，含" } else { ", with the " });
            s.push_str(&self.moving_average(ma));
        }
        s.push_str(if self.lang == Lang::Zh { "。数据见下表。" } else { ". The table below lists the values." });
        s
    }

    /// Issues with no date, which the date axis leaves out.
    pub fn undated_issues(&self, stems: &[String]) -> String {
        let list = stems.join("、");
        match self.lang {
            Lang::Zh => format!("没有日期的期不在时间轴上：{list}"),
            Lang::En => format!("Issues without a date are not on the time axis: {list}"),
        }
    }

    /// A tracked term's column in the co-occurrence table.
    pub fn col_with(&self, term: &str) -> String {
        match self.lang {
            Lang::Zh => format!("与“{term}”同篇"),
            Lang::En => format!("with {term}"),
        }
    }

    /// The link that adds a suggested theme's terms.
    pub fn suggestion_title(&self, label: &str, count: u64, articles: u32) -> String {
        let (c, a) = (thousands(count), thousands(u64::from(articles)));
        match self.lang {
            Lang::Zh => format!("追踪“{label}”（{c} 次，{a} 篇）"),
            Lang::En => format!("Track “{label}” ({c} times in {a} articles)"),
        }
    }

    /// Where the suggestions come from: the articles the concordance shows.
    pub fn suggestions_from(&self, docs: usize) -> String {
        let d = thousands(docs as u64);
        match self.lang {
            Lang::Zh => format!("在语境索引列出的 {d} 篇含追踪词的文章中，引号中的提法、数字口号和四字格式出现两次以上的；点击即加入追踪。"),
            Lang::En => format!("Quoted phrases, numbered slogans and four-character sets found at least twice in the {d} articles the concordance lists; click one to track it too."),
        }
    }

    /// The accessible name of the word cloud.
    pub fn cloud_label(&self, n: usize, top: &str) -> String {
        match self.lang {
            Lang::Zh => format!("词云：前 {n} 个词，字号与次数成正比，最大的是“{top}”。数据见词频表。"),
            Lang::En => format!("Word cloud of the top {n} words, sized by count; the largest is “{top}”. The frequency table lists the numbers."),
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

    #[test]
    fn english_query_errors_are_the_engines_message_capitalised() {
        use yuliao::query::{parse, QueryError, MAX_QUERY_CHARS};
        let en = Tr { lang: Lang::En };
        let mut errors: Vec<QueryError> =
            ["", "，。！", "kind:xyz", "unit:"].iter().map(|q| parse(q).expect_err(q)).collect();
        errors.push(parse(&"铝".repeat(MAX_QUERY_CHARS + 1)).expect_err("too long"));
        errors.push(QueryError::Index(yuliao::index::IndexError::MissingPiece { name: "chars-0.bin".into() }));
        for e in &errors {
            let engine = e.to_string();
            let shown = en.query_error_text(e);
            // Upper case first, the rest as the engine wrote it (a query's own text untouched).
            assert_eq!(shown[..1], engine[..1].to_ascii_uppercase(), "{shown}");
            assert!(shown[..1].chars().all(|c| c.is_ascii_uppercase()), "{shown}");
            assert_eq!(shown[1..], engine[1..]);
        }
        // The query's text is quoted as typed, not escaped.
        assert!(errors[1].to_string().contains("\"，。！\""), "{}", errors[1]);
    }
}
