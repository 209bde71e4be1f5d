//! SVG charts drawn in Rust (no chart library, nothing fetched). Every chart: `role="img"`
//! labelled by its `<title>` and `<desc>`, focusable (`tabindex="0"`) so keyboard users reach
//! it, colours only `currentColor` and CSS classes (so dark mode is the page's CSS), a viewBox
//! so it scales to a phone, every label escaped, and the same data as a text table.
//! CSS hooks: `<svg class="chart chart-kind-{bar,hbar,line}">`, then `chart-axis`, `chart-item`
//! (one bar or point with its `<title>` tooltip), `chart-bar`, `chart-line`, `chart-point`,
//! `chart-label`, `chart-value`, `chart-empty`; everything is `currentColor`, so `color:` styles it.

use std::fmt::Write;

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub svg: String,
    /// The data as text; the first row is the header.
    pub table: Vec<Vec<String>>,
    pub title: String,
}

impl Chart {
    /// Name the table's two columns (defaults: "Label", "Value").
    pub fn with_columns(mut self, label: &str, value: &str) -> Chart {
        if let Some(header) = self.table.first_mut() {
            *header = vec![label.to_owned(), value.to_owned()];
        }
        self
    }
}

/// Text made safe for SVG/HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number as the table and labels show it: at most two decimals, no trailing zeros.
pub fn format_value(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

fn clean(v: f64) -> f64 {
    if v.is_finite() { v.max(0.0) } else { 0.0 }
}

fn scale_max(values: &[f64], max: Option<f64>) -> f64 {
    let m = max.filter(|m| m.is_finite() && *m > 0.0).unwrap_or_else(|| values.iter().copied().fold(0.0, f64::max));
    if m > 0.0 { m } else { 1.0 }
}

/// A short stable id so several charts on one page keep their title/desc ids apart.
fn chart_id(title: &str, desc: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in title.bytes().chain([0]).chain(desc.bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("chart-{h:08x}")
}

/// At most `max_chars` characters, ending in `…` when cut.
pub fn shorten(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max_chars - 1).collect();
        s.push('…');
        s
    }
}

fn open(kind: &str, width: u32, height: u32, title: &str, desc: &str) -> String {
    let id = chart_id(title, desc);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-kind-{kind}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" tabindex="0" focusable="true" preserveAspectRatio="xMidYMid meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    )
}

fn empty_note(svg: &mut String, width: u32, height: u32) {
    let _ = write!(
        svg,
        r#"<text class="chart-empty" x="{}" y="{}" text-anchor="middle" fill="currentColor" font-size="14">No data yet</text>"#,
        width / 2,
        height / 2
    );
}

fn table(labels: impl Iterator<Item = String>, values: &[f64]) -> Vec<Vec<String>> {
    let mut rows = vec![vec!["Label".to_owned(), "Value".to_owned()]];
    rows.extend(labels.zip(values).map(|(l, v)| vec![l, format_value(*v)]));
    rows
}

const WIDTH: u32 = 400;

