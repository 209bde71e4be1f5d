//! Where the inheritance graph's boxes go, so the page's SVG is drawing, not deciding.
//!
//! The drawn graph is one class and its ancestors. The class sits in row 0 and every base sits
//! below all of its subclasses (row = the longest path down from the class), so each edge
//! points down; within a row, classes stand in the order they take in the class's MRO.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// More boxes than this do not fit a phone; the page shows the text version instead.
pub const MAX_NODES: usize = 120;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub row: usize,
    pub column: usize,
}

/// `class_id` lists `base_id` as its `order`-th base (0 = first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub class_id: String,
    pub base_id: String,
    pub order: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub rows: usize,
    /// The widest row's width.
    pub columns: usize,
}

/// Lay out `focus` and its ancestors. `mro` orders each row (the class's `__mro__`, or as far
/// as the merge got when it failed); classes missing from it keep the order they were found.
pub fn layout(classes: &[(String, Vec<String>)], focus: &str, mro: &[String]) -> Result<Layout, String> {
    let bases_of: HashMap<&str, &[String]> = classes.iter().map(|(id, b)| (id.as_str(), b.as_slice())).collect();
    if !bases_of.contains_key(focus) {
        return Err(format!("{focus} is not a class of this program"));
    }
    // The ancestors, breadth first (this order breaks ties in a row).
    let mut found: Vec<&str> = vec![focus];
    let mut at = 0;
    while at < found.len() {
        for base in bases_of.get(found[at]).copied().unwrap_or(&[]) {
            if !found.contains(&base.as_str()) {
                found.push(base.as_str());
                if found.len() > MAX_NODES {
                    return Err(format!("{focus} has more than {MAX_NODES} ancestors: too many to draw; the text version lists them"));
                }
            }
        }
        at += 1;
    }
    // Longest path from the focus: relax edges in an order where every subclass comes before
    // its bases (Kahn's algorithm over the ancestors; a cycle, impossible for real classes,
    // leaves the rest unplaced and is reported).
    let mut waiting: HashMap<&str, usize> = found.iter().map(|id| (*id, 0)).collect();
    for id in &found {
        for base in bases_of.get(id).copied().unwrap_or(&[]) {
            *waiting.get_mut(base.as_str()).expect("an ancestor") += 1;
        }
    }
    if waiting[focus] != 0 {
        return Err("the bases form a cycle".into()); // an ancestor lists the class itself as a base
    }
    let mut row: HashMap<&str, usize> = HashMap::from([(focus, 0)]);
    let mut ready = vec![focus];
    let mut placed = 0;
    while let Some(id) = ready.pop() {
        placed += 1;
        let here = row[id];
        for base in bases_of.get(id).copied().unwrap_or(&[]) {
            let entry = row.entry(base.as_str()).or_insert(0);
            *entry = (*entry).max(here + 1);
            let count = waiting.get_mut(base.as_str()).expect("an ancestor");
            *count -= 1;
            if *count == 0 {
                ready.push(base.as_str());
            }
        }
    }
    if placed != found.len() {
        return Err("the bases form a cycle".into());
    }
    let rank = |id: &str| mro.iter().position(|m| m == id).unwrap_or(mro.len() + found.iter().position(|f| *f == id).unwrap_or(0));
    let rows = found.iter().map(|id| row[id]).max().unwrap_or(0) + 1;
    let mut nodes = vec![];
    let mut columns = 0;
    for r in 0..rows {
        let mut in_row: Vec<&str> = found.iter().copied().filter(|id| row[id] == r).collect();
        in_row.sort_by_key(|id| rank(id));
        columns = columns.max(in_row.len());
        nodes.extend(in_row.into_iter().enumerate().map(|(column, id)| Node { id: id.to_owned(), row: r, column }));
    }
    let edges = found
        .iter()
        .flat_map(|id| {
            bases_of.get(id).copied().unwrap_or(&[]).iter().enumerate().map(move |(order, base)| Edge { class_id: id.to_string(), base_id: base.clone(), order })
        })
        .collect();
    Ok(Layout { nodes, edges, rows, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(spec: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
        spec.iter().map(|(n, b)| (n.to_string(), b.split_whitespace().map(str::to_owned).collect())).collect()
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_diamond_has_the_bases_below_in_mro_order() {
        let g = graph(&[("object", ""), ("A", "object"), ("B", "A"), ("C", "A"), ("D", "C B"), ("Other", "object")]);
        let l = layout(&g, "D", &words("D C B A object")).unwrap();
        let at = |id: &str| l.nodes.iter().find(|n| n.id == id).map(|n| (n.row, n.column)).unwrap();
        assert_eq!([at("D"), at("C"), at("B"), at("A"), at("object")], [(0, 0), (1, 0), (1, 1), (2, 0), (3, 0)]);
        assert!(!l.nodes.iter().any(|n| n.id == "Other"), "only the class's ancestors are drawn");
        assert_eq!((l.rows, l.columns, l.edges.len()), (4, 2, 5));
        assert!(l.edges.contains(&Edge { class_id: "D".into(), base_id: "B".into(), order: 1 }));
    }

    #[test]
    fn every_edge_points_down_even_for_shortcuts() {
        // Leaf lists Root directly as well as through a chain: Root goes below the chain.
        let g = graph(&[("object", ""), ("Root", "object"), ("M1", "Root"), ("M2", "M1"), ("M3", "M2"), ("Leaf", "M3 Root")]);
        let l = layout(&g, "Leaf", &words("Leaf M3 M2 M1 Root object")).unwrap();
        let row = |id: &str| l.nodes.iter().find(|n| n.id == id).unwrap().row;
        for e in &l.edges {
            assert!(row(&e.base_id) > row(&e.class_id), "{e:?}");
        }
        assert_eq!(row("Root"), 4);
    }

    #[test]
    fn unknown_huge_and_cyclic_graphs_are_refused_with_a_reason() {
        assert!(layout(&graph(&[("A", "")]), "B", &[]).unwrap_err().contains("not a class"));
        let mut g = graph(&[("C0", "")]);
        for i in 1..200 {
            g.push((format!("C{i}"), vec![format!("C{}", i - 1)]));
        }
        assert!(layout(&g, "C199", &[]).unwrap_err().contains("too many to draw"));
        assert!(layout(&g, "C50", &[]).is_ok());
        assert_eq!(layout(&graph(&[("P", "Q"), ("Q", "P")]), "P", &[]).unwrap_err(), "the bases form a cycle");
    }
}
