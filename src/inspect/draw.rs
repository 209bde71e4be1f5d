//! The Inspect drawings as SVG text, from facts the VM reported (never from the source): the
//! inheritance graph of one class with its MRO positions, and one class statement's creation
//! timeline, and an exception's tree of groups, causes and contexts. Same conventions as `practice::charts`: `role="img"` labelled by `<title>` and
//! `<desc>`, focusable, `currentColor` and CSS classes only (dark mode is the page's CSS),
//! a viewBox so it scales to a phone, every label escaped. The page shows the same facts as
//! text next to each drawing (`inspect::text`).
//!
//! CSS hooks: `<svg class="inspect-svg inspect-{graph,timeline}">`, then `node` (a class box;
//! `focus` for the class asked about), `node-label`, `mro-rank`, `edge`, `edge-order`,
//! `event`, `event-dot`, `event-label`, `event-raised`, `exc` (one exception; `exc-root` for
//! the one that ended the program), `exc-link` (its line from the parent), `exc-how`,
//! `split-leaf`, `split-handler` (`split-unhandled` for the leaves no clause took), `split-link`,
//! `growth-axis`, `growth-point`, `growth-fit`.

use super::layout::Layout;
use super::growth;
use super::report::{ClassCreation, EventKind, ExceptStarSplit, ExceptionNode, GrowthMeasure, Visit};
use crate::practice::charts::{escape, shorten};
use std::fmt::Write;

const BOX_H: f64 = 30.0;
const ROW_GAP: f64 = 34.0;
const COL_GAP: f64 = 18.0;
const CHAR_W: f64 = 7.6;
/// Longest class name drawn in a box, and longest event or exception label.
const MAX_LABEL: usize = 28;
const MAX_LONG_LABEL: usize = 44;

/// A short id, stable for the same drawing, so two drawings on a page keep their ids apart.
fn svg_id(kind: &str, text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in kind.bytes().chain([0]).chain(text.bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("inspect-{kind}-{h:08x}")
}

pub(super) fn open(kind: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    let id = svg_id(kind, &format!("{title}\n{desc}"));
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="inspect-svg inspect-{kind}" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" role="img" aria-labelledby="{id}-title {id}-desc" tabindex="0" focusable="true" preserveAspectRatio="xMinYMin meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    )
}