/// Bars, one per label. Long labels (over 6 characters, like topic names) get horizontal bars
/// with the label on the left, legible at phone width; short ones (days) vertical bars.
pub fn bar_chart(title: &str, desc: &str, labels: &[String], values: &[f64], max: Option<f64>) -> Chart {
    let n = labels.len().min(values.len());
    let values: Vec<f64> = values[..n].iter().copied().map(clean).collect();
    let labels = &labels[..n];
    let top = scale_max(&values, max);
    let horizontal = labels.iter().any(|l| l.chars().count() > 6);
    let mut svg;
    if horizontal {
        // Each label sits on its own line above its bar, so a long topic name is never cut at
        // the left edge when the chart shrinks to phone width.
        let row = 40u32;
        let height = (n as u32 * row).max(60) + 6;
        let (left, right) = (2.0, WIDTH as f64 - 48.0);
        svg = open("hbar", WIDTH, height, title, desc);
        if n == 0 {
            empty_note(&mut svg, WIDTH, height);
        }
        let _ = write!(svg, r#"<line class="chart-axis" x1="{left}" y1="4" x2="{left}" y2="{}" stroke="currentColor"/>"#, height - 4);
        for (i, (label, v)) in labels.iter().zip(&values).enumerate() {
            let y = 4 + i as u32 * row;
            let w = ((v / top).min(1.0) * (right - left)).max(0.0);
            let _ = write!(
                svg,
                r#"<g class="chart-item"><title>{}: {}</title><text class="chart-label" x="{}" y="{}" fill="currentColor" font-size="13">{}</text><rect class="chart-bar" x="{left}" y="{}" width="{w:.1}" height="14" fill="currentColor"/><text class="chart-value" x="{:.1}" y="{}" fill="currentColor" font-size="12">{}</text></g>"#,
                escape(label),
                format_value(*v),
                left + 4.0,
                y + 13,
                escape(&shorten(label, 52)),
                y + 19,
                left + w + 4.0,
                y + 31,
                format_value(*v),
            );
        }
    } else {
        let height = 200u32;
        let (left, bottom, top_y) = (36.0, 170.0, 12.0);
        let slot = (WIDTH as f64 - left - 8.0) / n.max(1) as f64;
        let every = n.div_ceil(10).max(1); // at most ~10 axis labels
        svg = open("bar", WIDTH, height, title, desc);
        if n == 0 {
            empty_note(&mut svg, WIDTH, height);
        } else {
            axes(&mut svg, left, bottom, top_y, top);
        }
        for (i, (label, v)) in labels.iter().zip(&values).enumerate() {
            let h = (v / top).min(1.0) * (bottom - top_y);
            let x = left + i as f64 * slot + slot * 0.15;
            let _ = write!(
                svg,
                r#"<g class="chart-item"><title>{}: {}</title><rect class="chart-bar" x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="currentColor"/>"#,
                escape(label),
                format_value(*v),
                bottom - h,
                slot * 0.7,
            );
            if i % every == 0 {
                let _ = write!(
                    svg,
                    r#"<text class="chart-label" x="{:.1}" y="{}" text-anchor="middle" fill="currentColor" font-size="12">{}</text>"#,
                    x + slot * 0.35,
                    bottom + 16.0,
                    escape(label),
                );
            }
            svg.push_str("</g>");
        }
    }
    svg.push_str("</svg>");
    Chart { svg, table: table(labels.iter().cloned(), &values), title: title.to_owned() }
}

/// The value axis: a baseline, a top line, and their numbers.
fn axes(svg: &mut String, left: f64, bottom: f64, top_y: f64, top: f64) {
    let _ = write!(
        svg,
        r#"<g class="chart-axis"><line x1="{left}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="currentColor"/><line x1="{left}" y1="{top_y}" x2="{}" y2="{top_y}" stroke="currentColor" stroke-dasharray="2 4" stroke-opacity="0.5"/><text x="{}" y="{}" text-anchor="end" fill="currentColor" font-size="11">0</text><text x="{}" y="{}" text-anchor="end" fill="currentColor" font-size="11">{}</text></g>"#,
        WIDTH as f64 - 8.0,
        WIDTH as f64 - 8.0,
        left - 4.0,
        bottom + 4.0,
        left - 4.0,
        top_y + 4.0,
        format_value(top),
    );
}

/// A line through the points, in order (e.g. mock scores over time).
pub fn line_chart(title: &str, desc: &str, points: &[(String, f64)], max: Option<f64>) -> Chart {
    let values: Vec<f64> = points.iter().map(|(_, v)| clean(*v)).collect();
    let top = scale_max(&values, max);
    let height = 200u32;
    let (left, bottom, top_y, right) = (36.0, 170.0, 12.0, WIDTH as f64 - 16.0);
    let n = points.len();
    let x_of = |i: usize| if n <= 1 { (left + right) / 2.0 } else { left + 8.0 + i as f64 * (right - left - 8.0) / (n - 1) as f64 };
    let y_of = |v: f64| bottom - (v / top).min(1.0) * (bottom - top_y);
    let mut svg = open("line", WIDTH, height, title, desc);
    if n == 0 {
        empty_note(&mut svg, WIDTH, height);
    } else {
        axes(&mut svg, left, bottom, top_y, top);
    }
    if n > 1 {
        let path: Vec<String> = values.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v))).collect();
        let _ = write!(svg, r#"<polyline class="chart-line" points="{}" fill="none" stroke="currentColor" stroke-width="2"/>"#, path.join(" "));
    }
    let every = n.div_ceil(6).max(1);
    for (i, ((label, _), v)) in points.iter().zip(&values).enumerate() {
        let _ = write!(
            svg,
            r#"<g class="chart-item"><title>{}: {}</title><circle class="chart-point" cx="{:.1}" cy="{:.1}" r="4" fill="currentColor"/>"#,
            escape(label),
            format_value(*v),
            x_of(i),
            y_of(*v),
        );
        if i % every == 0 || i == n - 1 {
            let _ = write!(
                svg,
                r#"<text class="chart-label" x="{:.1}" y="{}" text-anchor="middle" fill="currentColor" font-size="12">{}</text>"#,
                x_of(i),
                bottom + 16.0,
                escape(&shorten(label, 10)),
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    Chart { svg, table: table(points.iter().map(|(l, _)| l.clone()), &values), title: title.to_owned() }
}