/// The inheritance graph of `layout` (one class and its ancestors; every edge points from a
/// class down to a base). Each box carries the class's position in `mro` (1 = the class itself),
/// and each edge from a class with several bases its order among them. `name` gives the label
/// of a class id (ids carry `#2` for a second class of the same name).
pub fn inheritance_graph(layout: &Layout, mro: &[String], name: impl Fn(&str) -> String, focus: &str) -> String {
    let label = |id: &str| shorten(&name(id), MAX_LABEL);
    let box_w = layout.nodes.iter().map(|n| label(&n.id).chars().count()).max().unwrap_or(6) as f64 * CHAR_W + 34.0;
    let box_w = box_w.max(70.0);
    let columns = layout.columns.max(1) as f64;
    let width = columns * box_w + (columns - 1.0) * COL_GAP + 8.0;
    let height = layout.rows as f64 * (BOX_H + ROW_GAP) - ROW_GAP + 8.0;
    // Each row is centred: a row with fewer classes than the widest sits in the middle.
    let in_row = |row: usize| layout.nodes.iter().filter(|n| n.row == row).count() as f64;
    let position = |id: &str| {
        layout.nodes.iter().find(|n| n.id == id).map(|n| {
            let offset = (columns - in_row(n.row)) * (box_w + COL_GAP) / 2.0;
            (4.0 + offset + n.column as f64 * (box_w + COL_GAP), 4.0 + n.row as f64 * (BOX_H + ROW_GAP))
        })
    };
    let order_text: Vec<String> = mro.iter().map(|id| name(id)).collect();
    let title = format!("Inheritance graph of {}", name(focus));
    let desc = format!(
        "Each class points down to its bases, in order. Numbers give each class's place in the MRO: {}.",
        order_text.join(", ")
    );
    let mut svg = open("graph", width, height, &title, &desc);
    svg.push_str(r#"<defs><marker id="inspect-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="currentColor"/></marker></defs>"#);
    for edge in &layout.edges {
        let (Some((cx, cy)), Some((bx, by))) = (position(&edge.class_id), position(&edge.base_id)) else { continue };
        let several = layout.edges.iter().filter(|e| e.class_id == edge.class_id).count() > 1;
        let (x1, y1, x2, y2) = (cx + box_w / 2.0, cy + BOX_H, bx + box_w / 2.0, by);
        let _ = write!(
            svg,
            r#"<g class="edge"><title>{} lists {} as base {}</title><line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{:.1}" stroke="currentColor" marker-end="url(#inspect-arrow)"/>"#,
            escape(&name(&edge.class_id)),
            escape(&name(&edge.base_id)),
            edge.order + 1,
            y2 - 1.0,
        );
        if several {
            let (mx, my) = (x1 + (x2 - x1) * 0.25, y1 + (y2 - y1) * 0.25);
            let _ = write!(
                svg,
                r#"<text class="edge-order" x="{:.1}" y="{:.1}" font-size="11" fill="currentColor">{}</text>"#,
                mx + 4.0,
                my + 4.0,
                edge.order + 1
            );
        }
        svg.push_str("</g>");
    }
    for node in &layout.nodes {
        let Some((x, y)) = position(&node.id) else { continue };
        let rank = mro.iter().position(|m| *m == node.id);
        let class = if node.id == focus { "node focus" } else { "node" };
        let rank_title = rank.map(|r| format!(", number {} in the MRO", r + 1)).unwrap_or_else(|| ", not in the MRO".into());
        let _ = write!(
            svg,
            r#"<g class="{class}"><title>{}{}</title><rect x="{x:.1}" y="{y:.1}" width="{box_w:.1}" height="{BOX_H}" rx="6" fill="none" stroke="currentColor"/><text class="node-label" x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle" fill="currentColor">{}</text>"#,
            escape(&name(&node.id)),
            rank_title,
            x + box_w / 2.0 + 8.0,
            y + 19.5,
            escape(&label(&node.id)),
        );
        if let Some(r) = rank {
            let _ = write!(
                svg,
                r#"<text class="mro-rank" x="{:.1}" y="{:.1}" font-size="11" font-weight="700" fill="currentColor">{}</text>"#,
                x + 7.0,
                y + 19.0,
                r + 1
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

fn event_label(kind: EventKind, who: &str, detail: &str) -> String {
    match kind {
        EventKind::Metaclass => format!("metaclass {who} chosen"),
        EventKind::Prepare => format!("{who}.__prepare__"),
        EventKind::Body => "class body runs".to_owned(),
        EventKind::MetaNew => format!("{who}.__new__"),
        EventKind::SetName => format!("{who}.__set_name__({detail})"),
        EventKind::InitSubclass => format!("{who}.__init_subclass__"),
        EventKind::MetaInit => format!("{who}.__init__"),
        EventKind::MetaCall => format!("{who}.__call__"),
        EventKind::Created => "class object exists".to_owned(),
        EventKind::Decorator => format!("@{who}"),
        EventKind::Raised => format!("raised {detail}"),
    }
}

/// One class statement's creation as a vertical timeline: a dot per event, in the order the
/// observer saw them, labelled with what ran.
pub fn creation_timeline(creation: &ClassCreation) -> String {
    let step = 30.0;
    let labels: Vec<String> = creation.events.iter().map(|e| shorten(&event_label(e.kind, &e.who, &e.detail), MAX_LONG_LABEL)).collect();
    let width = (labels.iter().map(|l| l.chars().count()).max().unwrap_or(10) as f64 * CHAR_W + 70.0).max(220.0);
    let height = (creation.events.len().max(1) as f64) * step + 10.0;
    let title = format!("How class {} was created", creation.class);
    let desc = format!("{} events, in the order they happened: {}.", creation.events.len(), labels.join("; "));
    let mut svg = open("timeline", width, height, &title, &desc);
    if creation.events.len() > 1 {
        let _ = write!(svg, r#"<line class="event-line" x1="16" y1="20" x2="16" y2="{:.1}" stroke="currentColor" stroke-opacity="0.5"/>"#, height - 20.0);
    }
    for (i, (event, label)) in creation.events.iter().zip(&labels).enumerate() {
        let y = 20.0 + i as f64 * step;
        let class = if event.kind == EventKind::Raised { "event event-raised" } else { "event" };
        let _ = write!(
            svg,
            r#"<g class="{class}"><title>{}. {}{}</title><circle class="event-dot" cx="16" cy="{y:.1}" r="5" fill="currentColor"/><text class="event-label" x="30" y="{:.1}" font-size="13" fill="currentColor"><tspan font-weight="700">{}.</tspan> {}</text></g>"#,
            i + 1,
            escape(label),
            if event.detail.is_empty() || matches!(event.kind, EventKind::SetName | EventKind::Raised) { String::new() } else { format!(" ({})", escape(&event.detail)) },
            y + 4.5,
            i + 1,
            escape(label),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The most exceptions drawn; the text version lists them all.
pub const MAX_EXCEPTIONS: usize = 60;

/// An exception as an indented tree, parent above child: an ExceptionGroup's members ("1.",
/// "2."), the direct cause (`raise ... from`) and the context (raised during handling). Notes
/// and traceback lines are in the text version only.
pub fn exception_tree(root: &ExceptionNode) -> String {
    let rows: Vec<(usize, String, String, Option<usize>)> = root
        .walk()
        .into_iter()
        .take(MAX_EXCEPTIONS)
        .map(|Visit { node, depth, relation, parent }| {
            let how = relation.words();
            let message = if node.message.is_empty() { String::new() } else { format!(": {}", node.message) };
            let again = if node.seen_before { " (shown above)" } else { "" };
            (depth, how, format!("{}{message}{again}", node.type_name), parent)
        })
        .collect();
    let step = 46.0;
    let indent = 26.0;
    let text_w = |s: &str| shorten(s, MAX_LONG_LABEL).chars().count() as f64 * CHAR_W;
    let width = rows.iter().map(|(d, how, label, ..)| *d as f64 * indent + text_w(how).max(text_w(label)) + 40.0).fold(220.0, f64::max);
    let height = rows.len() as f64 * step + 8.0;
    let title = format!("The exception {}, as a tree", root.type_name);
    let desc = rows.iter().map(|(d, how, label, ..)| format!("{}{}{label}", "  ".repeat(*d), if how.is_empty() { String::new() } else { format!("{how} ") })).collect::<Vec<_>>().join("; ");
    let mut svg = open("exceptions", width, height, &title, &desc);
    for (i, (depth, how, label, parent)) in rows.iter().enumerate() {
        let x = 6.0 + *depth as f64 * indent;
        let y = 4.0 + i as f64 * step;
        let class = if i == 0 { "exc exc-root" } else { "exc" };
        let _ = write!(svg, r#"<g class="{class}"><title>{}{}</title>"#, if how.is_empty() { String::new() } else { format!("{} ", escape(how)) }, escape(label));
        if let Some(p) = parent {
            // An elbow from the parent's dot down and across to this one.
            let (px, py) = (6.0 + rows[*p].0 as f64 * indent + 5.0, 4.0 + *p as f64 * step + 30.0);
            let _ = write!(svg, r#"<path class="exc-link" d="M{px:.1} {py:.1}V{:.1}H{:.1}" fill="none" stroke="currentColor" stroke-opacity="0.6"/>"#, y + 30.0, x - 2.0);
        }
        let _ = write!(
            svg,
            r#"<text class="exc-how" x="{:.1}" y="{:.1}" font-size="11" fill="currentColor">{}</text><circle cx="{:.1}" cy="{:.1}" r="4" fill="currentColor"/><text class="exc-label" x="{:.1}" y="{:.1}" font-size="13" fill="currentColor">{}</text></g>"#,
            x + 14.0,
            y + 14.0,
            escape(how),
            x + 5.0,
            y + 30.0,
            x + 14.0,
            y + 34.5,
            escape(&shorten(label, MAX_LONG_LABEL)),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// How `except*` divided one group: its leaf exceptions on the left, the clauses that took
/// them on the right (in the order they ran), a line from each leaf to its clause, and the
/// leaves no clause took to "not handled by except*".
pub fn except_star_split(split: &ExceptStarSplit) -> String {
    let leaf = |i: usize| split.leaves.get(i).map(|l| if l.message.is_empty() { l.type_name.clone() } else { format!("{}: {}", l.type_name, l.message) }).unwrap_or_default();
    let mut targets: Vec<(String, &[usize], bool)> =
        split.handlers.iter().map(|h| (format!("line {}: {}", h.line, clause_label(&h.clause)), h.leaves.as_slice(), false)).collect();
    if !split.unhandled.is_empty() {
        targets.push(("not handled by except*".into(), split.unhandled.as_slice(), true));
    }
    let step = 40.0;
    let top = 46.0;
    let label_w = |s: &str| shorten(s, MAX_LONG_LABEL).chars().count() as f64 * CHAR_W + 20.0;
    let left_w = (0..split.leaves.len()).map(|i| label_w(&leaf(i))).fold(120.0, f64::max);
    let right_w = targets.iter().map(|(t, ..)| label_w(t)).fold(120.0, f64::max);
    let gap = 70.0;
    let group = &split.group;
    let header = format!("{}{}", group.type_name, if group.message.is_empty() { String::new() } else { format!(": {}", group.message) });
    let raised = group.line.map(|l| format!("raised at line {l}")).unwrap_or_default();
    let width = (left_w + gap + right_w + 8.0).max(shorten(&header, MAX_LONG_LABEL).chars().count() as f64 * CHAR_W + 8.0);
    let rows = split.leaves.len().max(targets.len()) as f64;
    let height = top + rows * step + 4.0;
    let desc = targets
        .iter()
        .map(|(t, leaves, _)| format!("{t} took {}", leaves.iter().map(|&i| leaf(i)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = open("split", width, height, &format!("How except* split {header}{}", if raised.is_empty() { String::new() } else { format!(" ({raised})") }), &desc);
    let _ = write!(
        svg,
        r#"<text class="split-group" x="4" y="16" font-size="13" fill="currentColor">{}</text><text class="exc-how" x="4" y="34" font-size="11" fill="currentColor">{}</text>"#,
        escape(&shorten(&header, MAX_LONG_LABEL)),
        escape(&raised)
    );
    let y_of = |row: usize| top + row as f64 * step;
    let right_x = 4.0 + left_w + gap;
    for (j, (_, leaves, _)) in targets.iter().enumerate() {
        for &i in leaves.iter() {
            let (y1, y2) = (y_of(i) + BOX_H / 2.0, y_of(j) + BOX_H / 2.0);
            let _ = write!(svg, r#"<path class="split-link" d="M{:.1} {y1:.1}C{:.1} {y1:.1} {:.1} {y2:.1} {right_x:.1} {y2:.1}" fill="none" stroke="currentColor" stroke-opacity="0.7"/>"#, 4.0 + left_w, 4.0 + left_w + gap / 2.0, right_x - gap / 2.0);
        }
    }
    let boxed = |svg: &mut String, class: &str, x: f64, y: f64, w: f64, text: &str| {
        let _ = write!(
            svg,
            r#"<g class="{class}"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{BOX_H}" rx="5" fill="none" stroke="currentColor"/><text x="{:.1}" y="{:.1}" font-size="12" fill="currentColor">{}</text></g>"#,
            escape(text),
            x + 8.0,
            y + 19.0,
            escape(&shorten(text, MAX_LONG_LABEL))
        );
    };
    for i in 0..split.leaves.len() {
        boxed(&mut svg, "split-leaf", 4.0, y_of(i), left_w, &leaf(i));
    }
    for (j, (text, _, unhandled)) in targets.iter().enumerate() {
        boxed(&mut svg, if *unhandled { "split-handler split-unhandled" } else { "split-handler" }, right_x, y_of(j), right_w, text);
    }
    svg.push_str("</svg>");
    svg
}

/// Steps against n on log–log axes (powers of ten marked), one dot per measured size, and the
/// fitted class's curve through them. `None` with fewer than two sizes.
pub fn growth_plot(measure: &GrowthMeasure) -> Option<String> {
    if measure.points.len() < 2 {
        return None;
    }
    let points: Vec<(f64, f64)> = measure.points.iter().map(|&(n, s)| (n as f64, (s as f64).max(1.0))).collect();
    let fit = measure.fit();
    let curve = fit.as_ref().and_then(|f| growth::curve(f.growth, &points));
    let (w, h, left, bottom, pad) = (420.0, 260.0, 56.0, 36.0, 12.0);
    let decades = |values: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo.max(1.0).log10().floor(), hi.max(10.0).log10().ceil().max(lo.max(1.0).log10().floor() + 1.0))
    };
    let (x0, x1) = decades(&mut points.iter().map(|p| p.0));
    let curve_values = curve.iter().flatten().copied().filter(|v| *v >= 1.0);
    let (y0, y1) = decades(&mut points.iter().map(|p| p.1).chain(curve_values));
    let sx = |n: f64| left + (n.max(1.0).log10() - x0) / (x1 - x0) * (w - left - pad);
    let sy = |s: f64| h - bottom - (s.max(1.0).log10() - y0) / (y1 - y0) * (h - bottom - pad);
    let class = fit.as_ref().map(|f| format!("{} (R² {:.3})", f.growth.label(), f.r_squared)).unwrap_or_else(|| "no fit (too few sizes)".into());
    let title = format!("Steps of {} against n, log–log: {class}", measure.function);
    let desc = measure.points.iter().map(|(n, s)| format!("n = {n}: {s} steps")).collect::<Vec<_>>().join("; ");
    let mut svg = open("growth", w, h, &title, &desc);
    let _ = write!(svg, r#"<g class="growth-axis" fill="currentColor" font-size="11"><path d="M{left} {pad}V{:.1}H{:.1}" fill="none" stroke="currentColor"/>"#, h - bottom, w - pad);
    for d in (x0 as i32)..=(x1 as i32) {
        let x = sx(10f64.powi(d));
        let _ = write!(svg, r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#, h - bottom + 15.0, power_of_ten(d));
    }
    for d in (y0 as i32)..=(y1 as i32) {
        let y = sy(10f64.powi(d));
        let _ = write!(svg, r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#, left - 6.0, y + 4.0, power_of_ten(d));
    }
    let _ = write!(svg, r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">n</text><text x="12" y="{:.1}" transform="rotate(-90 12 {:.1})" text-anchor="middle">steps</text></g>"#, (left + w) / 2.0, h - 4.0, (h - bottom) / 2.0, (h - bottom) / 2.0);
    if let Some(curve) = &curve {
        let path: Vec<String> = points.iter().zip(curve).filter(|(_, c)| **c > 0.0).map(|((n, _), c)| format!("{:.1},{:.1}", sx(*n), sy(*c))).collect();
        let _ = write!(svg, r#"<polyline class="growth-fit" points="{}" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>"#, path.join(" "));
    }
    for ((n, s), (_, steps)) in points.iter().zip(&measure.points) {
        let _ = write!(svg, r#"<circle class="growth-point" cx="{:.1}" cy="{:.1}" r="3.5" fill="currentColor"><title>n = {n}: {steps} steps</title></circle>"#, sx(*n), sy(*s));
    }
    let _ = write!(svg, r#"<text class="growth-label" x="{:.1}" y="{:.1}" font-size="13" fill="currentColor">{}</text>"#, left + 8.0, pad + 12.0, escape(&class));
    svg.push_str("</svg>");
    Some(svg)
}

fn power_of_ten(d: i32) -> String {
    match d {
        0 => "1".into(),
        1 => "10".into(),
        2 => "100".into(),
        _ => format!("1e{d}"),
    }
}

/// `except* (A, B) as eg:` drawn as `except* (A, B)`: the name bound adds nothing here.
fn clause_label(clause: &str) -> &str {
    let clause = clause.trim_end().trim_end_matches(':');
    match clause.rfind(" as ") {
        Some(at) if clause[at + 4..].trim().chars().all(|c| c.is_alphanumeric() || c == '_') => clause[..at].trim_end(),
        _ => clause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::layout::layout;
    use crate::inspect::report::CreationEvent;

    fn graph(spec: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
        spec.iter().map(|(n, b)| (n.to_string(), b.split_whitespace().map(str::to_owned).collect())).collect()
    }

    #[test]
    fn a_diamond_is_drawn_with_mro_numbers_titles_and_escaped_names() {
        let g = graph(&[("object", ""), ("A", "object"), ("B<x>", "A"), ("C", "A"), ("D", "B<x> C")]);
        let mro: Vec<String> = ["D", "B<x>", "C", "A", "object"].map(String::from).to_vec();
        let l = layout(&g, "D", &mro).unwrap();
        let svg = inheritance_graph(&l, &mro, |id| id.to_owned(), "D");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains(r#"tabindex="0""#));
        assert!(svg.contains("<title id=") && svg.contains("<desc id="));
        assert!(svg.contains("place in the MRO: D, B&lt;x&gt;, C, A, object."), "{svg}");
        assert!(!svg.contains("B<x>"), "names are escaped");
        assert_eq!(svg.matches(r#"<g class="node"#).count(), 5);
        assert_eq!(svg.matches(r#"<g class="edge""#).count(), 5);
        assert!(svg.contains(r#"<g class="node focus"><title>D, number 1 in the MRO</title>"#));
        assert!(svg.contains("<title>object, number 5 in the MRO</title>"));
        // D's two bases are numbered; single-base edges are not.
        assert_eq!(svg.matches(r#"class="edge-order""#).count(), 2);
        assert!(svg.contains("<title>D lists C as base 2</title>"));
    }

    #[test]
    fn an_exception_group_with_a_cause_is_drawn_parent_above_child() {
        let node = |t: &str, m: &str| ExceptionNode {
            type_name: t.into(),
            message: m.into(),
            notes: vec![],
            traceback: vec![],
            children: vec![],
            cause: None,
            context: None,
            suppress_context: false,
            seen_before: false,
        };
        let mut group = node("ExceptionGroup", "two <failed>");
        group.children = vec![node("ValueError", "a"), node("TypeError", "b")];
        group.cause = Some(Box::new(node("OSError", "disk")));
        let svg = exception_tree(&group);
        assert_eq!(svg.matches(r#"<g class="exc"#).count(), 4);
        assert!(svg.contains(r#"<g class="exc exc-root"><title>ExceptionGroup: two &lt;failed&gt;</title>"#), "{svg}");
        let at = |s: &str| svg.find(s).unwrap_or_else(|| panic!("{s} missing in {svg}"));
        assert!(at("<title>1. ValueError: a</title>") < at("<title>2. TypeError: b</title>"));
        assert!(at("<title>2. TypeError: b</title>") < at("<title>direct cause OSError: disk</title>"));
        assert_eq!(svg.matches(r#"class="exc-link""#).count(), 3, "one line per child");
        assert!(svg.contains("The exception ExceptionGroup, as a tree"));
    }

    #[test]
    fn a_split_links_each_leaf_to_the_clause_that_took_it() {
        use crate::inspect::report::{LeafException, RaisedGroup, StarHandler};
        let leaf = |t: &str, m: &str| LeafException { type_name: t.into(), message: m.into() };
        let split = ExceptStarSplit {
            group: RaisedGroup { type_name: "ExceptionGroup".into(), message: "jobs <2>".into(), line: Some(3) },
            leaves: vec![leaf("ValueError", "a"), leaf("KeyError", "'k'"), leaf("ValueError", "b")],
            handlers: vec![StarHandler { line: 5, clause: "except* ValueError as eg:".into(), leaves: vec![0, 2] }],
            unhandled: vec![1],
        };
        let svg = except_star_split(&split);
        assert!(svg.contains("How except* split ExceptionGroup: jobs &lt;2&gt; (raised at line 3)"), "{svg}");
        assert_eq!(clause_label("except* (A, B) as eg:"), "except* (A, B)");
        assert_eq!(clause_label("except* KeyError:"), "except* KeyError");
        assert_eq!(svg.matches(r#"class="split-leaf""#).count(), 3);
        assert_eq!(svg.matches(r#"class="split-handler""#).count(), 1);
        assert_eq!(svg.matches("split-unhandled").count(), 1);
        assert_eq!(svg.matches(r#"class="split-link""#).count(), 3, "one line per leaf");
        assert!(svg.contains("line 5: except* ValueError took ValueError: a, ValueError: b; not handled by except* took KeyError: &#39;k&#39;"), "{svg}");
    }

    #[test]
    fn a_growth_plot_has_a_dot_per_size_the_fitted_curve_and_its_class() {
        let measure = GrowthMeasure {
            function: "scan".into(),
            input: None,
            points: [1u64, 2, 4, 8, 16, 32, 64].iter().map(|&n| (n, 3 * n + 2)).collect(),
            stopped: String::new(),
            error: None,
        };
        let svg = growth_plot(&measure).expect("drawn");
        assert_eq!(svg.matches(r#"class="growth-point""#).count(), 7);
        assert_eq!(svg.matches(r#"class="growth-fit""#).count(), 1);
        assert!(svg.contains("Steps of scan against n, log–log: O(n) (R² 1.000)"), "{svg}");
        assert!(svg.contains("n = 64: 194 steps"));
        assert!(growth_plot(&GrowthMeasure { points: vec![(1, 1)], ..measure }).is_none());
    }

    #[test]
    fn a_timeline_has_a_dot_per_event_in_order() {
        let e = |kind, who: &str, detail: &str, seq| CreationEvent { kind, who: who.into(), detail: detail.into(), seq };
        let c = ClassCreation {
            class: "Model".into(),
            line: Some(3),
            events: vec![
                e(EventKind::Metaclass, "Meta", "from the base Base", 1),
                e(EventKind::Prepare, "Meta", "", 2),
                e(EventKind::Body, "", "3 names", 3),
                e(EventKind::SetName, "Field", "name", 4),
                e(EventKind::InitSubclass, "Base", "", 5),
                e(EventKind::Raised, "", "ValueError: no", 6),
            ],
        };
        let svg = creation_timeline(&c);
        assert_eq!(svg.matches(r#"class="event-dot""#).count(), 6);
        let at = |s: &str| svg.find(s).unwrap_or_else(|| panic!("{s} missing in {svg}"));
        assert!(at("Meta.__prepare__") < at("class body runs") && at("class body runs") < at("Field.__set_name__(name)"));
        assert!(svg.contains(r#"<g class="event event-raised">"#));
        assert!(svg.contains("How class Model was created"));
    }
}
